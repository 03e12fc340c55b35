"""Training emails: one templated message per enrolment event, with a calendar file when the
trainee holds a seat (and a cancellation file when they no longer do)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from hub.emails import send_templated

OFFER_SALT = "training.offer"

# Which emails carry a calendar file, and whether it adds the event or removes it.
ADD_TO_CALENDAR = {"confirmed", "promoted", "reminder", "changed"}
REMOVE_FROM_CALENDAR = {"cancelled", "session_cancelled"}


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def offer_token(enrolment_id: int) -> str:
    return signing.Signer(salt=OFFER_SALT).sign(str(enrolment_id))


def enrolment_id_from_offer_token(token: str) -> int | None:
    """The enrolment a token names, or None when it was tampered with."""
    try:
        return int(signing.Signer(salt=OFFER_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def send_enrolment_email(*, enrolment_id: int, kind: str) -> None:
    from training import ical
    from training.models import Enrolment

    enrolment = (
        Enrolment.objects.with_position()
        .select_related("session__course", "user")
        .get(pk=enrolment_id)
    )
    session, user = enrolment.session, enrolment.user
    if not user.is_active:
        return  # the account was closed (or deleted by its owner): nobody to write to
    attachments = []
    if kind in ADD_TO_CALENDAR:
        data = ical.session_ics(session, include_link=True, changed_at=enrolment.updated_at)
        attachments.append((f"training-session-{session.pk}.ics", data, "text/calendar"))
    elif kind in REMOVE_FROM_CALENDAR and enrolment.confirmed_at:
        data = ical.session_ics(
            session, include_link=False, cancelled=True, changed_at=enrolment.updated_at
        )
        attachments.append((f"training-session-{session.pk}-cancelled.ics", data, "text/calendar"))
    context = {
        "kind": kind,
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "user": user,
        "session_url": _site(session.get_absolute_url()),
        "my_training_url": _site(reverse("training:my-training")),
        "offer_url": _site(reverse("training:offer-respond", args=[offer_token(enrolment.pk)])),
        "contact_url": _site(reverse("training:contact-trainers", args=[session.pk])),
    }
    if enrolment.certificate_code:
        context["certificate_url"] = _site(enrolment.get_certificate_url())
        context["certificate_pdf_url"] = _site(
            reverse("training:certificate-pdf", args=[enrolment.certificate_code])
        )
        context["verify_url"] = _site(enrolment.get_verification_url())
    send_templated(
        to=[user.email],
        template="training/emails/enrolment",
        context=context,
        language=user.preferred_language,
        time_zone=user.time_zone,
        attachments=attachments,
    )


def send_session_message(*, enrolment_id: int, subject: str, message: str, sender_id: int) -> None:
    from hub.models import User
    from training.models import Enrolment

    enrolment = Enrolment.objects.select_related("session__course", "user").get(pk=enrolment_id)
    sender = User.objects.filter(pk=sender_id).first()
    session = enrolment.session
    send_templated(
        to=[enrolment.user.email],
        template="training/emails/session_message",
        context={
            "subject": subject,
            "message": message,
            "sender": sender,
            "session": session,
            "course": session.course,
            "user": enrolment.user,
            "session_url": _site(session.get_absolute_url()),
            "contact_url": _site(reverse("training:contact-trainers", args=[session.pk])),
        },
        language=enrolment.user.preferred_language,
        time_zone=enrolment.user.time_zone,
    )


def send_approval_request(*, enrolment_id: int) -> None:
    """Tell the session's trainers (or, without trainers, the curators) a request waits."""
    from training.models import Enrolment

    enrolment = Enrolment.objects.select_related("session__course", "user__agency").get(
        pk=enrolment_id
    )
    session = enrolment.session
    context = {
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "trainee": enrolment.user,
        "roster_url": _site(reverse("training:roster", args=[session.pk])),
    }
    trainers = list(session.trainers.all())
    # Each trainer reads it in their own language and time zone.
    for trainer in trainers:
        send_templated(
            to=[trainer.email],
            template="training/emails/approval_request",
            context=context,
            language=trainer.preferred_language,
            time_zone=trainer.time_zone,
        )
    if not trainers and settings.CURATOR_EMAILS:
        send_templated(
            to=list(settings.CURATOR_EMAILS),
            template="training/emails/approval_request",
            context=context,
        )


def send_trainer_contact(*, session_id: int, sender_id: int, message: str) -> None:
    """A trainee's message to the trainers of a session (each in their own language and zone;
    the curators when the session has no trainers). Replies go to the trainee."""
    from hub.models import User
    from training.models import Session

    session = Session.objects.select_related("course").get(pk=session_id)
    sender = User.objects.get(pk=sender_id)
    context = {
        "session": session,
        "course": session.course,
        "sender": sender,
        "message": message,
        "roster_url": _site(reverse("training:roster", args=[session.pk])),
    }
    trainers = list(session.trainers.all())
    for trainer in trainers:
        send_templated(
            to=[trainer.email],
            template="training/emails/trainer_contact",
            context=context,
            language=trainer.preferred_language,
            time_zone=trainer.time_zone,
            reply_to=[sender.email],
        )
    if not trainers and settings.CURATOR_EMAILS:
        send_templated(
            to=list(settings.CURATOR_EMAILS),
            template="training/emails/trainer_contact",
            context=context,
            reply_to=[sender.email],
        )
