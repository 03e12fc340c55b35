"""Reads shared by the catalogue's views, the home page and the site-wide search."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Value
from django.db.models.functions import JSONObject
from django.http import QueryDict
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
    slug: str
    name: str


# Home page and site-wide search ------------------------------------------------------------


def stage_entry_points() -> list[Stage]:
    """The workflow stages for the home page, in order, each with ``tool_count`` (published,
    public tools: what anyone can open)."""
    published_public = Q(tools__status=Tool.Status.PUBLISHED) & Q(
        tools__visibility=Visibility.PUBLIC
    )
    return list(
        Stage.objects.annotate(tool_count=Count("tools", filter=published_public)).order_by(
            "position", "name"
        )
    )


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
    """Every stage, capability, data type and phase, in order, in one query."""
    parts = [
        model.objects.order_by()
        .annotate(kind=Value(kind))
        .values_list("kind", "position", "name", "slug")
        for kind, model in TAXONOMY.items()
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True))
    terms: dict[str, list[Term]] = {kind: [] for kind in TAXONOMY}
    for kind, _position, name, slug in rows:
        terms[kind].append(Term(slug=slug, name=name))
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
    filterset: ToolFilter
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


def _card_annotations() -> dict:
    """Term names for a card, as arrays in the same query (no per-row queries)."""
    return {
        "stage_names": ArraySubquery(
            Stage.objects.filter(tools=OuterRef("pk")).order_by("position").values("name")
        ),
        "capability_names": ArraySubquery(
            Capability.objects.filter(tools=OuterRef("pk")).order_by("position").values("name")
        ),
        "data_type_names": ArraySubquery(
            DataType.objects.filter(tools=OuterRef("pk")).order_by("position").values("name")
        ),
        "phase_names": ArraySubquery(
            Phase.objects.filter(tools=OuterRef("pk")).order_by("position").values("name")
        ),
    }


@dataclass
class _Prepared:
    filterset: ToolFilter
    terms: dict
    errors: list[str]
    query_text: str
    sort: str
    searched: QuerySet
    query: object
    corrected: str | None
    paginator: Paginator


def _prepare(params: QueryDict, user) -> _Prepared:
    terms = taxonomy_terms()
    base = Tool.objects.visible_to(user)
    filterset = ToolFilter(params, queryset=base, terms=terms)
    errors = _form_errors(filterset)
    query_text = filterset.cleaned("q") or ""
    sort = filterset.cleaned("sort") or (Sort.RELEVANCE if query_text else Sort.NAME)
    if sort == Sort.RELEVANCE and not query_text:
        sort = Sort.NAME
    corrected = None
    searched, query = _searched(base, query_text)
    paginator = Paginator(_ordered(filterset, searched, query, sort), PER_PAGE)
    if query_text and paginator.count == 0:
        corrected = search.corrected_text(query_text)
        if corrected:
            searched, query = _searched(base, corrected)
            paginator = Paginator(_ordered(filterset, searched, query, sort), PER_PAGE)
    return _Prepared(
        filterset, terms, errors, query_text, sort, searched, query, corrected, paginator
    )


def tool_list(*, params: QueryDict, user, page: str | None = None) -> ToolList:
    """The list page: validated facets, search (with correction), sort, one page of cards,
    facet counts and removable chips. Invalid values are left out and reported in ``errors``.
    """
    prepared = _prepare(params, user)
    page_obj = prepared.paginator.get_page(page)
    if prepared.query is not None:
        for tool in page_obj.object_list:
            tool.snippet = search.snippet_html(tool.headline)
    counts = facet_counts(prepared.filterset, prepared.searched)
    facets = _facets(prepared.filterset, prepared.terms, counts)
    return ToolList(
        filterset=prepared.filterset,
        page_obj=page_obj,
        facets=facets,
        chips=_chips(params, facets, prepared.query_text),
        query=prepared.query_text,
        corrected=prepared.corrected,
        sort=prepared.sort,
        errors=prepared.errors,
    )


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
    tools = filterset.queryset_without(searched, None).for_cards().annotate(**_card_annotations())
    if query is not None:
        tools = tools.annotate(rank=search.rank(query), headline=search.headline(query))
    if sort == Sort.RELEVANCE and query is not None:
        return tools.order_by("-rank", "name", "pk")
    if sort == Sort.VERIFIED:
        return tools.order_by("-last_verified", "name", "pk")
    return tools.order_by("name", "pk")


def _ids_sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.order_by().values("pk").query.sql_with_params()


def facet_counts(filterset: ToolFilter, searched: QuerySet) -> dict[str, dict[str, int]]:
    """For every facet value, how many tools match the search and the other facets' choices
    if this value were chosen. One SQL statement: the fully filtered set is computed once (a
    materialised CTE) and reused by every facet that has no choice of its own."""
    active = filterset.active_facets()
    tool_table = Tool._meta.db_table
    provider_table = Provider._meta.db_table
    matched_sql, params = _ids_sql(filterset.queryset_without(searched, None))
    params = list(params)
    parts = []
    for name, _label, kind in FACETS:
        if name in active:
            sub_sql, sub_params = _ids_sql(filterset.queryset_without(searched, name))
            ids = f"({sub_sql})"
            ids_params = list(sub_params)
        else:
            ids, ids_params = "(SELECT pk FROM matched)", []
        if kind == "m2m":
            relation, column = M2M_FACETS[name]
            through = getattr(Tool, relation).through._meta.db_table
            term_table = TAXONOMY[name]._meta.db_table
            sql = (
                f"SELECT %s::text, term.slug::text, count(*) FROM {through} x "
                f"JOIN {term_table} term ON term.id = x.{column} "
                f"WHERE x.tool_id IN {ids} GROUP BY term.slug"
            )
        elif kind == "array":
            column = {"deployment": "deployment", "language": "languages"}[name]
            sql = (
                f"SELECT %s::text, v::text, count(*) FROM {tool_table} t "
                f"CROSS JOIN LATERAL unnest(t.{column}) AS v WHERE t.id IN {ids} GROUP BY v"
            )
        elif kind == "column":
            value = (
                "t.cost_model"
                if name == "cost"
                else "CASE WHEN t.open_source THEN 'yes' ELSE 'no' END"
            )
            sql = (
                f"SELECT %s::text, {value}::text, count(*) FROM {tool_table} t "
                f"WHERE t.id IN {ids} GROUP BY 2"
            )
        else:
            column = "kind" if name == "provider_kind" else "country"
            sql = (
                f"SELECT %s::text, p.{column}::text, count(*) FROM {tool_table} t "
                f"JOIN {provider_table} p ON p.id = t.provider_id "
                f"WHERE t.id IN {ids} GROUP BY 2"
            )
        parts.append(sql)
        params += [name, *ids_params]
    # Every provider country in the catalogue, so that zero counts show (disabled) too.
    parts.append(
        f"SELECT 'provider_country'::text, p.country::text, 0 FROM {provider_table} p "
        f"WHERE p.country <> '' GROUP BY p.country"
    )
    sql = f"WITH matched AS MATERIALIZED ({matched_sql}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict[str, int]] = {name: {} for name, _label, _kind in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = max(counts[facet].get(value, 0), count)
    return counts


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
    """Published tools ``user`` may see that share the most capabilities with ``tool``."""
    capability_ids = [term["id"] for term in tool.capability_terms]
    if not capability_ids:
        return []
    return list(
        Tool.objects.visible_to(user)
        .exclude(pk=tool.pk)
        .filter(capabilities__in=capability_ids)
        .annotate(shared=Count("capabilities"))
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


def tools_for_export(*, params: QueryDict, user) -> tuple[QuerySet, list[str]]:
    """Every tool of the current filtered list (not only one page), or the form's errors."""
    prepared = _prepare(params, user)
    if prepared.errors:
        return Tool.objects.none(), prepared.errors
    return prepared.paginator.object_list, []


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
