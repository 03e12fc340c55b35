"""Community writes that carry rules: directory entries, brokered contact, blocking, field
reports and their moderation, follows and the digest. Views, admin actions and management
commands all call these."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Capability, Stage, Tool
from community import tasks
from community.models import (
    REQUESTS_PER_DAY,
    Block,
    CommunityProfile,
    ContactRequest,
    DigestFrequency,
    DigestLog,
    FieldReport,
    Follow,
    current_member_q,
)
from hub.access import is_curator, is_verified_member
from hub.models import SecurityEvent, User
from hub.services import security_event_record

UNFOLLOW_SALT = "community.unfollow"
DIGEST_PERIODS = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}


def _require_member(user: User) -> None:
    if not is_verified_member(user):
        raise PermissionDenied(_("Only verified members can do this."))


# Directory entry ---------------------------------------------------------------------------


@transaction.atomic
def profile_for_update(*, user: User) -> CommunityProfile:
    """The member's community profile, locked, created with the defaults if it is new."""
    profile, _created = CommunityProfile.objects.select_for_update().get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *,
    user: User,
    is_listed: bool,
    name_display: str,
    show_agency_name: bool,
    languages: list[str],
    stages: Iterable[Stage],
    capabilities: Iterable[Capability],
    tools: Iterable[Tool],
    show_courses: bool,
    digest_frequency: str,
) -> CommunityProfile:
    """Save what a member chooses to show in the directory. Only verified members may be
    listed; anyone may switch the digest off."""
    if is_listed:
        _require_member(user)
    profile = profile_for_update(user=user)
    profile.is_listed = is_listed
    profile.name_display = name_display
    profile.show_agency_name = show_agency_name
    profile.languages = sorted(set(languages))
    profile.show_courses = show_courses
    profile.digest_frequency = digest_frequency
    profile.full_clean()
    profile.save()
    profile.stages.set(stages)
    profile.capabilities.set(capabilities)
    profile.tools.set(tools)
    return profile


@transaction.atomic
def profile_leave_directory(*, user: User) -> None:
    CommunityProfile.objects.filter(user=user).update(is_listed=False, updated_at=timezone.now())


@transaction.atomic
def contact_rights_set(
    *, user: User, suspended: bool, by: User, reason: str = "", ip: str | None = None
) -> CommunityProfile:
    """A curator suspends (or restores) a member's right to send contact requests."""
    if not is_curator(by):
        raise PermissionDenied(_("Only curators can change contact rights."))
    profile = profile_for_update(user=user)
    if suspended == profile.contact_suspended:
        return profile
    if suspended and not reason.strip():
        raise ValidationError({"contact_suspended_reason": _("Say why contact is suspended.")})
    profile.contact_suspended_at = timezone.now() if suspended else None
    profile.contact_suspended_reason = reason.strip() if suspended else ""
    profile.full_clean()
    profile.save()
    security_event_record(
        kind=SecurityEvent.Kind.CONTACT_RIGHTS_CHANGED,
        user=user,
        actor=by,
        ip=ip,
        detail={"suspended": suspended, "reason": profile.contact_suspended_reason},
    )
    return profile


# Brokered contact --------------------------------------------------------------------------


def _blocked_between(a: User, b: User) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def _recipient_reachable(*, recipient: User, tool: Tool | None) -> bool:
    """A recipient is reachable if verified now and either listed in the directory or, for a
    question about ``tool``, open to questions in their shown report on it."""
    if not User.objects.filter(pk=recipient.pk).filter(current_member_q()).exists():
        return False
    if tool is not None:
        return (
            FieldReport.objects.shown()
            .filter(author=recipient, tool=tool, open_to_questions=True)
            .exists()
        )
    return CommunityProfile.objects.listed().filter(user=recipient).exists()


