"""Account emails as Django tasks, enqueued after the commit that caused them. With the
immediate backend they are sent right after the commit; a task worker sends them outside the
request, so a request takes as long whether or not it leads to an email."""

from django.tasks import task

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
        emails.send_password_reset(
            user=user,
            context=context,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )
