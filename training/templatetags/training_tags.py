from django import template
from django.db.models import Min, Q
from django.utils import timezone

from training.models import Course, Session

register = template.Library()


@register.simple_tag
def courses_for_tool(tool, user) -> list[Course]:
    """Courses that teach ``tool`` and that ``user`` may see, next session first (one query)."""
    upcoming = Q(sessions__status=Session.Status.SCHEDULED, sessions__starts_at__gt=timezone.now())
    return list(
        Course.objects.visible_to(user)
        .filter(tools=tool)
        .annotate(next_start=Min("sessions__starts_at", filter=upcoming))
        .order_by("title")
    )
