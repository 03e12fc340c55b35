"""The review-date reminder sent to an assessment's author, and the curators' notice of a
proposed profile change."""

import logging

from django.conf import settings
from django.urls import reverse

from hub.emails import send_templated

logger = logging.getLogger(__name__)


def send_review_reminder(*, assessment_id: int, risk_ids: list[int]) -> None:
    from responsible.models import Assessment

    assessment = (
        Assessment.objects.select_related("tool", "author", "jurisdiction")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        return
    risks = list(
        assessment.risks.filter(pk__in=risk_ids).select_related("sub_principle__principle")
    )
    if not risks:
        return
    send_templated(
        to=[assessment.author.email],
        template="responsible/emails/review_due",
        context={
            "assessment": assessment,
            "risks": risks,
            "user": assessment.author,
            "assessment_url": settings.SITE_URL.rstrip("/") + assessment.get_absolute_url(),
        },
        language=assessment.author.preferred_language,
    )


def send_proposal_notice(*, proposal_id: int) -> None:
    from responsible.models import Proposal

    proposal = (
        Proposal.objects.select_related("tool", "sub_principle", "proposed_by")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        return
    if not settings.CURATOR_EMAILS:
        logger.info("Profile change proposed for %s; no CURATOR_EMAILS.", proposal.tool.slug)
        return
    send_templated(
        to=list(settings.CURATOR_EMAILS),
        template="responsible/emails/proposal",
        context={
            "proposal": proposal,
            "admin_url": settings.SITE_URL.rstrip("/")
            + reverse("admin:responsible_proposal_change", args=[proposal.pk]),
        },
    )
