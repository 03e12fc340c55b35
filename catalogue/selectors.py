"""Reads shared by the catalogue's views, the home page and the site-wide search."""

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, JSONObject
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from catalogue import search
from catalogue.filters import FACETS, M2M_FACETS, YES_NO, Sort, ToolFilter
from catalogue.models import (
    Capability,
    CostModel,
    DataType,
    Deployment,
    Language,
    Phase,
    Provider,
    Shortlist,
    Stage,
    Tool,
)
from hub.access import Visibility, is_verified_member

PER_PAGE = 20
TAXONOMY = {"stage": Stage, "capability": Capability, "data_type": DataType, "phase": Phase}


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str


# Home page and site-wide search ------------------------------------------------------------


def stage_entry_points() -> list[Stage]:
    """The workflow stages for the home page, in order, each with ``tool_count`` (published,
    public tools: what anyone can open). Cached under the catalogue's version."""
    key = f"catalogue:stages:{catalogue_version()}"
    stages = cache.get(key)
    if stages is None:
        published_public = Q(tools__status=Tool.Status.PUBLISHED) & Q(
            tools__visibility=Visibility.PUBLIC
        )
        stages = list(
            Stage.objects.annotate(tool_count=Count("tools", filter=published_public)).order_by(
                "position", "name"
            )
        )
        cache.set(key, stages, LIST_CACHE_SECONDS)
    return stages


def site_search(*, query: str, user, limit: int = 5) -> list[dict]:
    """Results of the site-wide search: dicts with title, url and summary (what ``user`` may
    see), best match first; misspelled words are corrected from the catalogue's vocabulary."""
    query = (query or "").strip()[:200]
    if not query or "\x00" in query:
        return []
    tools = _ranked(Tool.objects.visible_to(user), query)[:limit]
    if not tools:
        corrected = search.corrected_text(query)
        if corrected:
            tools = _ranked(Tool.objects.visible_to(user), corrected)[:limit]
    return [
        {"title": tool.name, "url": tool.get_absolute_url(), "summary": tool.summary}
        for tool in tools
    ]


def _ranked(queryset: QuerySet, text: str) -> QuerySet:
    query = search.search_query(text)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=search.rank(query))
        .order_by("-rank", "name")
        .only("name", "slug", "summary")
    )


# Taxonomy ----------------------------------------------------------------------------------


def taxonomy_terms() -> dict[str, list[Term]]:
    """Every stage, capability, data type and phase, in order: one query, then cached under
    the catalogue's version (a change to a term changes the version)."""
    key = f"catalogue:terms:{catalogue_version()}:{get_language()}"
    terms = cache.get(key)
    if terms is not None:
        return terms
    parts = [
        model.objects.order_by()
        .annotate(kind=Value(kind))
        .values_list("kind", "position", "name", "slug", "id")
        for kind, model in TAXONOMY.items()
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True))
    terms = {kind: [] for kind in TAXONOMY}
    for kind, _position, name, slug, pk in rows:
        terms[kind].append(Term(id=pk, slug=slug, name=name))
    cache.set(key, terms, LIST_CACHE_SECONDS)
    return terms


# The faceted list --------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def disabled(self) -> bool:
        return self.count == 0 and not self.selected


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


@dataclass
class Chip:
    facet_label: str
    label: str
    remove_url: str


@dataclass
class ToolList:
    """Everything the list page shows; plain data, so that it can be cached."""

    page_obj: Page
    facets: list[Facet]
    chips: list[Chip]
    query: str
    corrected: str | None
    sort: str
    errors: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.page_obj.paginator.count


def attach_term_names(tools, terms: dict[str, list[Term]]) -> None:
    """Give each tool ``stage_names``, ``capability_names``, ``data_type_names`` and
    ``phase_names`` from its id arrays and the taxonomy already loaded: no query per tool."""
    for tool in tools:
        for kind, field_name in M2M_FACETS.items():
            ids = set(getattr(tool, field_name) or [])
            setattr(tool, f"{kind}_names", [t.name for t in terms[kind] if t.id in ids])


@dataclass
class _Prepared:
    filterset: ToolFilter
    terms: dict
    errors: list[str]
    query_text: str
    sort: str


