"""Emails as Django tasks: with the default immediate backend they are sent right after the
commit; a deployment with a task worker sends them outside the request."""

from django.tasks import task

from responsible import emails


@task
def deliver_review_reminder(assessment_id: int, risk_ids: list[int]) -> None:
    emails.send_review_reminder(assessment_id=assessment_id, risk_ids=risk_ids)


@task
def deliver_proposal_notice(proposal_id: int) -> None:
    emails.send_proposal_notice(proposal_id=proposal_id)
