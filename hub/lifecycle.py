"""An account's life after verification: reminders before a verification ends, requests to be
verified again, the member's notice that they have left law enforcement, and the removal of
accounts nobody uses (never confirmed, or lapsed long ago, after a warning).

Every function here is a service: keyword-only, in ``transaction.atomic``, and idempotent
where a scheduler calls it (what was sent is recorded in ``LifecycleNotice``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub import tasks
from hub.models import LifecycleNotice, SecurityEvent, User, VerificationRequest
from hub.services import security_event_record

Kind = LifecycleNotice.Kind


def _valid() -> timedelta:
    return timedelta(days=settings.VERIFICATION_VALID_DAYS)


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


# Reminders before a verification ends --------------------------------------------------------

REMINDER_KINDS = {30: Kind.REMINDER_30, 7: Kind.REMINDER_7}


def verification_reminder_kind(*, user: User, now: datetime | None = None) -> str | None:
    """Which reminder is due for ``user`` now (the nearest one only), or None."""
    now = now or timezone.now()
    if not user.is_verified or user.is_staff or user.verification_expires_at is None:
        return None
    left = user.verification_expires_at - now
    for days in sorted(settings.VERIFICATION_REMINDER_DAYS):
        if left <= timedelta(days=days):
            return REMINDER_KINDS.get(days)
    return None


@transaction.atomic
def verification_reminders_send(*, now: datetime | None = None) -> int:
    """Email every member whose verification ends within 30 (or 7) days the reminder due,
    once per verification period: the notice row and the email task are stored together, and
    the unique notice makes a second run (or a second scheduler) send nothing."""
    now = now or timezone.now()
    horizon = now + timedelta(days=max(settings.VERIFICATION_REMINDER_DAYS)) - _valid()
    candidates = (
        User.objects.verified()
        .filter(is_staff=False, is_active=True, verified_at__lte=horizon)
        .select_for_update(skip_locked=True)
    )
    sent = 0
    for user in candidates:
        kind = verification_reminder_kind(user=user, now=now)
        if kind is None:
            continue
        _, created = LifecycleNotice.objects.get_or_create(
            user=user, kind=kind, period=user.verified_at, defaults={"sent_at": now}
        )
        if created:
            tasks.deliver_lifecycle_notice.enqueue(user.pk, kind)
            sent += 1
    return sent


# Requests to the curators ---------------------------------------------------------------------


def reverification_refusal(*, user: User) -> str | None:
    """Why ``user`` may not ask to be verified again, in plain words; None if they may."""
    if not user.is_authenticated or not user.is_active:
        return _("Sign in first.")
    if user.verification_status == User.Verification.PENDING:
        return _("Your account is waiting for its first verification already.")
    if user.verification_status in (User.Verification.SUSPENDED, User.Verification.REJECTED):
        return _("Your account cannot be verified again from here; write to the curators.")
    return None


@transaction.atomic
def reverification_request(
    *, user: User, agency_name: str = "", what_changed: str = "", ip: str | None = None
) -> VerificationRequest:
    """Put ``user`` in the curators' queue for a new verification, with the agency they now
    work for and what changed. Asking again updates the open request instead of adding one."""
    user = _locked(user)
    refusal = reverification_refusal(user=user)
    if refusal:
        raise ValidationError(refusal, code="reverification_refused")
    request = VerificationRequest.objects.filter(
        user=user, kind=VerificationRequest.Kind.REVERIFY, handled_at__isnull=True
    ).first() or VerificationRequest(user=user, kind=VerificationRequest.Kind.REVERIFY)
    request.agency_name = (agency_name or "").strip() or (user.agency.name if user.agency else "")
    request.what_changed = (what_changed or "").strip()
    request.created_at = timezone.now()
    request.full_clean(validate_constraints=False)
    request.save()
    security_event_record(
        kind=SecurityEvent.Kind.REVERIFICATION_REQUESTED, user=user, actor=user, ip=ip
    )
    tasks.deliver_curator_notice.enqueue(request.pk)
    return request


@transaction.atomic
def user_leave_law_enforcement(*, user: User, ip: str | None = None) -> User:
    """The member says they no longer work in law enforcement: restricted access ends now
    (``User.Verification.LEFT`` is not verified anywhere), their own data stays readable, the
    curators are told by email and in their queue, and the security log records it."""
    user = _locked(user)
    if user.verification_status == User.Verification.LEFT:
        return user
    if user.is_staff:
        raise ValidationError(
            _("Staff accounts are closed by a superuser, not from this page."), code="staff"
        )
    before = user.verification_status
    user.verification_status = User.Verification.LEFT
    user.left_at = timezone.now()
    user.full_clean(validate_constraints=False)
    user.save(update_fields=["verification_status", "left_at"])
    # An open request to be verified again no longer applies.
    VerificationRequest.objects.filter(
        user=user, kind=VerificationRequest.Kind.REVERIFY, handled_at__isnull=True
    ).update(handled_at=user.left_at)
    request, _created = VerificationRequest.objects.get_or_create(
        user=user,
        kind=VerificationRequest.Kind.LEFT,
        handled_at=None,
        defaults={"agency_name": user.agency.name if user.agency else ""},
    )
    security_event_record(
        kind=SecurityEvent.Kind.LEFT_LAW_ENFORCEMENT,
        user=user,
        actor=user,
        ip=ip,
        detail={"verification_before": before},
    )
    tasks.deliver_curator_notice.enqueue(request.pk)
    return user


@transaction.atomic
def verification_requests_close(*, user: User, by: User | None) -> int:
    """Mark the member's open requests handled (called when a curator decides)."""
    return VerificationRequest.objects.filter(user=user, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by
    )


