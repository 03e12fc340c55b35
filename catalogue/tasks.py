"""The catalogue's background work as Django tasks: with the database task backend each is a
row written in the transaction that caused it and delivered by the worker with retries."""

from django.tasks import task


@task
def deliver_submission_notice(tool_id: int) -> None:
    """Tell the curators that a provider submitted a tool for review."""
    from catalogue.services import curators_notify_submission

    curators_notify_submission(tool_id=tool_id)
