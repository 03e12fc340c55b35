"""The export of the current list (``/tools/export.csv``, ``/tools/export.json``): every
tool of the filtered list, not one page, with only the fields the reader may see."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import QueryDict

from catalogue import search
from catalogue.models import Tool
from catalogue.selectors.listing import ordered, prepare, searched
from catalogue.selectors.terms import attach_term_names
from catalogue.selectors.viewer import Viewer, can_see_restricted

PUBLIC_COLUMNS = [
    "name", "url", "provider", "provider_kind", "provider_country", "summary", "stages",
    "capabilities", "data_types", "phases", "deployment", "cost_model", "open_source",
    "licence", "languages", "countries_available", "skill_level", "hardware",
    "integrations", "rai_lawfulness", "rai_harm_minimisation", "rai_human_autonomy",
    "rai_fairness", "rai_good_governance", "independently_tested", "human_review_documented",
    "exposure_safeguards", "website", "visibility", "last_verified",
    "fictional_demo",
]  # fmt: skip
RESTRICTED_COLUMNS = [
    "accuracy_evidence", "evidence_links", "pricing_details", "deployment_notes", "contact",
]  # fmt: skip


def tools_for_export(*, params: QueryDict, user: Viewer) -> tuple[Iterator[Tool], list[str]]:
    """Every tool of the current filtered list (not only one page), or the form's errors."""
    prepared = prepare(params, user)
    if prepared.errors:
        return iter(()), prepared.errors
    base = Tool.objects.visible_to(user)
    matching, query = searched(base, prepared.query_text)
    if prepared.query_text and not matching.exists():
        corrected = search.corrected_text(prepared.query_text)
        if corrected:
            matching, query = searched(base, corrected)
    tools = ordered(prepared.filterset, matching, query, prepared.sort)

    def rows() -> Iterator[Tool]:
        for tool in tools.iterator(chunk_size=1000):
            attach_term_names([tool], prepared.terms)
            yield tool

    return rows(), []


def export_columns(*, user: Viewer) -> list[str]:
    return PUBLIC_COLUMNS + (RESTRICTED_COLUMNS if can_see_restricted(user) else [])


def export_row(tool: Tool, columns: list[str]) -> dict[str, Any]:
    values = {
        "url": settings.SITE_URL.rstrip("/") + tool.get_absolute_url(),
        "provider": tool.provider.name,
        "provider_kind": tool.provider.kind,
        "provider_country": str(tool.provider.country or ""),
        "stages": list(tool.stage_names),
        "capabilities": list(tool.capability_names),
        "data_types": list(tool.data_type_names),
        "phases": list(tool.phase_names),
        "countries_available": [c.code for c in tool.countries_available],
        "last_verified": tool.last_verified.isoformat() if tool.last_verified else None,
        "fictional_demo": tool.is_demo,
        "evidence_links": tool.evidence_link_list(),
    }
    return {c: values[c] if c in values else getattr(tool, c) for c in columns}