@transaction.atomic
def verification_requests_mark_handled(*, requests: QuerySet[VerificationRequest], by: User) -> int:
    """Mark the chosen requests seen (a notice of leaving needs no other decision)."""
    return requests.filter(handled_at__isnull=True).update(handled_at=timezone.now(), handled_by=by)


# Removing accounts nobody uses ---------------------------------------------------------------


def unconfirmed_accounts(*, now: datetime | None = None) -> QuerySet[User]:
    """Accounts whose address was never confirmed, registered long enough ago."""
    now = now or timezone.now()
    return User.objects.filter(
        email_confirmed_at__isnull=True,
        is_staff=False,
        is_superuser=False,
        date_joined__lt=now - timedelta(days=settings.UNCONFIRMED_ACCOUNT_DAYS),
    )


def lapsed_accounts(*, now: datetime | None = None, days: int | None = None) -> QuerySet[User]:
    """Active accounts that lapsed at least ``days`` ago (default LAPSED_ACCOUNT_DAYS): the
    verification ran out, or the member left law enforcement."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.LAPSED_ACCOUNT_DAYS if days is None else days)
    return User.objects.filter(is_active=True, is_staff=False, is_superuser=False).filter(
        lapsed_before_q(since)
    )


def lapsed_before_q(moment: datetime) -> Q:
    return Q(verification_status=User.Verification.VERIFIED, verified_at__lt=moment - _valid()) | Q(
        verification_status=User.Verification.LEFT, left_at__lt=moment
    )


def lapsed_since(user: User) -> datetime | None:
    if user.verification_status == User.Verification.LEFT:
        return user.left_at
    return user.verification_expires_at


@transaction.atomic
def accounts_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Remove accounts never confirmed after UNCONFIRMED_ACCOUNT_DAYS; warn lapsed members
    LAPSED_WARNING_DAYS before their account goes, and erase it LAPSED_ACCOUNT_DAYS after it
    lapsed if the warning went out at least LAPSED_WARNING_DAYS earlier. Idempotent."""
    from hub import data_rights

    now = now or timezone.now()
    counts = {"unconfirmed_removed": 0, "warned": 0, "lapsed_removed": 0}
    for user in unconfirmed_accounts(now=now).select_for_update(skip_locked=True):
        try:
            with transaction.atomic():
                data_rights.account_remove(user=user)
        except ProtectedError:  # something of record hangs on it: erase instead
            data_rights.account_erase(user=user, keep_certificates=True, reason="unconfirmed")
        counts["unconfirmed_removed"] += 1
    warn_days = settings.LAPSED_ACCOUNT_DAYS - settings.LAPSED_WARNING_DAYS
    for user in lapsed_accounts(now=now, days=warn_days).select_for_update(skip_locked=True):
        period = lapsed_since(user)
        notice = LifecycleNotice.objects.filter(
            user=user, kind=Kind.REMOVAL_WARNING, period=period
        ).first()
        if notice is None:
            LifecycleNotice.objects.create(
                user=user, kind=Kind.REMOVAL_WARNING, period=period, sent_at=now
            )
            tasks.deliver_lifecycle_notice.enqueue(user.pk, Kind.REMOVAL_WARNING)
            counts["warned"] += 1
            continue
        due = period + timedelta(days=settings.LAPSED_ACCOUNT_DAYS)
        warned_long_enough = notice.sent_at <= now - timedelta(days=settings.LAPSED_WARNING_DAYS)
        if now >= due and warned_long_enough:
            data_rights.account_erase(user=user, keep_certificates=True, reason="lapsed")
            counts["lapsed_removed"] += 1
    if counts["unconfirmed_removed"]:
        security_event_record(
            kind=SecurityEvent.Kind.ACCOUNT_DELETED,
            detail={"reason": "unconfirmed", "accounts": counts["unconfirmed_removed"]},
        )
    return counts