def _prepare(params: QueryDict, user) -> _Prepared:
    terms = taxonomy_terms()
    filterset = ToolFilter(params, queryset=Tool.objects.visible_to(user), terms=terms)
    errors = _form_errors(filterset)
    query_text = filterset.cleaned("q") or ""
    sort = filterset.cleaned("sort") or (Sort.RELEVANCE if query_text else Sort.NAME)
    if sort == Sort.RELEVANCE and not query_text:
        sort = Sort.NAME
    return _Prepared(filterset, terms, errors, query_text, sort)


class _CountedPage:
    """What Paginator needs: the total, and the one page already fetched."""

    def __init__(self, total: int, tools: list):
        self.total, self.tools = total, tools

    def count(self) -> int:
        return self.total

    def __getitem__(self, item):
        return self.tools


def _page_number(page: str | None) -> int:
    try:
        return max(1, int(str(page)))
    except (TypeError, ValueError):
        return 1


def tool_list(*, params: QueryDict, user, page: str | None = None) -> ToolList:
    """The list page: validated facets, search (with correction), sort, one page of cards,
    facet counts and removable chips. Invalid values are left out and reported in ``errors``.

    Queries: the taxonomy, one statement for total + facet counts + the page's ids (the search
    runs once), then the cards of that page; a misspelled search adds the correction lookup
    and one more statement.
    """
    prepared = _prepare(params, user)
    filterset = prepared.filterset
    number = _page_number(page)
    base = Tool.objects.visible_to(user)
    text, corrected = prepared.query_text, None
    listing = _listing_query(filterset, base, text, prepared.sort, number)
    if text and listing.total == 0:
        corrected = search.corrected_text(text)
        if corrected:
            retry = _listing_query(filterset, base, corrected, prepared.sort, number)
            if retry.total:
                text, listing = corrected, retry
            else:
                corrected = None  # the correction finds nothing either: say so plainly
    tools = _cards(listing.ids, text, prepared.terms)
    paginator = Paginator(_CountedPage(listing.total, tools), PER_PAGE)
    page_obj = paginator.page(min(number, paginator.num_pages))
    facets = _facets(filterset, prepared.terms, listing.counts)
    return ToolList(
        page_obj=page_obj,
        facets=facets,
        chips=_chips(params, facets, prepared.query_text),
        query=prepared.query_text,
        corrected=corrected,
        sort=prepared.sort,
        errors=prepared.errors,
    )


# What a card shows (the rest of a tool stays in the database until its page is opened).
CARD_FIELDS = [
    "name", "slug", "summary", "provider", "is_demo", "visibility", "open_source", "status",
    "last_verified", "cost_model", "deployment", "stage_ids", "capability_ids",
    "data_type_ids", "phase_ids",
]  # fmt: skip


def _cards(ids: list[int], text: str, terms) -> list[Tool]:
    """The tools of one page, in the listing's order, with what a card shows."""
    if not ids:
        return []
    tools = (
        Tool.objects.filter(pk__in=ids)
        .for_cards()
        .only(*CARD_FIELDS, "provider__name", "provider__slug")
    )
    if text:
        tools = tools.annotate(headline=search.headline(search.search_query(text)))
    by_id = {tool.pk: tool for tool in tools}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    for tool in ordered:
        tool.snippet = search.snippet_html(tool.headline) if text else None
    attach_term_names(ordered, terms)
    return ordered


def _form_errors(filterset: ToolFilter) -> list[str]:
    if filterset.is_valid():
        return []
    messages = []
    for name, errors in filterset.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        messages.append(_("%(field)s: %(errors)s") % {"field": label, "errors": " ".join(errors)})
    return messages


def _searched(base: QuerySet, text: str):
    if not text:
        return base, None
    query = search.search_query(text)
    return base.filter(search_vector=query), query


def _ordered(filterset: ToolFilter, searched: QuerySet, query, sort: str) -> QuerySet:
    """The whole filtered list through the ORM (exports), in the list page's order."""
    tools = filterset.queryset_without(searched, None).for_cards()
    if query is not None and sort == Sort.RELEVANCE:
        return tools.annotate(rank=search.rank(query)).order_by("-rank", "name", "pk")
    if sort == Sort.VERIFIED:
        return tools.order_by(F("last_verified").desc(nulls_last=True), "name", "pk")
    return tools.order_by("name", "pk")


