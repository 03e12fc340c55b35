"""Ranking tools against the needs read from a case: the facet index, then the cards.

A tool's score is the sum of the weights of the needs it meets (``reading.WEIGHTS``: what a
tool does weighs most). Candidates are the tools that meet at least one task (or any need);
each need is a bitmap of the facet index (``catalogue.selectors.facet_index``), so the
counts the gaps need (each need, all of them, the tasks together with each other need) are
popcounts, and the forty best (plus the three best for a task none of them meets) are read
score level by score level; only their cards are read from the database. ``by_sql`` gives
the same answer from one statement over every candidate (kept to check the index).
The first five places then go, one by one, to the tool that covers most of the tasks not yet
covered (ties by score), so that a case with two tasks sees tools for both before more of
the same; the other places follow the score. Ties: recently verified first, then name.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _

from catalogue.finder.reading import M2M_KINDS, SKILL_WITHIN, Need, Reading
from catalogue.models import Tool
from hub.access import visible_q
from hub.formats import join_list

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from catalogue.selectors.facet_index import FacetIndex
    from hub.models import User

# In SQL, ties after the date go by id (a narrow row sorts in memory); the forty candidates
# are then ordered by score, date and name in Python.
ORDER = "score DESC, last_verified DESC NULLS LAST, id"
RESULTS = 20
CANDIDATES = 40
PER_NEED = 3
COVERED_PLACES = 5
SKILL = "skill"  # the facet index's bitmaps of skill levels (``facet_index.SKILL``)
SPARSE = 2000  # a score level with fewer tools is sorted, a larger one walked in order
# What a result card reads.
CARD_FIELDS = [
    "name", "slug", "summary", "provider__name", "provider__slug", "is_demo", "visibility",
    "open_source", "status", "last_verified", "cost_model", "deployment", "languages",
    "skill_level", "stage_ids", "capability_ids", "data_type_ids", "phase_ids",
]  # fmt: skip
# The kinds that say what the case needs *done*; the other needs qualify them.
CORE_KINDS = ("capability",)
FALLBACK_CORE_KINDS = ("stage", "phase", "data_type")


@dataclass
class Fit:
    tool: Tool
    score: int
    met: list[str]  # labels of what the tool offers of the needs
    missing: list[str]  # labels of the needs it does not state
    covered: set[int] = field(default_factory=set)  # indexes of the needs it meets

    @property
    def fits_all(self) -> bool:
        return not self.missing


@dataclass
class Ranking:
    fits: list[Fit]
    total: int  # tools that meet at least one need
    complete: int  # tools that meet every need
    gaps: list[str] = field(default_factory=list)
    max_score: int = 0


def need_q(need: Need, ids: dict[tuple[str, str], int]) -> Q:
    """The database condition for one need (the same rule as ``need_met``)."""
    if need.kind in M2M_KINDS:
        wanted = [ids[(need.kind, v)] for v in need.values if (need.kind, v) in ids]
        return Q(**{f"{need.kind}_ids__overlap": wanted})
    if need.kind == "deployment":
        return Q(deployment__overlap=need.values)
    if need.kind == "language":
        return Q(languages__overlap=need.values)
    if need.kind == "cost":
        return Q(cost_model__in=need.values)
    if need.kind == "open_source":
        return Q(open_source=True)
    if need.kind == "skill":
        return Q(skill_level__in=_skills(need))
    raise ValueError(need.kind)


def need_met(need: Need, tool: Tool, ids: dict[tuple[str, str], int]) -> list[str]:
    """The values of ``need`` that ``tool`` offers (empty: not met)."""
    if need.kind in M2M_KINDS:
        own = set(getattr(tool, f"{need.kind}_ids") or [])
        return [v for v in need.values if ids.get((need.kind, v)) in own]
    if need.kind == "deployment":
        return [v for v in need.values if v in (tool.deployment or [])]
    if need.kind == "language":
        return [v for v in need.values if v in (tool.languages or [])]
    if need.kind == "cost":
        return [tool.cost_model] if tool.cost_model in need.values else []
    if need.kind == "open_source":
        return ["yes"] if tool.open_source else []
    if need.kind == "skill":
        return [need.values[0]] if tool.skill_level in _skills(need) else []
    raise ValueError(need.kind)


def _skills(need: Need) -> list[str]:
    return sorted({level for v in need.values for level in SKILL_WITHIN.get(v, [])})


def core_indexes(needs: list[Need]) -> list[int]:
    core = [i for i, n in enumerate(needs) if n.kind in CORE_KINDS]
    return core or [i for i, n in enumerate(needs) if n.kind in FALLBACK_CORE_KINDS]


def rank(*, reading: Reading, user: User | AnonymousUser | None, use_index: bool = True) -> Ranking:
    """The tools ``user`` may see, best fit first, with what each meets and misses.
    ``use_index=False`` ranks in one SQL statement instead of the facet index (the same
    answer; kept to check the index against)."""
    from catalogue.selectors import taxonomy_terms

    needs = reading.needs
    if not needs:
        return Ranking(fits=[], total=0, complete=0)
    ids = {(kind, t.slug): t.id for kind, terms in taxonomy_terms().items() for t in terms}
    core = core_indexes(needs)
    scores, counts = (by_index if use_index else by_sql)(needs, core, ids, user)
    tools = {
        tool.pk: tool
        for tool in Tool.objects.filter(pk__in=list(scores))
        .select_related("provider")
        .only(*CARD_FIELDS)
    }
    labels = reading.label
    fits = []
    for pk, value in scores.items():
        tool = tools.get(pk)
        if tool is None:
            continue
        met, missing, covered = [], [], set()
        for i, need in enumerate(needs):
            offered = need_met(need, tool, ids)
            if offered:
                met += [labels(need.kind, v) for v in offered]
                covered.add(i)
            else:
                missing.append(_or([labels(need.kind, v) for v in need.values]))
        fits.append(
            Fit(
                tool=tool,
                score=value,
                met=list(dict.fromkeys(met)),
                missing=missing,
                covered=covered,
            )
        )
    fits = _ordered(fits, core)[:RESULTS]
    return Ranking(
        fits=fits,
        total=counts.get(("total", 0), 0),
        complete=counts.get(("all", 0), 0),
        gaps=_gaps(needs, core, counts, labels),
        max_score=sum(n.weight for n in needs),
    )


Counts = dict[tuple[str, int], int]


def _counted(needs: list[Need], core: list[int]) -> list[tuple[str, int, str]]:
    """What the gaps need counted, as (what, key, SQL condition over the flags)."""
    every = " AND ".join(f"n{i}" for i in range(len(needs)))
    core_sql = " AND ".join(f"n{i}" for i in core) or "TRUE"
    others = [i for i in range(len(needs)) if i not in core]
    counted = [("total", 0, "TRUE"), ("all", 0, every), ("core", 0, core_sql)]
    counted += [("need", i, f"n{i}") for i in range(len(needs))]
    counted += [("with", i, f"{core_sql} AND n{i}") for i in others]
    return counted


def by_sql(
    needs: list[Need],
    core: list[int],
    ids: dict[tuple[str, str], int],
    user: User | AnonymousUser | None,
) -> tuple[dict[int, int], Counts]:
    """The candidates' scores and the counts, from one statement over every candidate."""
    conditions = [need_q(need, ids) for need in needs]
    flags = {
        f"n{i}": ExpressionWrapper(condition, output_field=BooleanField())
        for i, condition in enumerate(conditions)
    }
    score = sum(
        (
            Case(When(condition, then=Value(need.weight)), default=Value(0))
            for need, condition in zip(needs, conditions, strict=True)
        ),
        start=Value(0),
    )
    # Candidates meet at least one task (capabilities: GIN-indexed), or any need if the
    # case names no task; a tool that does none of the tasks cannot fit the case.
    chosen = core or list(range(len(needs)))
    candidates = _candidates([needs[i] for i in chosen], [conditions[i] for i in chosen], ids)
    scored = (
        Tool.objects.visible_to(user)
        .filter(candidates)
        .annotate(score=ExpressionWrapper(score, output_field=IntegerField()), **flags)
        .order_by()
        .values("id", "name", "last_verified", "score", *flags)
    )
    # The statement computes each need's condition once (the flags) and the score from them.
    facts = (
        Tool.objects.visible_to(user)
        .filter(candidates)
        .annotate(**flags)
        .order_by()
        .values("id", "last_verified", *flags)
    )
    base_sql, params = facts.query.sql_with_params()
    score_sql = " + ".join(f"(n{i}::int * {need.weight})" for i, need in enumerate(needs))
    # One pass counts everything the gaps need: (what, key) in the order of this list.
    counted = _counted(needs, core)
    aggregates = ", ".join(f"count(*) FILTER (WHERE {condition})" for *_key, condition in counted)
    mask = " | ".join(f"(n{i}::int << {i})" for i in range(len(needs)))
    sql = (
        f"WITH f AS ({base_sql}), s AS MATERIALIZED (SELECT f.*, {score_sql} AS score FROM f) "
        f"(SELECT id, score, {mask} FROM s ORDER BY {ORDER} LIMIT {CANDIDATES}) "
        f"UNION ALL (SELECT -1, position::int, n::int "
        f"FROM unnest(ARRAY(SELECT ARRAY[{aggregates}] FROM s)) WITH ORDINALITY AS c(n, position))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    scores = {pk: value for pk, value, _mask in rows if pk >= 0}
    met = 0
    for pk, _value, bits in rows:
        if pk >= 0:
            met |= bits
    totals = {position: n for pk, position, n in rows if pk == -1}
    counts = {(what, key): totals.get(p, 0) for p, (what, key, _c) in enumerate(counted, 1)}
    # Tasks that none of the forty best meets: their own best few, in one more statement.
    missing_core = [i for i in core if counts[("need", i)] and not met & (1 << i)]
    if missing_core:
        scores.update(_best_for(scored, missing_core))
    return scores, counts


def need_bitmap(index: FacetIndex, need: Need, ids: dict[tuple[str, str], int]) -> int:
    """The published tools that meet ``need`` (the same rule as ``need_met``), as a bitmap."""
    values = index.values
    if need.kind in M2M_KINDS:
        keys = [str(ids[(need.kind, v)]) for v in need.values if (need.kind, v) in ids]
        return _any(values.get(need.kind, {}), keys)
    if need.kind in ("deployment", "language", "cost"):
        return _any(values.get(need.kind, {}), need.values)
    if need.kind == "open_source":
        return values.get("open_source", {}).get("yes", 0)
    if need.kind == "skill":
        return _any(values.get(SKILL, {}), _skills(need))
    raise ValueError(need.kind)


def _any(masks: dict[str, int], keys: list[str]) -> int:
    found = 0
    for key in keys:
        found |= masks.get(key, 0)
    return found


def by_index(
    needs: list[Need],
    core: list[int],
    ids: dict[tuple[str, str], int],
    user: User | AnonymousUser | None,
) -> tuple[dict[int, int], Counts]:
    """The candidates' scores and the counts from the facet index: each need is a bitmap,
    counts are popcounts, and the forty best are read level by level of score, so the cost
    hardly depends on the catalogue's size. Same answer as ``by_sql``."""
    from catalogue.selectors import facet_index

    index = facet_index.current()
    visible = index.everything if not visible_q(user) else index.public
    met = [need_bitmap(index, need, ids) & visible for need in needs]
    chosen = core or list(range(len(needs)))
    candidates = 0
    for i in chosen:
        candidates |= met[i]
    met = [bits & candidates for bits in met]
    every = core_met = candidates
    for i, bits in enumerate(met):
        every &= bits
        if i in core:
            core_met &= bits
    counts: Counts = {("total", 0): candidates.bit_count(), ("all", 0): every.bit_count()}
    counts[("core", 0)] = core_met.bit_count()
    for i, bits in enumerate(met):
        counts[("need", i)] = bits.bit_count()
        if i not in core:
            counts[("with", i)] = (core_met & bits).bit_count()
    # The candidates by score: one bitmap per score reached (a few dozen at most).
    levels = {0: candidates}
    for need, bits in zip(needs, met, strict=True):
        following: dict[int, int] = {}
        for value, tools in levels.items():
            inside, outside = tools & bits, tools & ~bits
            if inside:
                following[value + need.weight] = following.get(value + need.weight, 0) | inside
            if outside:
                following[value] = following.get(value, 0) | outside
        levels = following
    ordered = sorted(levels.items(), reverse=True)
    best = _best(index, ordered, CANDIDATES)
    scores = dict(best)
    chosen_bits = index.bitmap([p for p, _value in best])
    # Tasks that none of the forty best meets: their own best few.
    for i in core:
        if counts[("need", i)] and not chosen_bits & met[i]:
            scores.update(_best(index, [(v, t & met[i]) for v, t in ordered], PER_NEED))
    return {index.ids[p]: value for p, value in scores.items()}, counts


def _best(index: FacetIndex, levels: list[tuple[int, int]], count: int) -> list[tuple[int, int]]:
    """The first ``count`` (position, score) of ``levels`` (score, tools), best score first,
    then most recently verified, then name order (the position)."""
    found: list[tuple[int, int]] = []
    for value, tools in levels:
        wanted = count - len(found)
        if wanted <= 0:
            break
        found += [(p, value) for p in _first_verified(index, tools, wanted)]
    return found


def _first_verified(index: FacetIndex, tools: int, count: int) -> list[int]:
    """The ``count`` first of ``tools`` in the verified order. Few tools: their positions
    are read from the bits and sorted; many: the verified order is walked until ``count``
    are found (about ``count × size / tools`` steps). Either way a few thousand steps."""
    n = tools.bit_count()
    if not n:
        return []
    if n <= SPARSE:
        digits = bin(tools)[:1:-1]  # lowest bit first
        positions, p = [], digits.find("1")
        while p >= 0:
            positions.append(p)
            p = digits.find("1", p + 1)
        rank = index.verified_rank
        return heapq.nsmallest(count, positions, key=rank.__getitem__)
    passing = tools.to_bytes((index.size + 7) // 8, "little")
    found = []
    for p in index.verified_order:
        if passing[p >> 3] >> (p & 7) & 1:
            found.append(p)
            if len(found) == count:
                break
    return found


def _candidates(needs: list[Need], conditions: list[Q], ids: dict[tuple[str, str], int]) -> Q:
    """Any of ``needs``; needs of one taxonomy kind become a single array overlap."""
    merged: dict[str, list[str]] = {}
    for need in needs:
        if need.kind in M2M_KINDS:
            merged.setdefault(need.kind, []).extend(need.values)
    found = Q()
    for kind, values in merged.items():
        found |= need_q(Need(kind, list(dict.fromkeys(values)), ""), ids)
    for need, condition in zip(needs, conditions, strict=True):
        if need.kind not in M2M_KINDS:
            found |= condition
    return found


def _best_for(scored: QuerySet, indexes: list[int]) -> dict[int, int]:
    parts = [
        scored.filter(**{f"n{i}": True})
        .order_by("-score", F("last_verified").desc(nulls_last=True), "name", "id")
        .values_list("id", "score")[:PER_NEED]
        for i in indexes
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return dict(query)


def _key(fit: Fit) -> tuple:
    verified = fit.tool.last_verified.toordinal() if fit.tool.last_verified else 0
    return (-fit.score, -verified, fit.tool.name, fit.tool.pk)


def _ordered(fits: list[Fit], core: list[int]) -> list[Fit]:
    """Score order, except that the first places cover the case's tasks between them."""
    remaining = sorted(fits, key=_key)
    uncovered = set(core)
    first: list[Fit] = []
    while uncovered and remaining and len(first) < COVERED_PLACES:
        best = min(remaining, key=lambda f: (-len(f.covered & uncovered), _key(f)))
        if not best.covered & uncovered:
            break
        first.append(best)
        remaining.remove(best)
        uncovered -= best.covered
    return first + remaining


def _or(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(some)s or %(last)s") % {"some": join_list(labels[:-1]), "last": labels[-1]}


def _and(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(some)s and %(last)s") % {"some": join_list(labels[:-1]), "last": labels[-1]}


def _gaps(
    needs: list[Need],
    core: list[int],
    counts: dict[tuple[str, int], int],
    labels: Callable[[str, str], str],
) -> list[str]:
    """Plain sentences for what the catalogue cannot offer."""
    named = [f"“{_or([labels(n.kind, v) for v in n.values])}”" for n in needs]
    gaps = []
    for i in core:
        if counts.get(("need", i), 0) == 0:
            gaps.append(_("No tool in the catalogue offers %(need)s.") % {"need": named[i]})
    core_names = _and([named[i] for i in core])
    if len(core) > 1 and not gaps and counts.get(("core", 0), 0) == 0:
        gaps.append(
            _(
                "No tool in the catalogue offers %(needs)s together; "
                "the first results cover them between them."
            )
            % {"needs": core_names}
        )
    others = [i for i in range(len(needs)) if i not in core]
    for i in others:
        if core and counts.get(("core", 0), 0) and counts.get(("with", i), 0) == 0:
            gaps.append(
                _("No tool in the catalogue offers %(what)s for %(need)s.")
                % {"what": core_names, "need": named[i]}
            )
        elif not core and counts.get(("need", i), 0) == 0:
            gaps.append(_("No tool in the catalogue is stated for %(need)s.") % {"need": named[i]})
    if not gaps and counts.get(("all", 0), 0) == 0 and others:
        gaps.append(
            _("No tool in the catalogue meets all of it at once: %(what)s for %(needs)s.")
            % {"what": core_names or _("tools"), "needs": _and([named[i] for i in others])}
        )
    return gaps
