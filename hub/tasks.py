"""Account emails as Django tasks. Each is enqueued inside the transaction that caused it, so
with the database task backend the message is stored with the change (or not at all) and the
worker delivers it with retries; a request takes as long whether or not it leads to an email."""

from django.contrib.auth.tokens import default_token_generator
from django.tasks import task
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hub import emails
from hub.models import User


def _account(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


@task
def deliver_email_confirmation(user_id: int) -> None:
    if user := _account(user_id):
        emails.send_email_confirmation(user=user)


@task
def deliver_registration_attempt(user_id: int) -> None:
    if user := _account(user_id):
        emails.send_registration_attempt(user=user)


@task
def deliver_verification_result(user_id: int) -> None:
    if user := _account(user_id):
        emails.send_verification_result(user=user)


@task
def deliver_password_reset(
    user_id: int,
    context: dict,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
) -> None:
    if user := _account(user_id):
        context = {
            **context,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        emails.send_password_reset(
            user=user,
            context=context,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )


@task
def deliver_lifecycle_notice(user_id: int, kind: str) -> None:
    """A verification reminder (30 or 7 days before it ends) or the warning before a lapsed
    account is removed."""
    if user := _account(user_id):
        emails.send_lifecycle_notice(user=user, kind=kind)


@task
def deliver_curator_notice(request_id: int) -> None:
    """Tell the curators about a member's request (re-verification, or leaving)."""
    from hub.models import VerificationRequest

    request = VerificationRequest.objects.select_related("user").filter(pk=request_id).first()
    if request is not None:
        emails.send_curator_notice(request=request)


@task
def send_verification_reminders() -> int:
    from hub import lifecycle

    return lifecycle.verification_reminders_send()


@task
def purge_accounts() -> dict:
    from hub import lifecycle

    return lifecycle.accounts_purge()


@task
def deliver_security_notice(user_id: int, kind: str, what: str = "", device: str = "") -> None:
    if user := _account(user_id):
        emails.send_security_notice(user=user, kind=kind, what=what, device=device)
