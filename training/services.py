"""Enrolment writes: every rule about seats lives here.

Seat allocation follows pretix: each write that can take or free a seat first locks the
session row (``SELECT ... FOR UPDATE``) inside one transaction, then counts the seats held
(confirmed, offered, completed, no-show) and only then inserts or promotes. Two trainees
racing for the last seat therefore queue on the lock; the second sees the seat taken and goes
to the waiting list. A partial unique constraint backs up "one active enrolment per person
and session" in the database itself.

Every email is a task row written in the same transaction as the change it reports
(``task.enqueue`` on the database task backend), so a rollback takes the email back with the
seat, a commit keeps both, and a worker process delivers it later with retries. Nothing slow
(no mail server) runs while the session lock is held.

Nobody waits forever for the lock: ``lock_timeout`` bounds the wait, and a session too busy to
lock in time is a polite "try again" refusal, never an error page.
"""

import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.access import is_curator, is_verified_member
from hub.models import User
from hub.timezones import format_local
from training import tasks
from training.models import SEAT_HOLDING, CalendarToken, Course, Enrolment, Session

logger = logging.getLogger(__name__)
Status = Enrolment.Status
Reason = Enrolment.Reason
# Enrolments that can still be cancelled (the seat or the place in the queue is not used yet).
OPEN_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)

# Certificate codes: no 0/O or 1/I, so a code read aloud or typed from paper still matches.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# How long one write waits for a session's lock before giving up with "busy, try again".
# Under a rush each holder keeps the lock for a few milliseconds, so only a stuck transaction
# (or a database in trouble) makes anyone wait this long.
LOCK_TIMEOUT = "5s"
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout


