"""What training keeps of a member, for hub.data_rights: enrolments and certificates.

On erasure the enrolments stay, attached to the anonymised "Former member" account, so
trainers' counts (seats, attendance, completions) still add up; open enrolments in sessions
to come are cancelled (freeing the seat); certificates stay verifiable without a name if the
member chose so, otherwise their codes are replaced by unpublished ones, so the old codes no
longer verify."""

from typing import Any

from django.utils import timezone

from training import services
from training.models import CalendarToken, Enrolment

OPEN = [
    Enrolment.Status.PENDING,
    Enrolment.Status.CONFIRMED,
    Enrolment.Status.WAITLISTED,
    Enrolment.Status.OFFERED,
]


def export(user: Any) -> dict[str, Any]:
    enrolments = Enrolment.objects.filter(user=user).select_related("session__course")
    return {
        "enrolments": [
            {
                "course": e.session.course.title,
                "session_starts_at": e.session.starts_at.isoformat(),
                "status": e.status,
                "enrolled_at": e.created_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "attended": e.attended,
            }
            for e in enrolments
        ],
        "certificates": [
            {
                "code": e.certificate_code,
                "course": e.session.course.title,
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            }
            for e in enrolments
            if e.status == Enrolment.Status.COMPLETED
        ],
    }


def erase(user: Any, keep_certificates: bool) -> dict[str, int]:
    now = timezone.now()
    cancelled = 0
    upcoming = Enrolment.objects.filter(user=user, status__in=OPEN, session__starts_at__gt=now)
    for enrolment in upcoming:
        services.enrolment_cancel(enrolment=enrolment, by_staff=True, now=now)
        cancelled += 1
    revoked = 0
    if not keep_certificates:
        for enrolment in Enrolment.objects.filter(user=user, status=Enrolment.Status.COMPLETED):
            enrolment.certificate_code = services.new_certificate_code()
            enrolment.save(update_fields=["certificate_code", "updated_at"])
            revoked += 1
    CalendarToken.objects.filter(user=user).delete()
    return {"enrolments_cancelled": cancelled, "certificates_revoked": revoked}