@transaction.atomic
def contact_request_create(
    *,
    sender: User,
    recipient: User,
    message: str,
    tool: Tool | None = None,
    ip: str | None = None,
) -> ContactRequest:
    """Send “Ask to connect”. Refused, in plain words, when the sender's contact rights are
    suspended, the day's allowance is used, a request is already waiting, the two are
    connected already, or the recipient is not reachable (not listed, no longer verified, or
    has blocked the sender: the refusal does not say which)."""
    _require_member(sender)
    # Lock the sender's row: two requests sent at once cannot both slip under the limit.
    User.objects.select_for_update().only("pk").get(pk=sender.pk)
    profile = CommunityProfile.objects.filter(user=sender).first()
    if profile is not None and profile.contact_suspended:
        raise ValidationError(
            _("Your right to contact other members is suspended. Write to the curators.")
        )
    if recipient.pk == sender.pk:
        raise ValidationError(_("You cannot ask to connect with yourself."))
    if _blocked_between(sender, recipient) or not _recipient_reachable(
        recipient=recipient, tool=tool
    ):
        raise ValidationError(_("This member is not taking contact requests."))
    now = timezone.now()
    sent_today = ContactRequest.objects.filter(
        sender=sender, created_at__gte=now - timedelta(days=1)
    ).count()
    if sent_today >= REQUESTS_PER_DAY:
        raise ValidationError(
            _("You can send %(n)d contact requests a day; please try again tomorrow.")
            % {"n": REQUESTS_PER_DAY}
        )
    pair = Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    if ContactRequest.objects.filter(pair, status=ContactRequest.Status.ACCEPTED).exists():
        raise ValidationError(_("You are already connected with this member."))
    # A request left unanswered past its expiry no longer blocks a new one.
    ContactRequest.objects.expired(now).filter(sender=sender, recipient=recipient).update(
        status=ContactRequest.Status.EXPIRED, answered_at=now
    )
    request = ContactRequest(
        sender=sender, recipient=recipient, message=message.strip(), tool=tool, created_at=now
    )
    request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(_("You have already asked this member to connect.")) from None
    security_event_record(
        kind=SecurityEvent.Kind.CONTACT_REQUESTED,
        user=recipient,
        actor=sender,
        ip=ip,
        detail={"request": request.pk, "tool": tool.pk if tool else None},
    )
    request_id = request.pk
    transaction.on_commit(lambda: tasks.deliver_contact_request.enqueue(request_id), robust=True)
    return request


def _live_request_for(*, request_id: int, recipient: User) -> ContactRequest:
    request = (
        ContactRequest.objects.select_for_update()
        .filter(pk=request_id, recipient=recipient)
        .first()
    )
    if request is None:
        raise ContactRequest.DoesNotExist
    return request


@transaction.atomic
def contact_request_answer(
    *, request_id: int, by: User, accept: bool, ip: str | None = None
) -> ContactRequest:
    """The recipient accepts (both then see each other's work email) or declines."""
    _require_member(by)
    request = _live_request_for(request_id=request_id, recipient=by)
    if request.effective_status != ContactRequest.Status.PENDING:
        raise ValidationError(_("This request is no longer waiting for an answer."))
    if accept and _blocked_between(request.sender, by):
        raise ValidationError(_("Unblock this member before accepting."))
    if accept and not is_verified_member(request.sender):
        raise ValidationError(_("This member's account is no longer verified."))
    request.status = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    request.answered_at = timezone.now()
    request.full_clean()
    request.save()
    security_event_record(
        kind=SecurityEvent.Kind.CONTACT_ANSWERED,
        user=request.sender,
        actor=by,
        ip=ip,
        detail={"request": request.pk, "accepted": accept},
    )
    if accept:
        request_id = request.pk
        transaction.on_commit(
            lambda: tasks.deliver_contact_accepted.enqueue(request_id), robust=True
        )
    return request


