"""Community emails, each from three templates (subject, text, HTML) in the member's
language through ``hub.emails.send_templated``."""

from django.conf import settings

from hub.access import CURATOR_GROUP
from hub.emails import send_templated, site_link
from hub.models import User


def send_contact_request(*, request_id: int) -> None:
    from community.models import ContactRequest

    request = ContactRequest.objects.select_related("sender__agency", "recipient", "tool").get(
        pk=request_id
    )
    send_templated(
        to=[request.recipient.email],
        template="community/emails/contact_request",
        context={"request": request, "connections_url": site_link("community:connections")},
        language=request.recipient.preferred_language,
    )


def send_contact_accepted(*, request_id: int) -> None:
    from community.models import ContactRequest

    request = ContactRequest.objects.select_related("sender", "recipient").get(pk=request_id)
    send_templated(
        to=[request.sender.email],
        template="community/emails/contact_accepted",
        context={"request": request, "connections_url": site_link("community:connections")},
        language=request.sender.preferred_language,
    )


def curator_addresses() -> list[str]:
    curators = User.objects.filter(is_active=True, is_staff=True).filter(groups__name=CURATOR_GROUP)
    addresses = set(settings.CURATOR_EMAILS)
    addresses.update(curators.values_list("email", flat=True))
    return sorted(addresses)


def send_contact_report(*, request_id: int) -> None:
    from community.models import ContactRequest

    request = ContactRequest.objects.select_related("sender", "recipient").get(pk=request_id)
    addresses = curator_addresses()
    if not addresses:
        return
    send_templated(
        to=addresses,
        template="community/emails/contact_reported",
        context={
            "request": request,
            "admin_url": site_link("admin:community_contactrequest_change", request.pk),
        },
    )


def send_digest(*, log_id: int) -> None:
    from community.models import DigestLog
    from community.selectors import digest_items, follows_with_targets
    from community.services import unfollow_token

    log = DigestLog.objects.select_related("user").get(pk=log_id)
    user = log.user
    sections = digest_items(user=user, since=log.period_start, until=log.period_end)
    if not sections:
        return
    follows = follows_with_targets(user=user)
    for follow in follows:
        follow.unfollow_url = site_link("community:unfollow", unfollow_token(follow))
    send_templated(
        to=[user.email],
        template="community/emails/digest",
        context={
            "user": user,
            "log": log,
            "sections": sections,
            "follows": [f for f in follows if f.target is not None],
            "settings_url": site_link("community:profile"),
        },
        language=user.preferred_language,
    )
