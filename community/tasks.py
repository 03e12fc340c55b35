"""Community emails and the digest as Django tasks (stored and retried by the task
backend the deployment configures; the default immediate backend runs them after commit)."""

from django.tasks import task

from community import emails


@task
def deliver_contact_request(request_id: int) -> None:
    emails.send_contact_request(request_id=request_id)


@task
def deliver_contact_accepted(request_id: int) -> None:
    emails.send_contact_accepted(request_id=request_id)


@task
def deliver_contact_report(request_id: int) -> None:
    emails.send_contact_report(request_id=request_id)


@task
def deliver_digest(log_id: int) -> None:
    emails.send_digest(log_id=log_id)


@task
def send_digests() -> dict[str, int]:
    """The scheduled job: cover every due digest window (safe to run as often as wished)."""
    from community.services import digest_send_due

    return digest_send_due()


@task
def expire_contact_requests() -> int:
    """The scheduled job: tidy contact requests past their expiry (pages already treat them
    as expired when they read them)."""
    from community import services

    return services.contact_requests_expire()
