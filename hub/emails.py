from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def send_templated(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = "en",
    attachments: list[tuple[str, bytes, str]] = (),
) -> None:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` as one email."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=to)
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def send_email_confirmation(*, user) -> None:
    from hub.services import email_confirmation_token

    path = reverse("hub:confirm-email", args=[email_confirmation_token(user=user)])
    send_templated(
        to=[user.email],
        template="hub/emails/confirm_email",
        context={"user": user, "confirm_url": settings.SITE_URL.rstrip("/") + path},
        language=user.preferred_language,
    )


def send_verification_result(*, user) -> None:
    send_templated(
        to=[user.email],
        template="hub/emails/verification_result",
        context={
            "user": user,
            "profile_url": settings.SITE_URL.rstrip("/") + reverse("hub:profile"),
        },
        language=user.preferred_language,
    )
