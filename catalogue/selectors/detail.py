"""One tool's page (``/tools/<slug>/``): the tool with its terms, and related tools."""

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db.models import IntegerField, Model, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from catalogue.models import Capability, DataType, Phase, Stage, Tool
from catalogue.selectors.cache import LIST_CACHE_SECONDS, catalogue_version
from catalogue.selectors.terms import local_name
from catalogue.selectors.viewer import Viewer, access_level


def _terms_json(model: type[Model]) -> ArraySubquery:
    return ArraySubquery(
        model.objects.rewrite(False)  # the name in the visitor's language, one column
        .filter(tools=OuterRef("pk"))
        .order_by("position")
        .values(json=JSONObject(id="id", slug="slug", name=local_name()))
    )


def tools_with_terms() -> QuerySet:
    """Tools with their provider and every taxonomy term in the same query (lists of dicts
    in ``stage_terms``, ``capability_terms``, ``data_type_terms``, ``phase_terms``)."""
    return Tool.objects.select_related("provider").annotate(
        stage_terms=_terms_json(Stage),
        capability_terms=_terms_json(Capability),
        data_type_terms=_terms_json(DataType),
        phase_terms=_terms_json(Phase),
    )


def tool_by_slug(*, slug: str) -> Tool | None:
    """Any tool, whatever its status; the view decides who may see it."""
    return tools_with_terms().select_related("successor").filter(slug=slug).first()


# How many of the newest tools of each of a tool's capabilities are candidates for its
# "related tools": the query reads at most this many index entries per capability, whatever
# the catalogue's size.
RELATED_CANDIDATES_PER_CAPABILITY = 100


def related_tools(*, tool: Tool, user: Viewer, limit: int = 6) -> list[Tool]:
    """Published tools ``user`` may see that share the most capabilities with ``tool``, by
    name among equals; cached under the catalogue version.

    Candidates are the newest ``RELATED_CANDIDATES_PER_CAPABILITY`` tools of each of the
    tool's capabilities, read backwards from the ``(capability_id, tool_id)`` index of the
    capability relation, so the query's cost does not grow with the catalogue. While a
    capability has fewer tools than that (every catalogue up to a few thousand tools), the
    answer is exactly the tools sharing the most capabilities.
    """
    capability_ids = [term["id"] for term in tool.capability_terms]
    if not capability_ids:
        return []
    key = f"catalogue:related:{catalogue_version()}:{access_level(user)}:{tool.pk}"
    related = cache.get(key)
    if related is None:
        related = _related_query(tool, user, capability_ids, limit)
        cache.set(key, related, LIST_CACHE_SECONDS)
    return related


def _related_query(tool: Tool, user: Viewer, capability_ids: list[int], limit: int) -> list[Tool]:
    relation = Tool.capabilities.through._meta.db_table
    candidates = RawSQL(
        "SELECT DISTINCT newest.tool_id FROM unnest(%s::bigint[]) AS capability(id) "
        "CROSS JOIN LATERAL ("
        f"SELECT r.tool_id FROM {relation} r WHERE r.capability_id = capability.id "
        "AND r.tool_id <> %s ORDER BY r.tool_id DESC LIMIT %s) AS newest",
        (capability_ids, tool.pk, RELATED_CANDIDATES_PER_CAPABILITY),
    )
    shared = RawSQL(
        "cardinality(ARRAY(SELECT unnest(capability_ids) INTERSECT SELECT unnest(%s::bigint[])))",
        (capability_ids,),
        output_field=IntegerField(),
    )
    return list(
        Tool.objects.visible_to(user)
        .filter(pk__in=candidates)
        .annotate(shared=shared)
        .select_related("provider")
        .only("name", "slug", "is_demo", "provider__name")
        .order_by("-shared", "name")[:limit]
    )
