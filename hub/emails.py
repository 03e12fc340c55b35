"""Email for accounts. Every message is a Django task (``deliver_*``): with the database task
backend it is stored in the transaction that asked for it and delivered by the worker with
retries, so a mail server that is down delays a message and never loses it. The
``send_*`` functions are what services and views call: they enqueue; the worker renders and
sends (and creates any token then, so no secret waits in the task table)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


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


def _user(user_id: int):
    from hub.models import User

    return User.objects.get(pk=user_id)


@task
def deliver_email_confirmation(user_id: int) -> None:
    from hub.services import email_confirmation_token

    user = _user(user_id)
    path = reverse("hub:confirm-email", args=[email_confirmation_token(user=user)])
    send_templated(
        to=[user.email],
        template="hub/emails/confirm_email",
        context={"user": user, "confirm_url": settings.SITE_URL.rstrip("/") + path},
        language=user.preferred_language,
    )


@task
def deliver_verification_result(user_id: int) -> None:
    user = _user(user_id)
    send_templated(
        to=[user.email],
        template="hub/emails/verification_result",
        context={
            "user": user,
            "profile_url": settings.SITE_URL.rstrip("/") + reverse("hub:profile"),
        },
        language=user.preferred_language,
    )


@task
def deliver_password_reset(user_id: int) -> None:
    """The reset link is made when the message is sent, so it is valid from then on."""
    user = _user(user_id)
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": "Global Hub",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    with translation.override(user.preferred_language):
        subject = render_to_string("registration/password_reset_subject.txt", context)
        body = render_to_string("registration/password_reset_email.txt", context)
    EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[user.email]).send()


def send_email_confirmation(*, user) -> None:
    deliver_email_confirmation.enqueue(user.pk)


def send_verification_result(*, user) -> None:
    deliver_verification_result.enqueue(user.pk)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with the message sent by the worker instead of in the request."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        deliver_password_reset.enqueue(context["user"].pk)