@transaction.atomic
def contact_request_report(
    *, request_id: int, by: User, note: str = "", ip: str | None = None
) -> ContactRequest:
    """The recipient reports a request to the curators; a waiting request is declined."""
    request = _live_request_for(request_id=request_id, recipient=by)
    now = timezone.now()
    request.reported_at = request.reported_at or now
    request.report_note = note.strip()[:500]
    if request.status == ContactRequest.Status.PENDING:
        request.status = ContactRequest.Status.DECLINED
        request.answered_at = now
    request.full_clean()
    request.save()
    security_event_record(
        kind=SecurityEvent.Kind.CONTACT_REPORTED,
        user=request.sender,
        actor=by,
        ip=ip,
        detail={"request": request.pk},
    )
    request_id = request.pk
    transaction.on_commit(lambda: tasks.deliver_contact_report.enqueue(request_id), robust=True)
    return request


@transaction.atomic
def member_block(*, blocker: User, blocked: User, ip: str | None = None) -> Block:
    """``blocker`` never hears from ``blocked`` again: waiting requests between them are
    declined, and new ones are refused."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."))
    block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    now = timezone.now()
    ContactRequest.objects.filter(
        sender=blocked, recipient=blocker, status=ContactRequest.Status.PENDING
    ).update(status=ContactRequest.Status.DECLINED, answered_at=now)
    if created:
        security_event_record(
            kind=SecurityEvent.Kind.CONTACT_BLOCKED,
            user=blocked,
            actor=blocker,
            ip=ip,
            detail={"blocked": True},
        )
    return block


@transaction.atomic
def member_unblock(*, blocker: User, blocked: User, ip: str | None = None) -> None:
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if deleted:
        security_event_record(
            kind=SecurityEvent.Kind.CONTACT_BLOCKED,
            user=blocked,
            actor=blocker,
            ip=ip,
            detail={"blocked": False},
        )


@transaction.atomic
def contact_requests_expire(*, now: datetime | None = None) -> int:
    """Mark requests left unanswered past their expiry (the pages already read expiry from
    the clock; this keeps the table tidy). Returns how many were marked."""
    now = now or timezone.now()
    return ContactRequest.objects.expired(now).update(
        status=ContactRequest.Status.EXPIRED, answered_at=now
    )


# Field reports -----------------------------------------------------------------------------


@transaction.atomic
def field_report_save(
    *,
    author: User,
    tool: Tool,
    stage: Stage,
    case_kind: str,
    data_volume: str,
    time_saved: str,
    exposure_saved: str,
    went_wrong: str,
    still_used: str,
    open_to_questions: bool,
) -> FieldReport:
    """Create or update the member's report on ``tool`` (one per member and tool). A report a
    curator hid stays hidden after an edit until a curator shows it again."""
    _require_member(author)
    if tool.status not in (Tool.Status.PUBLISHED, Tool.Status.RETIRED):
        raise ValidationError(_("Reports can be written only on tools in the catalogue."))
    report = FieldReport.objects.select_for_update().filter(author=author, tool=tool).first()
    if report is None:
        report = FieldReport(author=author, tool=tool)
    report.agency_id = author.agency_id
    report.stage = stage
    report.case_kind = case_kind
    report.data_volume = data_volume
    report.time_saved = time_saved
    report.exposure_saved = exposure_saved
    report.went_wrong = went_wrong.strip()
    report.still_used = still_used
    report.open_to_questions = open_to_questions
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(
            _("You have already reported on this tool; edit your report instead.")
        ) from None
    return report


@transaction.atomic
def field_report_moderate(
    *, report: FieldReport, hidden: bool, by: User, reason: str = ""
) -> FieldReport:
    """A curator hides a report (with a reason its author sees) or shows it again."""
    if not is_curator(by):
        raise PermissionDenied(_("Only curators can moderate field reports."))
    if hidden and not reason.strip():
        raise ValidationError({"hidden_reason": _("Say why the report is hidden.")})
    report.hidden_at = (report.hidden_at or timezone.now()) if hidden else None
    report.hidden_reason = reason.strip() if hidden else ""
    report.hidden_by = by if hidden else None
    report.full_clean()
    report.save()
    return report


# Follows and the digest -------------------------------------------------------------------


def follow_target_model(kind: str) -> type[Model]:
    from legislation.models import Instrument, Jurisdiction
    from training.models import Course

    return {
        Follow.Kind.TOOL: Tool,
        Follow.Kind.STAGE: Stage,
        Follow.Kind.CAPABILITY: Capability,
        Follow.Kind.COURSE: Course,
        Follow.Kind.JURISDICTION: Jurisdiction,
        Follow.Kind.INSTRUMENT: Instrument,
    }[kind]


@transaction.atomic
def follow_add(*, user: User, kind: str, object_id: int) -> Follow:
    """Follow something; following it twice is not an error."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to follow."))
    if kind not in Follow.Kind.values:
        raise ValidationError(_("Unknown kind of thing to follow."))
    model = follow_target_model(kind)
    targets = model.objects.all()
    if kind == Follow.Kind.TOOL:
        targets = Tool.objects.visible_to(user)
    elif kind == Follow.Kind.COURSE:
        targets = model.objects.visible_to(user)
    if not targets.filter(pk=object_id).exists():
        raise ValidationError(_("There is nothing to follow there."))
    profile_for_update(user=user)
    follow, _created = Follow.objects.get_or_create(user=user, kind=kind, object_id=object_id)
    return follow