# Facet counts read these columns of the searched rows (aliases in the CTE).
_FACET_COLUMNS = {
    "stage": F("stage_ids"),
    "capability": F("capability_ids"),
    "data_type": F("data_type_ids"),
    "phase": F("phase_ids"),
    "deployment": Cast("deployment", ArrayField(TextField())),
    "cost": Cast("cost_model", TextField()),
    "open_source": F("open_source"),
    "language": Cast("languages", ArrayField(TextField())),
    "provider_kind": Cast("provider__kind", TextField()),
    "provider_country": Cast("provider__country", TextField()),
}


def _facet_condition(filterset: ToolFilter, name: str, values: list[str]) -> tuple[str, list]:
    """SQL over the CTE's columns equivalent to the FilterSet's filter for one facet."""
    column = f"f_{name}"
    if name in M2M_FACETS:
        return f"{column} && %s::bigint[]", [filterset.m2m_ids(name, values)]
    if name in ("deployment", "language"):
        return f"{column} && %s::text[]", [list(values)]
    if name == "open_source":
        if set(values) == {"yes", "no"}:
            return "TRUE", []
        return f"{column} = %s", ["yes" in values]
    return f"{column} = ANY(%s::text[])", [list(values)]


@dataclass
class _Listing:
    total: int
    ids: list[int]
    counts: dict[str, dict[str, int]]


