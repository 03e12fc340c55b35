"""What the responsible app adds to catalogue pages: the tool page's panel and the compare
page's rows and a member's proposals, registered with ``catalogue.panels`` in
``ResponsibleConfig.ready`` with the templates named here."""

from typing import Any

from django.urls import reverse

from catalogue.models import Tool
from hub.access import is_verified_member
from responsible import selectors
from responsible.selectors import Viewer

TOOL_PANEL_TEMPLATE = "responsible/_tool_panel.html"
COMPARE_TEMPLATE = "responsible/_compare.html"
SUBMISSIONS_TEMPLATE = "responsible/_my_proposals.html"
FACET_WELLBEING_TEMPLATE = "responsible/_facet_wellbeing.html"


def tool_panel_context(*, tool: Tool, user: Viewer) -> dict[str, Any]:
    """The tool's responsible-AI profile, its evidence ledger (restricted claims only for
    verified members), the exposure it spares analysts, and the way to assess or propose."""
    verified = is_verified_member(user)
    published = tool.status == Tool.Status.PUBLISHED
    return {
        "tool": tool,
        **selectors.tool_profile(tool=tool, user=user),
        "can_assess": verified and published,
        "assess_url": reverse("responsible:assessment-start", args=[tool.slug]),
        "propose_url": reverse("responsible:proposal-create", args=[tool.slug])
        if verified and published
        else "",
    }


def compare_context(*, tools: list[Tool], user: Viewer) -> dict[str, Any]:
    return {"rai_tools": tools, **selectors.compare(tools=tools, user=user)}


def submissions_context(*, user: Viewer) -> dict[str, Any]:
    """A member's proposed profile changes, under their tool submissions (one query)."""
    return {"proposals": selectors.proposals_of(user=user)}


def exposure_facet_context(*, user: Viewer) -> dict[str, Any] | None:
    """Under the list's "Spares analysts' exposure" facet: the published course on analyst
    wellbeing the visitor may see, when there is one (one query, once per cached list)."""
    courses = selectors.wellbeing_courses(user=user, limit=1)
    return {"wellbeing_course": courses[0]} if courses else None