@transaction.atomic
def follow_remove(*, follow: Follow) -> None:
    follow.delete()


def unfollow_token(follow: Follow) -> str:
    return signing.Signer(salt=UNFOLLOW_SALT).sign(f"{follow.pk}:{follow.user_id}")


def follow_from_token(token: str) -> Follow | None:
    """The follow an unfollow link names, or None when the link was tampered with or the
    follow is gone."""
    try:
        follow_id, user_id = signing.Signer(salt=UNFOLLOW_SALT).unsign(token).split(":")
        return Follow.objects.filter(pk=int(follow_id), user_id=int(user_id)).first()
    except (signing.BadSignature, ValueError):
        return None


def digest_send_due(*, now: datetime | None = None) -> dict[str, int]:
    """Cover every due digest window once: each member with a digest on, verified now, who
    follows something. A window with changes is emailed; one without is recorded but sends
    nothing. Running it again sends nothing new (each member's row is locked and the window
    recorded). Returns counts: ``sent``, ``empty``."""
    now = now or timezone.now()
    counts = {"sent": 0, "empty": 0}
    candidates = (
        CommunityProfile.objects.exclude(digest_frequency=DigestFrequency.OFF)
        .filter(current_member_q("user__"), user__follows__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for profile_id in list(candidates):
        outcome = _digest_send_one(profile_id=profile_id, now=now)
        if outcome:
            counts[outcome] += 1
    return counts


@transaction.atomic
def _digest_send_one(*, profile_id: int, now: datetime) -> str | None:
    from community.selectors import digest_items

    profile = (
        CommunityProfile.objects.select_for_update(skip_locked=True)
        .select_related("user")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None or profile.digest_frequency not in DIGEST_PERIODS:
        return None
    period = DIGEST_PERIODS[profile.digest_frequency]
    since = profile.digest_sent_until or (now - period)
    if now - since < period:
        return None
    items = digest_items(user=profile.user, since=since, until=now)
    count = sum(len(section["entries"]) for section in items)
    log = DigestLog(
        user=profile.user, period_start=since, period_end=now, item_count=count, sent=count > 0
    )
    log.full_clean()
    log.save()
    profile.digest_sent_until = now
    profile.save(update_fields=["digest_sent_until", "updated_at"])
    if not count:
        return "empty"
    log_id = log.pk
    transaction.on_commit(lambda: tasks.deliver_digest.enqueue(log_id), robust=True)
    return "sent"
