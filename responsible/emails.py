"""The review-date reminder sent to an assessment's author."""

from django.conf import settings

from hub.emails import send_templated


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
