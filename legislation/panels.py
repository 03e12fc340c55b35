"""The legislation app's panel on a tool's page, registered with ``catalogue.panels`` in
``LegislationConfig.ready()``: the law on the tool's topics where the member works."""

from typing import Any

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer
from legislation import selectors


def tool_legal_points(*, tool: Tool, user: Viewer) -> dict[str, Any]:
    """The law on the topics tied to ``tool``'s capabilities in ``user``'s country and the
    bodies it belongs to (EU, Council of Europe, UN). At most two queries."""
    return selectors.legal_points_for_tool(tool=tool, user=user)
