"""Training's background work as Django tasks. With the database task backend each is a row
written in the transaction that caused it, run by the worker (``manage.py run_worker``) with
retries; the periodic jobs are registered with the scheduler in ``TrainingConfig.ready``."""

from django.tasks import task

from training import emails


@task
def deliver_enrolment_email(enrolment_id: int, kind: str) -> None:
    emails.send_enrolment_email(enrolment_id=enrolment_id, kind=kind)


@task
def deliver_approval_request(enrolment_id: int) -> None:
    emails.send_approval_request(enrolment_id=enrolment_id)


@task
def deliver_session_message(enrolment_id: int, subject: str, message: str, sender_id: int) -> None:
    emails.send_session_message(
        enrolment_id=enrolment_id, subject=subject, message=message, sender_id=sender_id
    )


@task
def deliver_trainer_contact(session_id: int, sender_id: int, message: str) -> None:
    emails.send_trainer_contact(session_id=session_id, sender_id=sender_id, message=message)


@task
def expire_offers() -> int:
    """Pass on seat offers that were not accepted in time (every minute)."""
    from training import services

    return services.offers_expire()


@task
def send_reminders() -> int:
    """Queue reminders for sessions starting within 48 hours (every few minutes)."""
    from training import services

    return services.reminders_send()