class EnrolmentRefused(Exception):
    """A rule said no; ``message`` is shown to the person as it is."""

    def __init__(self, message: str, *, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _notify(enrolment: Enrolment, kind: str) -> None:
    """Email the trainee: a task row in this transaction, delivered by the worker."""
    tasks.deliver_enrolment_email.enqueue(enrolment.pk, kind)


def _busy(error: OperationalError) -> EnrolmentRefused:
    """The refusal for a lock not had within ``LOCK_TIMEOUT``; any other error is raised."""
    if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
        raise error
    return EnrolmentRefused(
        _(
            "Many people are enrolling in this session right now. Nothing was changed: "
            "please try again in a moment."
        ),
        code="busy",
    )


def _lock_session(session_id: int) -> Session:
    """The session row, locked until the transaction ends: the queue every seat change joins.

    The wait is bounded by ``LOCK_TIMEOUT``; a timeout becomes a "busy" refusal (the caller's
    transaction is rolled back, so nothing half-done is kept)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        return Session.objects.select_for_update().get(pk=session_id)
    except OperationalError as error:
        raise _busy(error) from error


def _seats_taken(session: Session) -> int:
    return session.enrolments.holding_seats().count()


def _next_queue_number(session: Session) -> int:
    """The next place at the end of the waiting list. The caller holds the session lock."""
    last = session.enrolments.aggregate(last=Max("queue_number"))["last"]
    return (last or 0) + 1


def _fill_seats(*, session: Session, now: datetime) -> list[Enrolment]:
    """Give free seats to the waiting list in order. The caller holds the session lock."""
    if session.is_cancelled or session.has_started(now):
        return []
    free = session.capacity - _seats_taken(session)
    if free <= 0:
        return []
    promoted = []
    for enrolment in session.enrolments.waitlisted()[:free]:
        if session.waitlist_mode == Session.WaitlistMode.OFFER:
            enrolment.status = Status.OFFERED
            enrolment.offer_expires_at = min(
                now + timedelta(hours=session.offer_hours), session.starts_at
            )
            kind = "offered"
        else:
            enrolment.status = Status.CONFIRMED
            enrolment.confirmed_at = now
            kind = "promoted"
        enrolment.full_clean(validate_constraints=False)
        enrolment.save(update_fields=["status", "offer_expires_at", "confirmed_at", "updated_at"])
        _notify(enrolment, kind)
        promoted.append(enrolment)
    return promoted


def _expire_offers(*, session: Session, now: datetime) -> int:
    """Withdraw offers not accepted in time and pass each seat on. Caller holds the lock."""
    expired = list(session.enrolments.due_offers(now))
    for enrolment in expired:
        enrolment.status = Status.CANCELLED
        enrolment.end_reason = Reason.OFFER_EXPIRED
        enrolment.cancelled_at = now
        enrolment.save(update_fields=["status", "end_reason", "cancelled_at", "updated_at"])
        _notify(enrolment, "offer_expired")
    _fill_seats(session=session, now=now)
    return len(expired)


def check_eligibility(*, course: Course, user: User) -> None:
    """Raise EnrolmentRefused unless ``user`` may enrol in ``course`` (rules that need no lock)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise EnrolmentRefused(_("Sign in to enrol."), code="anonymous")
    if not course.is_published:
        raise EnrolmentRefused(_("This course is not open for enrolment."), code="unpublished")
    if course.eligibility == Course.Eligibility.VERIFIED and not is_verified_member(user):
        raise EnrolmentRefused(
            _("This course is for verified members. Your account is not verified yet."),
            code="verification",
        )
    if course.eligibility == Course.Eligibility.REGISTERED and not (
        user.email_confirmed or user.is_staff
    ):
        raise EnrolmentRefused(
            _("Confirm your email address before enrolling."), code="verification"
        )
    if not getattr(course, "has_prerequisites", True):
        return  # known from the query that fetched the course (selectors.session_for_enrolment)
    completed = Enrolment.objects.filter(
        user=user, status=Status.COMPLETED, session__course=OuterRef("pk")
    )
    missing = list(
        course.prerequisite_courses.filter(~Exists(completed)).values_list("title", flat=True)
    )
    if missing:
        raise EnrolmentRefused(
            _("Complete these courses first: %(courses)s.") % {"courses": ", ".join(missing)},
            code="prerequisites",
        )


# Seats held, offers past their time, people waiting and the last queue number of one session,
# in one statement. Written out once rather than built by the ORM on every call: it runs while
# the session lock is held, where every millisecond of Python is a millisecond everyone queued
# behind the lock waits (the ORM took about 1 ms of CPU to compile it). Table and column names
# come from the model.
_ENROLMENT_COLUMNS = {
    name: Enrolment._meta.get_field(name).column
    for name in ("session", "status", "offer_expires_at", "queue_number")
}
_SEAT_COUNTS_SQL = """
    SELECT count(*) FILTER (WHERE {status} = ANY(%s)),
           count(*) FILTER (WHERE {status} = %s AND {offer_expires_at} <= %s),
           count(*) FILTER (WHERE {status} = %s),
           coalesce(max({queue_number}), 0)
    FROM {table} WHERE {session} = %s
""".format(table=Enrolment._meta.db_table, **_ENROLMENT_COLUMNS)

# Taking a session's lock and counting its seats, sent together: three statements in one round
# trip. Each statement of the batch starts when the one before has finished, so the last one,
# which reads the session and its counts, runs after the lock is granted and sees every
# enrolment committed before (PostgreSQL takes a new snapshot per statement in READ COMMITTED).
# Under a rush the lock is held from the moment it is granted until the commit; each round trip
# while holding it is a wait for PostgreSQL and then for this process to be scheduled again,
# which on a busy machine costs milliseconds that everyone queued behind the lock adds up.
_SESSION_FIELDS = [field.attname for field in Session._meta.concrete_fields]
_SESSION_TABLE = connection.ops.quote_name(Session._meta.db_table)
_SESSION_PK = f"{_SESSION_TABLE}.{connection.ops.quote_name(Session._meta.pk.column)}"
_LOCK_AND_COUNT_SQL = (
    "SELECT set_config('lock_timeout', %s, true); "
    "SELECT 1 FROM {table} WHERE {pk} = %s FOR UPDATE; "
    "SELECT {columns}, counts.* FROM {table} CROSS JOIN ({counts}) AS counts WHERE {pk} = %s"
).format(
    table=_SESSION_TABLE,
    pk=_SESSION_PK,
    columns=", ".join(
        f"{_SESSION_TABLE}.{connection.ops.quote_name(field.column)}"
        for field in Session._meta.concrete_fields
    ),
    counts=_SEAT_COUNTS_SQL.strip(),
)


def _count_params(session_id: int, now: datetime) -> list:
    holding = [str(status) for status in SEAT_HOLDING]
    return [holding, Status.OFFERED.value, now, Status.WAITLISTED.value, session_id]


def _as_counts(row: tuple) -> dict[str, int]:
    taken, due, waiting, last = row
    return {"taken": taken, "due": due, "waiting": waiting, "last": last}


def _seat_counts(session: Session, now: datetime) -> dict[str, int]:
    """Seats held, offers past their time, people waiting and the last queue number, in one
    query. The caller holds the session lock."""
    with connection.cursor() as cursor:
        cursor.execute(_SEAT_COUNTS_SQL, _count_params(session.pk, now))
        return _as_counts(cursor.fetchone())


def _lock_session_and_count(session_id: int, now: datetime) -> tuple[Session, dict[str, int]]:
    """``_lock_session`` and ``_seat_counts`` in one round trip (see ``_LOCK_AND_COUNT_SQL``)."""
    params = [LOCK_TIMEOUT, session_id, *_count_params(session_id, now), session_id]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_LOCK_AND_COUNT_SQL, params)
            while cursor.nextset():  # the last statement's row (the audit trail's hook may
                pass  # already have moved there)
            row = cursor.fetchone()
    except OperationalError as error:
        raise _busy(error) from error
    if row is None:
        raise Session.DoesNotExist
    fields = len(_SESSION_FIELDS)
    session = Session.from_db(connection.alias, _SESSION_FIELDS, row[:fields])
    return session, _as_counts(row[fields:])


@transaction.atomic
def enrolment_create(*, session: Session, user: User, now: datetime | None = None) -> Enrolment:
    """Enrol ``user``: confirmed while seats remain, else waiting list (or pending approval).

    Under a rush every enrolment of a session queues on its lock, so the work done while
    holding it is kept to three round trips and little Python: the lock with all the counts,
    the insert, the email task (then the commit). Everything that needs no lock (eligibility, an
    earlier enrolment, validating the new row) is done before; the partial unique constraint
    still catches a duplicate that slips in between. A session from
    ``selectors.session_for_enrolment`` already says whether ``user`` is enrolled in it.
    """
    now = now or timezone.now()
    check_eligibility(course=session.course, user=user)
    enrolled = getattr(session, "already_enrolled", None)
    if enrolled is None:
        enrolled = session.enrolments.active().filter(user=user).exists()
    if enrolled:
        raise EnrolmentRefused(_("You are already enrolled in this session."), code="duplicate")
    # Checked now, outside the lock: under it only the status and the queue place are set, to
    # values the rules below choose from the model's own choices.
    enrolment = Enrolment(session=session, user=user, status=Status.CONFIRMED)
    enrolment.full_clean(exclude=["session", "user"], validate_constraints=False)
    session, counts = _lock_session_and_count(session.pk, now)
    if session.is_cancelled:
        raise EnrolmentRefused(_("This session has been cancelled."), code="cancelled")
    if session.enrolment_opens_at and now < session.enrolment_opens_at:
        raise EnrolmentRefused(
            _("Enrolment opens on %(when)s.") % {"when": format_local(session.enrolment_opens_at)},
            code="not_open",
        )
    if not session.enrolment_is_open(now):
        raise EnrolmentRefused(_("Enrolment for this session has closed."), code="closed")

    if counts["due"] or (counts["waiting"] and counts["taken"] < session.capacity):
        # Seats freed by expired offers go to those already waiting first.
        _expire_offers(session=session, now=now)
        counts = _seat_counts(session, now)
    enrolment.session = session
    if session.requires_approval:
        enrolment.status = Status.PENDING
    elif counts["taken"] < session.capacity:
        enrolment.confirmed_at = now
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.queue_number = counts["last"] + 1
        enrolment.position = counts["waiting"] + 1
    try:
        # No savepoint: a duplicate ends this whole transaction anyway (the refusal rolls it
        # back), and two fewer round trips while holding the lock matter under a rush.
        enrolment.save()
    except IntegrityError as error:
        raise EnrolmentRefused(
            _("You are already enrolled in this session."), code="duplicate"
        ) from error
    _notify(enrolment, enrolment.status)
    if enrolment.status == Status.PENDING:
        tasks.deliver_approval_request.enqueue(enrolment.pk)
    return enrolment


