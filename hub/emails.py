"""Account emails. Each is rendered in the member's language from three templates
(``<name>_subject.txt``, ``<name>.txt``, ``<name>.html``); ``hub.tasks`` sends them."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from hub.models import User
from hub.timezones import is_timezone
from hub.tokens import email_confirmation_token


def send_templated(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = "en",
    time_zone: str = "UTC",
    attachments: list[tuple[str, bytes, str]] = (),
    reply_to: list[str] = (),
) -> None:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` as one email,
    in the recipient's language, with times in the recipient's zone."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    zone = time_zone if is_timezone(time_zone) else "UTC"
    with translation.override(language), timezone.override(zone):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=to, reply_to=list(reply_to)
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def site_link(name: str, *args: object) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def send_email_confirmation(*, user: User) -> None:
    send_templated(
        to=[user.email],
        template="hub/emails/confirm_email",
        context={
            "user": user,
            "confirm_url": site_link("hub:confirm-email", email_confirmation_token(user=user)),
        },
        language=user.preferred_language,
    )


def send_registration_attempt(*, user: User) -> None:
    """Someone tried to register with the address of an existing account: tell its owner,
    rather than telling the person at the registration form that the account exists."""
    send_templated(
        to=[user.email],
        template="hub/emails/registration_attempt",
        context={
            "user": user,
            "login_url": site_link("hub:login"),
            "reset_url": site_link("hub:password-reset"),
        },
        language=user.preferred_language,
    )


def send_verification_result(*, user: User) -> None:
    send_templated(
        to=[user.email],
        template="hub/emails/verification_result",
        context={"user": user, "profile_url": site_link("hub:profile")},
        language=user.preferred_language,
    )


def send_password_reset(
    *,
    user: User,
    context: dict,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
) -> None:
    """The password-reset message Django's PasswordResetForm would send, sent from a task."""
    context = {**context, "user": user, "email": user.email}
    with translation.override(user.preferred_language):
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        html = (
            render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[user.email])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_lifecycle_notice(*, user: User, kind: str) -> None:
    from hub.models import LifecycleNotice

    removal = kind == LifecycleNotice.Kind.REMOVAL_WARNING
    send_templated(
        to=[user.email],
        template="hub/emails/removal_warning" if removal else "hub/emails/verification_reminder",
        context={
            "user": user,
            "days": {"reminder_30": 30, "reminder_7": 7}.get(kind),
            "reverify_url": site_link("account:reverify"),
            "delete_url": site_link("account:delete"),
            "login_url": site_link("hub:login"),
        },
        language=user.preferred_language,
    )


def curator_addresses() -> list[str]:
    """The curators' shared address (CURATOR_EMAILS), as for tool submissions; else the
    active curators themselves."""
    if settings.CURATOR_EMAILS:
        return list(settings.CURATOR_EMAILS)
    from django.db.models import Q

    from hub.access import CURATOR_GROUP

    return list(
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name=CURATOR_GROUP))
        .values_list("email", flat=True)
        .distinct()
    )


def send_curator_notice(*, request: "VerificationRequest") -> None:  # noqa: F821
    to = curator_addresses()
    if not to:
        return
    send_templated(
        to=to,
        template="hub/emails/curator_notice",
        context={
            "request": request,
            "member": request.user,
            "queue_url": settings.SITE_URL.rstrip("/")
            + reverse("admin:hub_verificationrequest_changelist"),
        },
        language=settings.LANGUAGE_CODE,
    )


def send_security_notice(*, user: User, kind: str, what: str = "", device: str = "") -> None:
    """A change to how the member signs in (a second factor added or removed, new recovery
    codes) or a sign-in from a new device: if it was not them, they know at once."""
    from hub.models import SecurityEvent

    send_templated(
        to=[user.email],
        template="hub/emails/security_notice",
        context={
            "user": user,
            "kind": kind,
            "kind_label": SecurityEvent.Kind(kind).label,
            "what": what,
            "device": device,
            "new_device": kind == SecurityEvent.Kind.SIGN_IN,
            "security_url": site_link("hub:security"),
            "reset_url": site_link("hub:password-reset"),
        },
        language=user.preferred_language,
    )
