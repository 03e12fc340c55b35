"""The community's panel on a tool's page (registered in ``CommunityConfig.ready()``):
field reports as aggregates, and how many members are open to questions."""

from typing import Any

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer
from community.models import Follow
from community.selectors import MIN_AGENCIES, follow_of, is_tool_provider, tool_report_summary
from hub.access import is_verified_member


def tool_field_reports(*, tool: Tool, user: Viewer) -> dict[str, Any] | None:
    """For verified members only (none of it is public). Never names anyone."""
    if not is_verified_member(user):
        return None
    return {
        "reports": tool_report_summary(tool=tool),
        "min_agencies": MIN_AGENCIES,
        "can_report": tool.status in (Tool.Status.PUBLISHED, Tool.Status.RETIRED),
        "can_ask": not is_tool_provider(user),
        "following": follow_of(user=user, kind=Follow.Kind.TOOL, object_id=tool.pk),
    }
