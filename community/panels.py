"""The community's panel on a tool's page (registered in ``CommunityConfig.ready()``):
field reports as aggregates, and how many members are open to questions."""

from typing import Any

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer
from community.selectors import MIN_AGENCIES, tool_report_summary, viewer_on_tool
from hub.access import is_verified_member


def tool_field_reports(*, tool: Tool, user: Viewer) -> dict[str, Any] | None:
    """For verified members only (none of it is public). Never names anyone."""
    if not is_verified_member(user):
        return None
    viewer = viewer_on_tool(user=user, tool=tool)
    return {
        "reports": tool_report_summary(tool=tool),
        "min_agencies": MIN_AGENCIES,
        "can_report": tool.status in (Tool.Status.PUBLISHED, Tool.Status.RETIRED),
        "can_ask": not viewer["provider"],
        "following": viewer["following"],
    }
