"""The faceted list (``/tools/``): validated facets, search with correction, sort, one page
of cards, facet counts and removable chips, read in a fixed number of queries.

Every facet comes from ``catalogue.facets.FACETS``: the FilterSet validates with it, and
the counts, total and page come from the facet index (``catalogue.selectors.facet_index``:
one bitmap of tools per facet value, kept current by a stamp in the database), so their cost
hardly grows with the catalogue; a search adds the one statement that finds its tools.
"""

import heapq
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, When
from django.http import QueryDict
from django.utils.translation import gettext as _

from catalogue import search
from catalogue.facets import FACETS, FACETS_BY_NAME, FacetDefinition, Kind
from catalogue.filters import Sort, ToolFilter
from catalogue.models import Tool
from catalogue.selectors import facet_index
from catalogue.selectors.terms import Term, attach_term_names, taxonomy_terms
from catalogue.selectors.viewer import Viewer
from hub.access import visible_q

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

    Queries: the taxonomy, the facet index's stamp (and the index itself after a change), the
    search's ids when there is a search, then the cards of that page; a misspelled search
    adds the correction lookup and the search again.
    """
    prepared = prepare(params, user)
    filterset = prepared.filterset
    number = _page_number(page)
    index = facet_index.current()
    text, corrected = prepared.query_text, None
    listing = _listing(index, filterset, user, text, prepared.sort, number)
    if text and listing.total == 0:
        corrected = search.corrected_text(text)
        if corrected:
            retry = _listing(index, filterset, user, corrected, prepared.sort, number)
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


def _raw_values(facet: FacetDefinition, values: list[str], terms: Terms) -> list[str]:
    """The counted values (as the index keys them) that a facet's chosen values stand for:
    a term's id for its slug; ``q`` matches a tool with any of them."""
    if facet.kind == Kind.TERMS:
        ids = {t.slug: t.id for t in terms[facet.taxonomy]}
        return [str(ids[v]) for v in values if v in ids]
    return list(values)


def _lowest_bits(mask: int, count: int) -> list[int]:
    """The positions of the ``count`` lowest set bits of ``mask``, lowest first."""
    found = []
    while mask and len(found) < count:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def _listing(
    index: facet_index.FacetIndex,
    filterset: ToolFilter,
    user: Viewer,
    text: str,
    sort: str,
    number: int,
) -> _Listing:
    """Total, facet counts and the ids of one page, from the facet index; a search adds one
    SQL statement (the ids that match, ranked when the page is sorted by relevance).

    Each facet counts its values over the tools that match the search, the visibility and
    every *other* chosen facet (a facet without a choice: every chosen facet); the total and
    the page apply them all. The page number is clamped to the last page, like ``get_page``.
    """
    terms = filterset.terms
    visible = index.everything if not visible_q(user) else index.public
    ranked: list[tuple[float, int]] = []  # (-rank, position) of the tools a search shows
    relevance = sort == Sort.RELEVANCE and bool(text)
    if text:
        matching, query = searched(Tool.objects.visible_to(user), text)
        columns: dict = {"f_id": F("pk")}
        if relevance:
            # Ranked only where the row passes every chosen facet (NULL elsewhere): the
            # others are counted but never shown, and ranking is most of the statement.
            passes = Q()
            for name, values in filterset.active_facets().items():
                passes &= filterset.facet_q(name, values)
            rank = search.rank(query)
            if passes:
                rank = Case(When(passes, then=rank), default=None, output_field=FloatField())
            columns["f_rank"] = rank
        sql, params = matching.order_by().values(**columns).query.sql_with_params()
        aggregated = ", ".join(f"array_agg({column})" for column in columns)
        with connection.cursor() as cursor:
            # One row of arrays: thousands of ids cost less to send and read than rows.
            cursor.execute(f"SELECT {aggregated} FROM ({sql}) AS hits", params)
            ids, *ranks = cursor.fetchone()
        found = list(map(index.positions.get, ids or []))
        # A tool published since the index was read is not in it (the next request has it).
        visible &= index.bitmap([p for p in found if p is not None] if None in found else found)
        if relevance:
            ranked = [
                (-rank, p)
                for rank, p in zip(ranks[0] or [], found, strict=True)
                if p is not None and rank is not None
            ]
    chosen = {
        name: index.facet_mask(FACETS_BY_NAME[name], _raw_values(FACETS_BY_NAME[name], v, terms))
        for name, v in filterset.active_facets().items()
    }
    filtered = visible
    for mask in chosen.values():
        filtered &= mask
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
    for facet in FACETS:
        over = filtered
        if facet.name in chosen:
            # A chosen facet counts over the tools that pass every other chosen facet.
            over = visible
            for name, mask in chosen.items():
                if name != facet.name:
                    over &= mask
        counted = counts[facet.name]
        for raw, mask in index.values.get(facet.name, {}).items():
            n = (over & mask).bit_count()
            value = facet.value_of(raw, terms=terms) if n else None
            if value:  # a tool without one (a provider's country left blank) is not an option
                counted[value] = max(counted.get(value, 0), n)
        for raw in index.universe.get(facet.name, []):
            value = facet.value_of(raw, terms=terms)
            if value is not None:
                counted.setdefault(value, 0)
    total = filtered.bit_count()
    offset = min((number - 1) * PER_PAGE, max((total - 1) // PER_PAGE * PER_PAGE, 0))
    wanted = offset + PER_PAGE
    if relevance:
        page = [p for _rank, p in heapq.nsmallest(wanted, ranked)][offset:]
    elif sort == Sort.VERIFIED:
        passing = filtered.to_bytes((index.size + 7) // 8, "little")
        page = []
        for p in index.verified_order:
            if passing[p >> 3] >> (p & 7) & 1:
                page.append(p)
                if len(page) == wanted:
                    break
        page = page[offset:]
    else:
        page = _lowest_bits(filtered, wanted)[offset:]
    return _Listing(total=total, ids=[index.ids[p] for p in page], counts=counts)


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