def _locked_enrolment(enrolment: Enrolment) -> tuple[Session, Enrolment]:
    session = _lock_session(enrolment.session_id)
    return session, Enrolment.objects.select_related("user").get(pk=enrolment.pk)


@transaction.atomic
def enrolment_cancel(
    *, enrolment: Enrolment, by_staff: bool = False, now: datetime | None = None
) -> Enrolment:
    """Cancel an enrolment (or leave the waiting list); the seat goes to the next in line."""
    now = now or timezone.now()
    session, enrolment = _locked_enrolment(enrolment)
    if enrolment.status not in OPEN_STATUSES:
        raise EnrolmentRefused(_("This enrolment is no longer active."), code="inactive")
    if session.has_started(now) and not by_staff:
        raise EnrolmentRefused(_("The session has already started."), code="started")
    if enrolment.status == Status.CONFIRMED and not by_staff and now > session.cancel_deadline:
        raise EnrolmentRefused(
            _(
                "Confirmed places can be cancelled until %(hours)s hours before the start. "
                "Please contact the trainers."
            )
            % {"hours": session.cancel_hours},
            code="too_late",
        )
    was = enrolment.status
    enrolment.status = Status.CANCELLED
    enrolment.end_reason = Reason.BY_STAFF if by_staff else Reason.BY_TRAINEE
    enrolment.cancelled_at = now
    enrolment.save(update_fields=["status", "end_reason", "cancelled_at", "updated_at"])
    # Leaving the waiting list or withdrawing a request is not "your enrolment is cancelled".
    kind = {Status.WAITLISTED: "waitlist_left", Status.PENDING: "request_withdrawn"}.get(
        was, "cancelled"
    )
    _notify(enrolment, kind)
    _fill_seats(session=session, now=now)
    return enrolment


def _offer_answer(*, enrolment: Enrolment, accept: bool, now: datetime | None) -> Enrolment:
    """Accept or decline an offered seat, checked under the session lock. An offer found
    expired is passed on (and that is committed) before the refusal is raised, so the next
    person is not kept waiting."""
    now = now or timezone.now()
    refusal = None
    with transaction.atomic():
        session, enrolment = _locked_enrolment(enrolment)
        _expire_offers(session=session, now=now)
        enrolment.refresh_from_db()
        if enrolment.status != Status.OFFERED:
            if accept and enrolment.end_reason == Reason.OFFER_EXPIRED:
                refusal = EnrolmentRefused(
                    _("This offer expired and the seat went to the next person."),
                    code="expired",
                )
            else:
                refusal = EnrolmentRefused(
                    _("There is no open offer for this enrolment."), code="no_offer"
                )
        elif accept:
            enrolment.status = Status.CONFIRMED
            enrolment.confirmed_at = now
            enrolment.offer_expires_at = None
            enrolment.save(
                update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"]
            )
            _notify(enrolment, "confirmed")
        else:
            enrolment.status = Status.CANCELLED
            enrolment.end_reason = Reason.OFFER_DECLINED
            enrolment.cancelled_at = now
            enrolment.save(update_fields=["status", "end_reason", "cancelled_at", "updated_at"])
            _fill_seats(session=session, now=now)
    if refusal:
        raise refusal
    return enrolment