def _listing_query(filterset: ToolFilter, base: QuerySet, text: str, sort: str, number: int):
    """Total, facet counts and the ids of one page, in one SQL statement.

    The rows that match the search and visibility are read once into a materialised CTE
    with the facet columns (term ids are arrays on the row). Each facet counts its values
    over that CTE with every *other* facet's choices applied; the total and the page apply
    them all. The page offset is clamped to the last page in SQL, like ``get_page``.
    """
    searched, query = _searched(base, text)
    active = filterset.active_facets()
    if len(active) >= 2:
        # Facet counts only need rows that fail at most one chosen facet.
        almost = Q(pk__in=[])
        for skipped in active:
            both = Q()
            for name, values in active.items():
                if name != skipped:
                    both &= filterset.facet_q(name, values)
            almost |= both
        searched = searched.filter(almost)
    columns = {f"f_{name}": expression for name, expression in _FACET_COLUMNS.items()}
    columns.update(f_id=F("pk"), f_name=F("name"), f_verified=F("last_verified"))
    base_sql, base_params = searched.order_by().values(**columns).query.sql_with_params()
    params: list = list(base_params)
    conditions = {
        name: _facet_condition(filterset, name, values) for name, values in active.items()
    }

    def where(skip: str | None = None) -> tuple[str, list]:
        sql, sql_params = ["TRUE"], []
        for other, (condition, condition_params) in conditions.items():
            if other != skip:
                sql.append(condition)
                sql_params += condition_params
        return " AND ".join(sql), sql_params

    parts = []
    for name, _label, kind in FACETS:
        # A facet without a choice counts over the fully filtered rows; a chosen facet
        # counts over the rows that pass every other facet.
        table, (facet_where, facet_params) = (
            ("searched", where(skip=name)) if name in active else ("filtered", ("TRUE", []))
        )
        column = f"f_{name}"
        if kind in ("m2m", "array"):
            source, value = f"{table} CROSS JOIN LATERAL unnest({column}) AS v", "v::text"
        elif name == "open_source":
            source, value = table, f"CASE WHEN {column} THEN 'yes' ELSE 'no' END"
        else:
            source, value = table, f"{column}::text"
        parts.append(
            f"SELECT %s::text, {value}, count(*)::int FROM {source} WHERE {facet_where} GROUP BY 2"
        )
        params += [name, *facet_params]
    # Every provider country in the catalogue, so that zero counts show (disabled) too.
    parts.append(
        f"SELECT 'provider_country', p.country::text, 0 FROM {Provider._meta.db_table} p "
        f"WHERE p.country <> '' GROUP BY p.country"
    )
    parts.append("SELECT '_total', NULL, n FROM total")
    parts.append("SELECT '_page', page.f_id::text, page.position::int FROM page")

    all_where, all_params = where()
    # Sort keys k1, k2, k3 are selected by the page's subquery (a top-N sort with LIMIT) and
    # numbered again over those twenty rows only.
    if sort == Sort.RELEVANCE and text:
        keys = f"ts_rank(t.search_vector, {search.TSQUERY_SQL}) AS k1, f.f_name AS k2, f.f_id AS k3"
        order, key_params = "k1 DESC, k2, k3", [search.tsquery_text(text)]
        ranked = f"filtered f JOIN {Tool._meta.db_table} t ON t.id = f.f_id"
    elif sort == Sort.VERIFIED:
        keys, key_params, ranked = (
            "f.f_verified AS k1, f.f_name AS k2, f.f_id AS k3",
            [],
            "filtered f",
        )
        order = "k1 DESC NULLS LAST, k2, k3"
    else:
        keys = "f.f_name AS k1, f.f_id AS k2, 0 AS k3"
        order, key_params, ranked = "k1, k2, k3", [], "filtered f"
    offset = (number - 1) * PER_PAGE
    sql = (
        f"WITH searched AS MATERIALIZED ({base_sql}), "
        f"filtered AS MATERIALIZED (SELECT * FROM searched WHERE {all_where}), "
        "total AS (SELECT count(*)::int AS n FROM filtered), "
        f"page AS (SELECT f_id, row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT f.f_id, {keys} FROM {ranked} ORDER BY {order} LIMIT {PER_PAGE} "
        f"OFFSET (SELECT LEAST(%s, GREATEST((n - 1) / {PER_PAGE} * {PER_PAGE}, 0)) FROM total)"
        ") top) " + " UNION ALL ".join(parts)
    )
    params = list(base_params) + all_params + key_params + [offset] + params[len(base_params) :]
    slugs = {name: {t.id: t.slug for t in filterset.terms[name]} for name in M2M_FACETS}
    counts: dict[str, dict[str, int]] = {name: {} for name, _label, _kind in FACETS}
    total, page = 0, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for facet, value, count in rows:
        if facet == "_total":
            total = count
        elif facet == "_page":
            page.append((count, int(value)))
        else:
            if facet in slugs:
                value = slugs[facet].get(int(value))
                if value is None:
                    continue
            counts[facet][value] = max(counts[facet].get(value, 0), count)
    return _Listing(total=total, ids=[pk for _position, pk in sorted(page)], counts=counts)


def _facets(filterset: ToolFilter, terms, counts) -> list[Facet]:
    choices = {
        **{name: [(t.slug, t.name) for t in terms[name]] for name in TAXONOMY},
        "deployment": Deployment.choices,
        "cost": CostModel.choices,
        "open_source": YES_NO,
        "language": Language.choices,
        "provider_kind": Provider.Kind.choices,
    }
    active = filterset.active_facets()
    facets = []
    for name, label, _kind in FACETS:
        chosen = set(active.get(name, []))
        if name == "provider_country":
            codes = set(counts[name]) | chosen
            options = sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])
        else:
            options = choices[name]
        facets.append(
            Facet(
                name=name,
                label=str(label),
                options=[
                    FacetOption(
                        value=value,
                        label=str(text),
                        count=counts[name].get(value, 0),
                        selected=value in chosen,
                    )
                    for value, text in options
                ],
            )
        )
    return facets


def _chips(params: QueryDict, facets: list[Facet], query_text: str) -> list[Chip]:
    """One removable chip per active choice; its link is the current URL without it."""

    def without(key: str, value: str | None) -> str:
        items = [
            (k, v)
            for k in params
            for v in params.getlist(k)
            if k != "page" and not (k == key and (value is None or v == value))
        ]
        return "?" + urlencode(items) if items else "?"

    chips = []
    if query_text:
        chips.append(Chip(facet_label=_("Search"), label=query_text, remove_url=without("q", None)))
    for facet in facets:
        for option in facet.options:
            if option.selected:
                chips.append(
                    Chip(
                        facet_label=facet.label,
                        label=option.label,
                        remove_url=without(facet.name, option.value),
                    )
                )
    return chips


