"""A member's own submissions (``/tools/submissions/``)."""

from django.db.models import QuerySet

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer


def submissions_of(*, user: Viewer) -> QuerySet:
    return Tool.objects.filter(submitted_by=user).select_related("provider").order_by("-created_at")
