"""The faceted list (``/tools/``): validated facets, search with correction, sort, one page
of cards, facet counts and removable chips, read in a fixed number of queries.

Every facet comes from ``catalogue.facets.FACETS``: the FilterSet validates and filters with
it, and the one SQL statement below selects each chosen facet's condition (the same ``Q``)
as a boolean column, and counts each facet's values the way its definition says.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from catalogue import search
from catalogue.facets import FACETS, FACETS_BY_NAME
from catalogue.filters import Sort, ToolFilter
from catalogue.models import Tool
from catalogue.selectors.terms import Term, attach_term_names, taxonomy_terms
from catalogue.selectors.viewer import Viewer

PER_PAGE = 20
Terms = dict[str, list[Term]]


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


@dataclass
class Prepared:
    """The validated state of a list URL: filters, search text and sort."""

    filterset: ToolFilter
    terms: Terms
    errors: list[str]
    query_text: str
    sort: str


def prepare(params: QueryDict, user: Viewer) -> Prepared:
    """Validate a list URL's parameters (the list page and the export read the same)."""
    terms = taxonomy_terms()
    filterset = ToolFilter(params, queryset=Tool.objects.visible_to(user), terms=terms)
    errors = _form_errors(filterset)
    query_text = filterset.cleaned("q") or ""
    sort = filterset.cleaned("sort") or (Sort.RELEVANCE if query_text else Sort.NAME)
    if sort == Sort.RELEVANCE and not query_text:
        sort = Sort.NAME
    return Prepared(filterset, terms, errors, query_text, sort)


class _CountedPage:
    """What Paginator needs: the total, and the one page already fetched."""

    def __init__(self, total: int, tools: list[Tool]) -> None:
        self.total, self.tools = total, tools

    def count(self) -> int:
        return self.total

    def __getitem__(self, item: slice) -> list[Tool]:
        return self.tools


def _page_number(page: str | None) -> int:
    try:
        return max(1, int(str(page)))
    except (TypeError, ValueError):
        return 1


def tool_list(*, params: QueryDict, user: Viewer, page: str | None = None) -> ToolList:
    """The list page: validated facets, search (with correction), sort, one page of cards,
    facet counts and removable chips. Invalid values are left out and reported in ``errors``.

    Queries: the taxonomy, one statement for total + facet counts + the page's ids (the search
    runs once), then the cards of that page; a misspelled search adds the correction lookup
    and one more statement.
    """
    prepared = prepare(params, user)
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


def _cards(ids: list[int], text: str, terms: Terms) -> list[Tool]:
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
    ordered_tools = [by_id[pk] for pk in ids if pk in by_id]
    for tool in ordered_tools:
        tool.snippet = search.snippet_html(tool.headline) if text else None
    attach_term_names(ordered_tools, terms)
    return ordered_tools


def _form_errors(filterset: ToolFilter) -> list[str]:
    if filterset.is_valid():
        return []
    messages = []
    for name, errors in filterset.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        messages.append(_("%(field)s: %(errors)s") % {"field": label, "errors": " ".join(errors)})
    return messages


def searched(base: QuerySet, text: str) -> tuple[QuerySet, SearchQuery | None]:
    """``base`` narrowed to the tools that match ``text`` (all of them without text)."""
    if not text:
        return base, None
    query = search.search_query(text)
    return base.filter(search_vector=query), query


def ordered(
    filterset: ToolFilter, matching: QuerySet, query: SearchQuery | None, sort: str
) -> QuerySet:
    """The whole filtered list through the ORM (exports), in the list page's order."""
    tools = filterset.queryset_without(matching, None).for_cards()
    if query is not None and sort == Sort.RELEVANCE:
        return tools.annotate(rank=search.rank(query)).order_by("-rank", "name", "pk")
    if sort == Sort.VERIFIED:
        return tools.order_by(F("last_verified").desc(nulls_last=True), "name", "pk")
    return tools.order_by("name", "pk")


@dataclass
class _Listing:
    total: int
    ids: list[int]
    counts: dict[str, dict[str, int]]


