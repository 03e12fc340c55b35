"""The training app's panel on a tool's page, registered with ``catalogue.panels`` in
``TrainingConfig.ready()``: the courses that teach the tool."""

from typing import Any

from django.db.models import Min, Q
from django.utils import timezone

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer
from training.models import Course, Session


def tool_courses(*, tool: Tool, user: Viewer) -> dict[str, Any] | None:
    """Courses that teach ``tool`` and that ``user`` may see, next session first (one
    query); ``None`` (no panel) when there are none."""
    upcoming = Q(sessions__status=Session.Status.SCHEDULED, sessions__starts_at__gt=timezone.now())
    courses = list(
        Course.objects.visible_to(user)
        .filter(tools=tool)
        .annotate(next_start=Min("sessions__starts_at", filter=upcoming))
        .order_by("title")
    )
    return {"tool_courses": courses} if courses else None