# One tool, related tools, compare ---------------------------------------------------------


def _terms_json(model) -> ArraySubquery:
    return ArraySubquery(
        model.objects.filter(tools=OuterRef("pk"))
        .order_by("position")
        .values(json=JSONObject(id="id", slug="slug", name="name"))
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
    return tools_with_terms().filter(slug=slug).first()


def related_tools(*, tool: Tool, user, limit: int = 6) -> list[Tool]:
    """Published tools ``user`` may see that share the most capabilities with ``tool``
    (one query on the GIN-indexed capability-id arrays, cached under the catalogue version)."""
    capability_ids = [term["id"] for term in tool.capability_terms]
    if not capability_ids:
        return []
    level = "verified" if is_verified_member(user) else "public"
    key = f"catalogue:related:{catalogue_version()}:{level}:{tool.pk}"
    related = cache.get(key)
    if related is None:
        related = _related_query(tool, user, capability_ids, limit)
        cache.set(key, related, LIST_CACHE_SECONDS)
    return related


def _related_query(tool: Tool, user, capability_ids: list[int], limit: int) -> list[Tool]:
    shared = RawSQL(
        "cardinality(ARRAY(SELECT unnest(capability_ids) INTERSECT SELECT unnest(%s::bigint[])))",
        (capability_ids,),
        output_field=IntegerField(),
    )
    return list(
        Tool.objects.visible_to(user)
        .exclude(pk=tool.pk)
        .filter(capability_ids__overlap=capability_ids)
        .annotate(shared=shared)
        .select_related("provider")
        .order_by("-shared", "name")[:limit]
    )


def tools_for_compare(*, slugs: list[str], user) -> list[Tool]:
    """The tools named by ``slugs`` that ``user`` may see, in the order given."""
    found = {t.slug: t for t in tools_with_terms().visible_to(user).filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def submissions_of(*, user) -> QuerySet:
    return Tool.objects.filter(submitted_by=user).select_related("provider").order_by("-created_at")


def can_see_restricted(user) -> bool:
    return is_verified_member(user)


def shortlists_of(*, user) -> list:
    return list(
        Shortlist.objects.filter(owner=user).annotate(item_total=Count("items")).order_by("name")
    )


def shortlist_items(*, shortlist, user) -> list:
    """The items of a shortlist with their tools; ``tool.listed`` says whether the tool is
    still published and open to ``user``."""
    items = list(shortlist.items.select_related("tool__provider").order_by("added_at"))
    for item in items:
        item.tool.listed = item.tool.status == Tool.Status.PUBLISHED and (
            item.tool.visibility == Visibility.PUBLIC or is_verified_member(user)
        )
    return items


# Compare and export -------------------------------------------------------------------------


def _names(terms) -> str:
    return ", ".join(term["name"] for term in terms or [])


def _choice_labels(values, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(v, v)) for v in values or [])


def _public_fields():
    return [
        (_("Provider"), lambda t: t.provider.name),
        (_("Summary"), lambda t: t.summary),
        (_("Stages"), lambda t: _names(t.stage_terms)),
        (_("Capabilities"), lambda t: _names(t.capability_terms)),
        (_("Data types"), lambda t: _names(t.data_type_terms)),
        (_("Investigation phases"), lambda t: _names(t.phase_terms)),
        (_("Deployment"), lambda t: _choice_labels(t.deployment, Deployment.choices)),
        (_("Cost model"), lambda t: t.get_cost_model_display()),
        (_("Open source"), lambda t: _("Yes") if t.open_source else _("No")),
        (_("Licence"), lambda t: t.licence),
        (_("Languages"), lambda t: _choice_labels(t.languages, Language.choices)),
        (_("Countries available"), lambda t: ", ".join(c.name for c in t.countries_available)),
        (_("Required skill level"), lambda t: t.get_skill_level_display()),
        (_("Hardware needs"), lambda t: t.hardware),
        (_("Integrations"), lambda t: t.integrations),
        (_("Lawfulness"), lambda t: t.rai_lawfulness),
        (_("Minimisation of harm"), lambda t: t.rai_harm_minimisation),
        (_("Human autonomy"), lambda t: t.rai_human_autonomy),
        (_("Fairness"), lambda t: t.rai_fairness),
        (_("Good governance"), lambda t: t.rai_good_governance),
        (_("Website"), lambda t: t.website),
        (_("Last verified"), lambda t: t.last_verified.isoformat() if t.last_verified else ""),
    ]


def _restricted_fields():
    return [
        (_("Evidence of accuracy"), lambda t: t.accuracy_evidence),
        (_("Evidence links"), lambda t: " ".join(t.evidence_link_list())),
        (_("Pricing details"), lambda t: t.pricing_details),
        (_("Deployment notes"), lambda t: t.deployment_notes),
        (_("Contact"), lambda t: t.contact),
    ]


@dataclass
class CompareRow:
    label: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def compare_rows(*, tools: list[Tool], user) -> list[CompareRow]:
    """One row per field, restricted fields only for verified members."""
    fields = _public_fields() + (_restricted_fields() if is_verified_member(user) else [])
    return [CompareRow(str(label), [str(get(t) or "") for t in tools]) for label, get in fields]


def tools_for_export(*, params: QueryDict, user) -> tuple[Iterator[Tool], list[str]]:
    """Every tool of the current filtered list (not only one page), or the form's errors."""
    prepared = _prepare(params, user)
    if prepared.errors:
        return iter(()), prepared.errors
    base = Tool.objects.visible_to(user)
    searched, query = _searched(base, prepared.query_text)
    if prepared.query_text and not searched.exists():
        corrected = search.corrected_text(prepared.query_text)
        if corrected:
            searched, query = _searched(base, corrected)
    tools = _ordered(prepared.filterset, searched, query, prepared.sort)

    def rows():
        for tool in tools.iterator(chunk_size=1000):
            attach_term_names([tool], prepared.terms)
            yield tool

    return rows(), []


PUBLIC_COLUMNS = [
    "name", "url", "provider", "provider_kind", "provider_country", "summary", "stages",
    "capabilities", "data_types", "phases", "deployment", "cost_model", "open_source",
    "licence", "languages", "countries_available", "skill_level", "hardware",
    "integrations", "rai_lawfulness", "rai_harm_minimisation", "rai_human_autonomy",
    "rai_fairness", "rai_good_governance", "website", "visibility", "last_verified",
    "fictional_demo",
]  # fmt: skip
RESTRICTED_COLUMNS = [
    "accuracy_evidence", "evidence_links", "pricing_details", "deployment_notes", "contact",
]  # fmt: skip


def export_columns(*, user) -> list[str]:
    return PUBLIC_COLUMNS + (RESTRICTED_COLUMNS if is_verified_member(user) else [])


def export_row(tool: Tool, columns: list[str]) -> dict:
    from django.conf import settings

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


# Caching the list page ---------------------------------------------------------------------

CATALOGUE_VERSION_KEY = "catalogue:version"
LIST_CACHE_SECONDS = 60


def catalogue_version() -> int:
    """A number that changes whenever a tool, provider or term changes (see signals.py);
    cached list pages are keyed by it, so they never outlive the data they show."""
    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(CATALOGUE_VERSION_KEY, version, None)
        version = cache.get(CATALOGUE_VERSION_KEY, version)
    return version


def catalogue_changed() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        cache.set(CATALOGUE_VERSION_KEY, int(time.time() * 1000), None)


def list_cache_key(*, params: QueryDict, user, language: str) -> str:
    """Same list for everyone with the same visibility level, language and query string."""
    level = "verified" if is_verified_member(user) else "public"
    items = sorted((k, v) for k in params for v in params.getlist(k))
    digest = hashlib.sha256(urlencode(items).encode()).hexdigest()[:32]
    return f"catalogue:list:{catalogue_version()}:{level}:{language}:{digest}"


def whole_page_cache_key(list_key: str) -> str:
    """The whole page an anonymous visitor got for a list state, in this release."""
    return f"{list_key}:page:{settings.RELEASE}"
