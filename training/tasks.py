"""Emails as Django tasks: with the default immediate backend they are sent right after the
commit; a deployment that configures a task worker sends them outside the request."""

from django.tasks import task

from training import emails


@task
def deliver_enrolment_email(enrolment_id: int, kind: str) -> None:
    emails.send_enrolment_email(enrolment_id=enrolment_id, kind=kind)


@task
def deliver_approval_request(enrolment_id: int) -> None:
    emails.send_approval_request(enrolment_id=enrolment_id)