def _listing_query(
    filterset: ToolFilter, base: QuerySet, text: str, sort: str, number: int
) -> _Listing:
    """Total, facet counts and the ids of one page, in one SQL statement.

    The rows that match the search and visibility are read once into a materialised CTE
    with each facet's counted values (``f_<facet>``) and, per chosen facet, whether the row
    passes it (``ok_<facet>``, the facet's own ``Q``). Each facet counts its values over
    that CTE with every *other* chosen facet applied; the total and the page apply them all.
    The page offset is clamped to the last page in SQL, like ``get_page``.
    """
    matching, query = searched(base, text)
    active = filterset.active_facets()
    terms = filterset.terms
    if len(active) >= 2:
        # Facet counts only need rows that fail at most one chosen facet.
        almost = Q(pk__in=[])
        for skipped in active:
            both = Q()
            for name, values in active.items():
                if name != skipped:
                    both &= filterset.facet_q(name, values)
            if not both:  # the other choices keep every row ("yes" and "no" of one facet)
                almost = Q()
                break
            almost |= both
        matching = matching.filter(almost)
    columns = {f"f_{facet.name}": facet.counted() for facet in FACETS}
    columns.update(
        {
            f"ok_{name}": FACETS_BY_NAME[name].matches(values, terms=terms)
            for name, values in active.items()
        }
    )
    columns.update(f_id=F("pk"), f_name=F("name"), f_verified=F("last_verified"))
    relevance = sort == Sort.RELEVANCE and query is not None
    if relevance:
        # Ranked while the row is read for the search, not by reading it again for the page.
        columns["f_rank"] = search.rank(query)
    base_sql, base_params = matching.order_by().values(**columns).query.sql_with_params()

    def where(skip: str | None = None) -> str:
        return " AND ".join(["TRUE", *(f"ok_{name}" for name in active if name != skip)])

    parts: list[str] = []
    params: list = []
    for facet in FACETS:
        # A facet without a choice counts over the fully filtered rows; a chosen facet
        # counts over the rows that pass every other facet.
        table, facet_where = (
            ("searched", where(skip=facet.name)) if facet.name in active else ("filtered", "TRUE")
        )
        column = f"f_{facet.name}"
        if facet.counts_array:
            # Rows are grouped by their whole array first (a few hundred distinct arrays
            # among thousands of rows), and only those groups are unnested and summed:
            # unnesting every row's array cost most of the statement on large lists.
            parts.append(
                f"SELECT %s::text, v::text, sum(g.n)::int FROM (SELECT {column} AS a, "
                f"count(*) AS n FROM {table} WHERE {facet_where} GROUP BY 1) AS g "
                "CROSS JOIN LATERAL unnest(g.a) AS v GROUP BY 2"
            )
        else:
            parts.append(
                f"SELECT %s::text, {column}::text, count(*)::int FROM {table} "
                f"WHERE {facet_where} GROUP BY 2"
            )
        params.append(facet.name)
        if facet.universe is not None:
            # Every value present in the catalogue, so that zero counts show (disabled) too.
            universe_sql, universe_params = facet.universe().query.sql_with_params()
            parts.append(f"SELECT %s::text, u.v::text, 0 FROM ({universe_sql}) AS u(v)")
            params += [facet.name, *universe_params]
    parts.append("SELECT '_total', NULL, n FROM total")
    parts.append("SELECT '_page', page.f_id::text, page.position::int FROM page")

    # Sort keys k1, k2, k3 are selected by the page's subquery (a top-N sort with LIMIT) and
    # numbered again over those twenty rows only.
    if relevance:
        keys, key_params, ranked = "f.f_rank AS k1, f.f_name AS k2, f.f_id AS k3", [], "filtered f"
        order = "k1 DESC, k2, k3"
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
        f"filtered AS MATERIALIZED (SELECT * FROM searched WHERE {where()}), "
        "total AS (SELECT count(*)::int AS n FROM filtered), "
        f"page AS (SELECT f_id, row_number() OVER (ORDER BY {order}) AS position FROM ("
        f"SELECT f.f_id, {keys} FROM {ranked} ORDER BY {order} LIMIT {PER_PAGE} "
        f"OFFSET (SELECT LEAST(%s, GREATEST((n - 1) / {PER_PAGE} * {PER_PAGE}, 0)) FROM total)"
        ") top) " + " UNION ALL ".join(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*base_params, *key_params, offset, *params])
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
    total, page = 0, []
    for name, raw, count in rows:
        if name == "_total":
            total = count
        elif name == "_page":
            page.append((count, int(raw)))
        else:
            value = FACETS_BY_NAME[name].value_of(raw, terms=terms)
            if value is not None:
                counts[name][value] = max(counts[name].get(value, 0), count)
    return _Listing(total=total, ids=[pk for _position, pk in sorted(page)], counts=counts)


def _facets(filterset: ToolFilter, terms: Terms, counts: dict[str, dict[str, int]]) -> list[Facet]:
    active = filterset.active_facets()
    facets = []
    for facet in FACETS:
        chosen = set(active.get(facet.name, []))
        options = facet.options(terms=terms, counted=counts[facet.name], chosen=chosen)
        facets.append(
            Facet(
                name=facet.name,
                label=str(facet.label),
                options=[
                    FacetOption(
                        value=value,
                        label=str(text),
                        count=counts[facet.name].get(value, 0),
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