def offer_accept(*, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    """Take an offered seat (refused when the offer is no longer open)."""
    return _offer_answer(enrolment=enrolment, accept=True, now=now)


def offer_decline(*, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    """Give an offered seat back; it goes to the next person on the waiting list."""
    return _offer_answer(enrolment=enrolment, accept=False, now=now)


def offers_expire(
    *, now: datetime | None = None, session_ids: Iterable[int] | QuerySet | None = None
) -> int:
    """Pass on every offer whose time is up; one short transaction per session. Safe to rerun."""
    now = now or timezone.now()
    due = Enrolment.objects.due_offers(now)
    if session_ids is not None:
        due = due.filter(session_id__in=session_ids)
    expired = 0
    for session_id in due.values_list("session_id", flat=True).distinct().order_by():
        try:
            with transaction.atomic():
                expired += _expire_offers(session=_lock_session(session_id), now=now)
        except EnrolmentRefused:  # the session is busy: the next run passes these offers on
            logger.warning("Offers of session %s not expired: session busy", session_id)
    return expired


@transaction.atomic
def session_fill_seats(*, session: Session, now: datetime | None = None) -> int:
    """Give free seats to the waiting list in order (after offers that ran out are passed on).
    Returns how many people moved up."""
    now = now or timezone.now()
    session = _lock_session(session.pk)
    waiting = session.enrolments.waitlisted().count()
    _expire_offers(session=session, now=now)  # this also fills free seats
    return waiting - session.enrolments.waitlisted().count()


def capacity_error(*, session: Session, capacity: int) -> str | None:
    """Why ``capacity`` cannot be the session's number of seats, or None when it can."""
    taken = _seats_taken(session)
    if capacity < taken:
        return _(
            "%(taken)d seats are already taken: the session cannot have fewer. Cancel "
            "enrolments first."
        ) % {"taken": taken}
    return None


@transaction.atomic
def session_capacity_set(*, session: Session, capacity: int, now: datetime | None = None) -> int:
    """Change the number of seats under the session lock; added seats go to the waiting list
    in order. Returns how many people moved up."""
    now = now or timezone.now()
    locked = _lock_session(session.pk)
    refusal = capacity_error(session=locked, capacity=capacity)
    if refusal:
        raise EnrolmentRefused(refusal, code="capacity")
    locked.capacity = capacity
    locked.full_clean()
    locked.save(update_fields=["capacity", "updated_at"])
    session.capacity = capacity
    waiting = locked.enrolments.waitlisted().count()
    _expire_offers(session=locked, now=now)  # this also fills the new seats
    return waiting - locked.enrolments.waitlisted().count()


def can_manage(*, session: Session, user: User) -> bool:
    """Trainers of this session and curators run its roster."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_curator(user) or session.trainers.filter(pk=user.pk).exists()


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, by: User, now: datetime | None = None) -> Enrolment:
    """Approve a pending request: a seat if one is free, else the end of the waiting list."""
    now = now or timezone.now()
    session, enrolment = _locked_enrolment(enrolment)
    if enrolment.status != Status.PENDING:
        raise EnrolmentRefused(_("Only pending requests can be approved."), code="not_pending")
    _expire_offers(session=session, now=now)
    if _seats_taken(session) < session.capacity and not session.enrolments.waitlisted().exists():
        enrolment.status = Status.CONFIRMED
        enrolment.confirmed_at = now
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.queue_number = _next_queue_number(session)
    enrolment.decided_by = by
    enrolment.save(
        update_fields=["status", "confirmed_at", "queue_number", "decided_by", "updated_at"]
    )
    _notify(enrolment, enrolment.status)
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, by: User, now: datetime | None = None) -> Enrolment:
    now = now or timezone.now()
    session, enrolment = _locked_enrolment(enrolment)
    if enrolment.status != Status.PENDING:
        raise EnrolmentRefused(_("Only pending requests can be rejected."), code="not_pending")
    enrolment.status = Status.REJECTED
    enrolment.decided_by = by
    enrolment.cancelled_at = now
    enrolment.save(update_fields=["status", "decided_by", "cancelled_at", "updated_at"])
    _notify(enrolment, "rejected")
    return enrolment


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_certificate_code(value: str) -> str:
    """Accept codes typed in lower case, with spaces or without dashes."""
    raw = "".join(ch for ch in str(value).upper() if ch in CODE_ALPHABET)
    if len(raw) != 12:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def attendance_mark(*, session: Session, enrolment_ids: list[int], attended: bool, by: User) -> int:
    """Record who attended; only for people who held a seat in a session that has started."""
    if not session.has_started():
        raise EnrolmentRefused(_("Attendance can be marked once the session has started."))
    return session.enrolments.filter(
        pk__in=enrolment_ids,
        status__in=[Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW],
    ).update(attended=attended, updated_at=timezone.now())


@transaction.atomic
def enrolments_complete(
    *, session: Session, enrolment_ids: list[int], by: User, now: datetime | None = None
) -> int:
    """Mark trainees as having completed the session; each gets a certificate code."""
    now = now or timezone.now()
    if not session.has_started(now):
        raise EnrolmentRefused(_("Completion can be recorded once the session has started."))
    done = 0
    enrolments = session.enrolments.select_for_update().filter(
        pk__in=enrolment_ids, status__in=[Status.CONFIRMED, Status.NO_SHOW]
    )
    for enrolment in enrolments:
        enrolment.status = Status.COMPLETED
        enrolment.attended = True
        enrolment.completed_at = now
        enrolment.certificate_code = new_certificate_code()
        enrolment.full_clean(validate_constraints=False)
        enrolment.save(
            update_fields=["status", "attended", "completed_at", "certificate_code", "updated_at"]
        )
        _notify(enrolment, "completed")
        done += 1
    return done


@transaction.atomic
def enrolments_no_show(*, session: Session, enrolment_ids: list[int], by: User) -> int:
    if not session.has_started():
        raise EnrolmentRefused(_("Attendance can be marked once the session has started."))
    return session.enrolments.filter(pk__in=enrolment_ids, status=Status.CONFIRMED).update(
        status=Status.NO_SHOW, attended=False, updated_at=timezone.now()
    )


@transaction.atomic
def session_cancel(
    *, session: Session, by: User, reason: str = "", now: datetime | None = None
) -> int:
    """Cancel a session: every active enrolment ends and every person is told, with the
    reason quoted."""
    now = now or timezone.now()
    session = _lock_session(session.pk)
    if session.is_cancelled:
        raise EnrolmentRefused(_("This session is already cancelled."), code="cancelled")
    session.status = Session.Status.CANCELLED
    session.cancelled_at = now
    session.cancel_reason = reason.strip()
    session.full_clean(validate_constraints=False)
    session.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    affected = list(session.enrolments.filter(status__in=OPEN_STATUSES))
    for enrolment in affected:
        enrolment.status = Status.CANCELLED
        enrolment.end_reason = Reason.SESSION_CANCELLED
        enrolment.cancelled_at = now
        enrolment.save(update_fields=["status", "end_reason", "cancelled_at", "updated_at"])
        _notify(enrolment, "session_cancelled")
    return len(affected)


# Who a trainer's message goes to.
AUDIENCES = {
    "confirmed": [Status.CONFIRMED],
    "waitlisted": [Status.WAITLISTED, Status.OFFERED],
    "both": [Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED],
}


@transaction.atomic
def session_message_send(
    *, session: Session, audience: str, subject: str, message: str, by: User
) -> int:
    """Email the confirmed trainees, the waiting list (with open offers) or both (one task, so
    one message, each); returns how many. One unreachable address delays only its own."""
    if audience not in AUDIENCES:
        raise EnrolmentRefused(_("Choose who receives the message."), code="audience")
    enrolment_ids = list(
        session.enrolments.filter(status__in=AUDIENCES[audience]).values_list("pk", flat=True)
    )
    for enrolment_id in enrolment_ids:
        tasks.deliver_session_message.enqueue(enrolment_id, subject, message, by.pk)
    return len(enrolment_ids)


def session_email_confirmed(*, session: Session, subject: str, message: str, by: User) -> int:
    """Email every confirmed trainee of the session; returns how many."""
    return session_message_send(
        session=session, audience="confirmed", subject=subject, message=message, by=by
    )


# What trainees are told when a trainer changes these.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "timezone_name", "location", "online_url")


@transaction.atomic
def session_update(
    *,
    session: Session,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    timezone_name: str,
    location: str,
    online_url: str,
    capacity: int,
    now: datetime | None = None,
) -> int:
    """A trainer changes a session's time, place, joining link or seats, under the session
    lock. More seats go to the waiting list in order at once; fewer seats than are taken are
    refused (a confirmed trainee is never removed). Trainees holding a seat are told of a
    new time, place or link, with a new calendar file. Returns how many people moved up."""
    now = now or timezone.now()
    locked = _lock_session(session.pk)
    if locked.is_cancelled:
        raise EnrolmentRefused(_("This session has been cancelled."), code="cancelled")
    refusal = capacity_error(session=locked, capacity=capacity)
    if refusal:
        raise EnrolmentRefused(refusal, code="capacity")
    values = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "timezone_name": timezone_name,
        "location": location,
        "online_url": online_url,
    }
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    for name, value in values.items():
        setattr(locked, name, value)
    locked.capacity = capacity
    locked.full_clean()
    locked.save(update_fields=[*values, "capacity", "updated_at"])
    if changed:
        for enrolment in locked.enrolments.filter(status__in=[Status.CONFIRMED, Status.OFFERED]):
            _notify(enrolment, "changed")
    waiting = locked.enrolments.waitlisted().count()
    _expire_offers(session=locked, now=now)  # this also gives new seats to those waiting
    for name in [*values, "capacity", "updated_at"]:
        setattr(session, name, getattr(locked, name))
    return waiting - locked.enrolments.waitlisted().count()


@transaction.atomic
def enrolment_add(
    *, session: Session, user: User, by: User, now: datetime | None = None
) -> Enrolment:
    """A trainer enrols a named member: a seat if one is free (the trainer's choice stands for
    an approval, and the enrolment window does not apply), else the end of the waiting list.
    The course's own rules (verification, prerequisites) still apply."""
    now = now or timezone.now()
    check_eligibility(course=session.course, user=user)
    session = _lock_session(session.pk)
    if session.is_cancelled:
        raise EnrolmentRefused(_("This session has been cancelled."), code="cancelled")
    if session.has_started(now):
        raise EnrolmentRefused(_("The session has already started."), code="started")
    if session.enrolments.active().filter(user=user).exists():
        raise EnrolmentRefused(
            _("%(name)s is already enrolled in this session.") % {"name": user}, code="duplicate"
        )
    _expire_offers(session=session, now=now)
    counts = _seat_counts(session, now)
    enrolment = Enrolment(session=session, user=user, decided_by=by)
    if counts["taken"] < session.capacity and not counts["waiting"]:
        enrolment.status = Status.CONFIRMED
        enrolment.confirmed_at = now
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.queue_number = counts["last"] + 1
        enrolment.position = counts["waiting"] + 1
    enrolment.full_clean(exclude=["session", "user", "decided_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as error:
        raise EnrolmentRefused(
            _("%(name)s is already enrolled in this session.") % {"name": user}, code="duplicate"
        ) from error
    _notify(enrolment, enrolment.status)
    return enrolment


def trainers_contact(*, session: Session, sender: User, message: str) -> int:
    """A trainee writes to the trainers of a session they enrolled in (or, when it has none,
    to the curators): one stored email task. Returns how many trainers it reaches."""
    if not session.enrolments.filter(user=sender).exists():
        raise EnrolmentRefused(
            _("Only people enrolled in this session can write to its trainers."),
            code="not_enrolled",
        )
    with transaction.atomic():
        tasks.deliver_trainer_contact.enqueue(session.pk, sender.pk, message)
    return session.trainers.count()


def reminders_send(*, hours: int = 48, now: datetime | None = None) -> int:
    """Remind confirmed trainees of sessions starting within ``hours``; never twice.

    Each enrolment is claimed with one conditional UPDATE (``reminder_sent_at IS NULL``) in the
    same transaction that stores its email task, so two runs at the same time cannot both
    remind the same trainee, and a claimed reminder is never lost.
    """
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(hours=hours),
    ).values_list("pk", flat=True)
    sent = 0
    for enrolment_id in list(due):
        with transaction.atomic():
            claimed = Enrolment.objects.filter(
                pk=enrolment_id, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                tasks.deliver_enrolment_email.enqueue(enrolment_id, "reminder")
                sent += 1
    return sent


@transaction.atomic
def calendar_token_rotate(*, user: User) -> CalendarToken:
    """Create the member's feed token, or replace it (the old URL stops working)."""
    token, _created = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": CalendarToken.new_token()}
    )
    return token


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    CalendarToken.objects.filter(user=user).delete()
