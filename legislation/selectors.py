"""Reads the tracker's pages share. Each runs a fixed number of queries, whatever the number of
jurisdictions, instruments or assessments (the tests hold them to it)."""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.models import Tool
from hub.csv import csv_safe
from legislation.filters import InstrumentFilter
from legislation.models import (
    ANSWER_SYMBOLS,
    LEVEL_RANK,
    Answer,
    Assessment,
    Coverage,
    Criterion,
    Event,
    Instrument,
    Jurisdiction,
    Level,
    Participation,
    Region,
    Relation,
    Topic,
)

# Statuses under which an instrument is law (proposals and repealed law do not count as cover).
BINDING = {
    Instrument.Status.ADOPTED,
    Instrument.Status.PARTLY_IN_FORCE,
    Instrument.Status.IN_FORCE,
}
TREATY_TYPES = {Instrument.Type.TREATY, Instrument.Type.PROTOCOL}
ANSWER_ORDER = {Answer.YES: 3, Answer.PARTIAL: 2, Answer.NO: 1, Answer.UNKNOWN: 0}
MAP_FILE = Path(__file__).resolve().parent / "mapdata" / "world.json"


# Instrument list -------------------------------------------------------------------------------
def instrument_list(*, params: QueryDict) -> InstrumentFilter:
    """The filtered list; check ``.is_valid()`` before using ``.qs``."""
    queryset = Instrument.objects.for_list().order_by("short_title")
    return InstrumentFilter(params, queryset=queryset)


def recent_steps(*, limit: int = 5) -> list[Event]:
    """The latest dated steps up to today, for the list page (one query)."""
    return list(Event.objects.recent().filter(date__lte=timezone.localdate())[:limit])


def site_search(
    *, query: str, user: AbstractBaseUser | AnonymousUser, limit: int = 5
) -> list[dict]:
    """Results of the site-wide search: dicts with title, url and summary (all public)."""
    query = (query or "").strip()
    if not query:
        return []
    results = []
    instruments = (
        Instrument.objects.filter(
            Q(title__icontains=query)
            | Q(short_title__icontains=query)
            | Q(citation__icontains=query)
            | Q(summary__icontains=query)
        )
        .select_related("jurisdiction")
        .order_by("short_title")[:limit]
    )
    for instrument in instruments:
        results.append(
            {
                "title": f"{instrument.short_title} ({instrument.jurisdiction.display_name})",
                "url": instrument.get_absolute_url(),
                "summary": instrument.summary[:240],
            }
        )
    if len(results) < limit:
        jurisdictions = Jurisdiction.objects.filter(
            Q(name__icontains=query) | Q(code__iexact=query)
        ).order_by("name")[: limit - len(results)]
        for jurisdiction in jurisdictions:
            results.append(
                {
                    "title": str(jurisdiction.display_name),
                    "url": jurisdiction.get_absolute_url(),
                    "summary": "",
                }
            )
    return results


# Who is bound by what -------------------------------------------------------------------------
@dataclass
class Bindings:
    """Which supranational bodies each state belongs to and which treaties bind it (with the
    date it consented to be bound)."""

    bodies: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    ratified: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    consents: dict[tuple[int, int], Participation] = field(default_factory=dict)

    def applies(self, instrument: Instrument, state_id: int) -> str | None:
        """How an instrument reaches a state: "own", "body" (an EU regulation), "directive"
        (an EU directive: it obliges the state to legislate, it is not the national offence),
        "treaty" (ratified) or None."""
        if instrument.jurisdiction_id == state_id:
            return "own"
        if instrument.pk in self.ratified[state_id]:
            return "treaty"
        if (
            instrument.type not in TREATY_TYPES
            and instrument.jurisdiction_id in self.bodies[state_id]
        ):
            return "directive" if instrument.type == Instrument.Type.DIRECTIVE else "body"
        return None

    def consent(self, instrument: Instrument, state_id: int) -> Participation | None:
        return self.consents.get((state_id, instrument.pk))


def bindings_load(*, state_ids: list[int] | None = None) -> Bindings:
    """Two queries: memberships and ratifications (of the given states, or of all)."""
    bindings = Bindings()
    through = Jurisdiction.member_of.through.objects.all()
    participations = Participation.objects.binding().only(
        "jurisdiction_id",
        "treaty_id",
        "status",
        "ratified_on",
        "ratified_precision",
        "consent_kind",
        "verified",
    )
    if state_ids is not None:
        through = through.filter(from_jurisdiction_id__in=state_ids)
        participations = participations.filter(jurisdiction_id__in=state_ids)
    for state_id, body_id in through.values_list("from_jurisdiction_id", "to_jurisdiction_id"):
        bindings.bodies[state_id].add(body_id)
    for participation in participations:
        bindings.ratified[participation.jurisdiction_id].add(participation.treaty_id)
        bindings.consents[(participation.jurisdiction_id, participation.treaty_id)] = participation
    return bindings


def best_level(coverages: Iterable[Coverage]) -> str | None:
    """The strongest cover among binding instruments, or None when nothing is recorded."""
    levels = [c.level for c in coverages if c.instrument.status in BINDING]
    return max(levels, key=LEVEL_RANK.get) if levels else None


# Jurisdiction pages ---------------------------------------------------------------------------
def jurisdictions_by_region() -> list[tuple[str, str, list[Jurisdiction]]]:
    """Every jurisdiction grouped by region (key, label, members), with its number of own
    instruments (one query)."""
    jurisdictions = Jurisdiction.objects.annotate(instrument_count=Count("instruments"))
    groups = defaultdict(list)
    for jurisdiction in jurisdictions:
        key = "supranational" if not jurisdiction.is_state else jurisdiction.region
        groups[key].append(jurisdiction)
    labels = [("supranational", _("International bodies"))] + [
        (value, label) for value, label in Region.choices if value != Region.GLOBAL
    ]
    return [
        (key, label, sorted(groups.get(key, []), key=lambda j: str(j.display_name)))
        for key, label in labels
    ]


def criteria_row(*, jurisdiction: Jurisdiction, criteria: Iterable[Criterion]) -> list[dict]:
    """One row of the matrix: every criterion with its answer, "unknown" where none."""
    assessments = {
        a.criterion_id: a
        for a in Assessment.objects.filter(jurisdiction=jurisdiction).select_related("instrument")
    }
    return [_cell(criterion, assessments.get(criterion.pk)) for criterion in criteria]


def _cell(criterion: Criterion, assessment: Assessment | None) -> dict:
    answer = assessment.answer if assessment else Answer.UNKNOWN
    return {
        "criterion": criterion,
        "answer": answer,
        "label": Answer(answer).label,
        "symbol": ANSWER_SYMBOLS[answer],
        "assessment": assessment,
    }


def jurisdiction_profile(*, jurisdiction: Jurisdiction) -> dict:
    """Everything the profile shows, in a fixed number of queries."""
    bodies = list(jurisdiction.member_of.order_by("name"))
    members = list(jurisdiction.members.order_by("name")) if not jurisdiction.is_state else []
    coverages = Prefetch("coverages", Coverage.objects.select_related("topic"))
    own = list(
        jurisdiction.instruments.prefetch_related(coverages, "events").order_by("short_title")
    )
    participations = {
        p.treaty_id: p
        for p in Participation.objects.filter(jurisdiction=jurisdiction).select_related(
            "treaty__jurisdiction"
        )
    }
    supranational_law, treaties = [], []
    if jurisdiction.is_state:
        related = (
            Instrument.objects.filter(
                Q(jurisdiction__in=[b.pk for b in bodies]) | Q(pk__in=list(participations))
            )
            .select_related("jurisdiction")
            .prefetch_related(coverages)
            .order_by("jurisdiction__name", "short_title")
        )
        for instrument in related:
            if instrument.is_treaty:
                treaties.append(
                    {"instrument": instrument, "participation": participations.get(instrument.pk)}
                )
            else:
                supranational_law.append(instrument)
    # The timeline: its own instruments and the law of the bodies it belongs to.
    timeline = list(
        Event.objects.filter(
            Q(instrument__jurisdiction=jurisdiction)
            | Q(instrument__in=[i.pk for i in supranational_law])
        )
        .select_related("instrument__jurisdiction")
        .order_by("date", "pk")
    )
    criteria = list(Criterion.objects.all())
    row = (
        criteria_row(jurisdiction=jurisdiction, criteria=criteria) if jurisdiction.is_state else []
    )
    topics = defaultdict(list)
    # Topics: only law that binds it (treaties once ratified), as on the map and in compare.
    ratified = [
        t["instrument"] for t in treaties if t["participation"] and t["participation"].binds
    ]
    for instrument in [*own, *supranational_law, *ratified]:
        for coverage in instrument.coverages.all():
            if coverage.level != Level.NONE:
                coverage.how = _how(instrument, jurisdiction)
                topics[coverage.topic].append(coverage)
    return {
        "bodies": bodies,
        "members": members,
        "own": own,
        "supranational_law": supranational_law,
        "treaties": treaties,
        "timeline": timeline,
        "today": timezone.localdate(),
        "row": row,
        "met": sum(1 for cell in row if cell["answer"] == Answer.YES),
        "known": sum(1 for cell in row if cell["answer"] != Answer.UNKNOWN),
        "topics": [
            (topic, coverages, directive_only(coverages))
            for topic, coverages in sorted(topics.items(), key=lambda item: item[0].position)
        ],
    }


def _how(instrument: Instrument, jurisdiction: Jurisdiction) -> str:
    if instrument.jurisdiction_id == jurisdiction.pk:
        return "own"
    if instrument.is_treaty:
        return "treaty"
    return "directive" if instrument.type == Instrument.Type.DIRECTIVE else "body"


def directive_only(coverages: list[Coverage]) -> bool:
    """True when a state's cover of a topic comes only from EU directives (or like law of a
    body): the directive obliges the state to legislate; the national offence is not recorded."""
    return bool(coverages) and all(getattr(c, "how", "") == "directive" for c in coverages)


def instrument_detail(*, slug: str) -> Instrument:
    return (
        Instrument.objects.select_related("jurisdiction")
        .prefetch_related(
            Prefetch("coverages", Coverage.objects.select_related("topic")),
            Prefetch("events", Event.objects.order_by("date", "pk")),
            "sources",
            Prefetch("relations_out", queryset=_relations("target")),
            Prefetch("relations_in", queryset=_relations("source")),
            Prefetch(
                "participations",
                Participation.objects.select_related("jurisdiction").order_by("jurisdiction__name"),
            ),
            Prefetch(
                "assessments",
                Assessment.objects.select_related("jurisdiction", "criterion").exclude(
                    answer=Answer.UNKNOWN
                ),
            ),
        )
        .get(slug=slug)
    )


def _relations(other: str) -> QuerySet[Relation]:
    return Relation.objects.select_related(f"{other}__jurisdiction")


# The criteria matrix --------------------------------------------------------------------------
MATRIX_SORTS = {"name", "score"}


def matrix(*, region: str | None = None, sort: str = "name", framework: str | None = None) -> dict:
    """States × criteria in five queries: states, criteria, assessments, treaties and the
    ratifications of those treaties.

    ``sort`` is "name", "score" (criteria met) or a criterion slug, with "-" to reverse.
    Summary counts per criterion (like ICMEC's headline figures) cover the rows shown.
    """
    states = list(Jurisdiction.objects.states().in_region(region))
    criteria = list(
        Criterion.objects.filter(framework=framework) if framework else Criterion.objects.all()
    )
    cells = defaultdict(dict)
    assessments = Assessment.objects.filter(jurisdiction__in=[s.pk for s in states])
    for assessment in assessments.select_related("instrument"):
        cells[assessment.jurisdiction_id][assessment.criterion_id] = assessment
    rows = []
    for state in states:
        row = [_cell(c, cells[state.pk].get(c.pk)) for c in criteria]
        rows.append(
            {
                "jurisdiction": state,
                "name": str(state.display_name),
                "cells": row,
                "met": sum(1 for cell in row if cell["answer"] == Answer.YES),
                "partial": sum(1 for cell in row if cell["answer"] == Answer.PARTIAL),
            }
        )
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    by_slug = {c.slug: i for i, c in enumerate(criteria)}
    rows.sort(key=lambda r: r["name"])
    if key == "score":
        rows.sort(key=lambda r: (r["met"], r["partial"]), reverse=not descending)
    elif key in by_slug:
        index = by_slug[key]
        rows.sort(key=lambda r: ANSWER_ORDER[r["cells"][index]["answer"]], reverse=not descending)
    elif descending:
        rows.reverse()
    summary = []
    for index, criterion in enumerate(criteria):
        counts = dict.fromkeys(Answer.values, 0)
        for row in rows:
            counts[row["cells"][index]["answer"]] += 1
        summary.append({"criterion": criterion, **counts})
    # Treaties with a short code, and which of them bind each state (with the date).
    treaties = list(
        Instrument.objects.filter(type__in=TREATY_TYPES).exclude(code="").order_by("pk")
    )
    consents = defaultdict(dict)
    binding = Participation.objects.binding().filter(
        jurisdiction__in=[s.pk for s in states], treaty__in=[t.pk for t in treaties]
    )
    for participation in binding.only(
        "jurisdiction_id", "treaty_id", "ratified_on", "ratified_precision", "verified", "status"
    ):
        consents[participation.jurisdiction_id][participation.treaty_id] = participation
    for row in rows:
        mine = consents[row["jurisdiction"].pk]
        row["treaties"] = [mine.get(t.pk) for t in treaties]
    return {
        "criteria": criteria,
        "rows": rows,
        "summary": summary,
        "total": len(rows),
        "treaties": treaties,
    }


def matrix_sort_keys() -> set[str]:
    slugs = set(Criterion.objects.values_list("slug", flat=True))
    keys = MATRIX_SORTS | slugs
    return keys | {f"-{key}" for key in keys}


def matrix_csv(
    *,
    region: str | None = None,
    sort: str = "name",
    framework: str | None = None,
    codes: set[str] | None = None,
) -> str:
    """The matrix as CSV: one row per state, an answer and a citation column per criterion."""
    data = matrix(region=region, sort=sort, framework=framework)
    rows = data["rows"]
    if codes is not None:
        rows = [row for row in rows if row["jurisdiction"].code in codes]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["code", "jurisdiction", "region", "criteria met"]
    for criterion in data["criteria"]:
        header += [f"{criterion.slug}", f"{criterion.slug} source"]
    writer.writerow(header)
    for row in rows:
        state = row["jurisdiction"]
        line = [state.code, state.name, state.region, row["met"]]
        for cell in row["cells"]:
            assessment = cell["assessment"]
            source = ""
            if assessment and assessment.instrument:
                source = "; ".join(
                    part for part in [assessment.instrument.short_title, assessment.article] if part
                )
            line += [cell["answer"], source]
        writer.writerow([csv_safe(value) for value in line])
    return buffer.getvalue()


# Compare ----------------------------------------------------------------------------------------
def compare(*, jurisdictions: list[Jurisdiction]) -> dict:
    """Criteria and topics side by side for 2–4 jurisdictions, in a fixed number of queries."""
    ids = [j.pk for j in jurisdictions]
    bindings = bindings_load(state_ids=ids)
    criteria = list(Criterion.objects.all())
    assessments = {
        (a.jurisdiction_id, a.criterion_id): a
        for a in Assessment.objects.filter(jurisdiction__in=ids).select_related("instrument")
    }
    body_ids = set().union(*(bindings.bodies[i] for i in ids))
    treaty_ids = set().union(*(bindings.ratified[i] for i in ids))
    coverages = (
        Coverage.objects.filter(
            Q(instrument__jurisdiction__in=ids)
            | Q(instrument__jurisdiction__in=body_ids)
            | Q(instrument__in=treaty_ids)
        )
        .exclude(level=Level.NONE)
        .select_related("instrument__jurisdiction", "topic")
    )
    by_topic = defaultdict(lambda: defaultdict(list))
    hows = defaultdict(lambda: defaultdict(set))
    for coverage in coverages:
        for jurisdiction_id in ids:
            how = bindings.applies(coverage.instrument, jurisdiction_id)
            if how:
                by_topic[coverage.topic][jurisdiction_id].append(coverage)
                hows[coverage.topic][jurisdiction_id].add(how)
    topics = []
    for topic in Topic.objects.all():
        cells = []
        for jurisdiction_id in ids:
            found = by_topic[topic][jurisdiction_id] if topic in by_topic else []
            level = best_level(found)
            cells.append(
                {
                    "coverages": found,
                    # A ratified treaty is shown as binding the state, with the date.
                    "items": [
                        {"coverage": c, "consent": bindings.consent(c.instrument, jurisdiction_id)}
                        for c in found
                    ],
                    "level": level,
                    # Covered only by an EU directive: the state must legislate; its own
                    # offence is not recorded, so the criteria may still say "unknown".
                    "directive_only": bool(level) and hows[topic][jurisdiction_id] == {"directive"},
                }
            )
        topics.append({"topic": topic, "cells": cells})
    criteria_rows = [
        {
            "criterion": criterion,
            "cells": [_cell(criterion, assessments.get((i, criterion.pk))) for i in ids],
        }
        for criterion in criteria
    ]
    bodies = {b.pk: b for b in Jurisdiction.objects.supranational()}
    memberships = [
        sorted((bodies[i] for i in bindings.bodies[j] if i in bodies), key=lambda b: b.name)
        for j in ids
    ]
    return {
        "jurisdictions": jurisdictions,
        "memberships": memberships,
        "criteria": criteria_rows,
        "topics": topics,
    }


# Map --------------------------------------------------------------------------------------------
@cache
def map_shapes() -> dict:
    """The static world shapes (Natural Earth via world-atlas), keyed by ISO alpha-2 code."""
    return json.loads(MAP_FILE.read_text())


LEVEL_LABELS = {
    Level.EXPLICIT: _("covered explicitly"),
    Level.PARTIAL: _("partly covered"),
    None: _("nothing recorded"),
}
CRITERIA_BANDS = [
    # (css modifier, lowest number of criteria met, highest)
    ("none", 0, 0),
    ("low", 1, 2),
    ("mid", 3, 5),
    ("high", 6, 99),
]


def map_view(*, topic: Topic | None = None) -> dict:
    """Each state's value for the map: criteria met (3 queries) or the strongest binding cover
    of one topic, own law, law of a body it belongs to, or a ratified treaty (4 queries)."""
    states = list(Jurisdiction.objects.states())
    values = {}
    if topic is None:
        met = dict(
            Assessment.objects.filter(answer=Answer.YES, jurisdiction__kind="state")
            .values_list("jurisdiction_id")
            .annotate(n=Count("pk"))
        )
        total = Criterion.objects.count()
        for state in states:
            n = met.get(state.pk, 0)
            band = next(b for b, low, high in CRITERIA_BANDS if low <= n <= high)
            values[state.pk] = {
                "band": band,
                "number": n,
                "total": total,
                "label": gettext("%(n)d of %(total)d criteria met") % {"n": n, "total": total},
            }
    else:
        bindings = bindings_load()
        coverages = list(
            Coverage.objects.filter(topic=topic)
            .exclude(level=Level.NONE)
            .select_related("instrument__jurisdiction")
        )
        for state in states:
            found, hows = [], set()
            for coverage in coverages:
                how = bindings.applies(coverage.instrument, state.pk)
                if how:
                    found.append(coverage)
                    hows.add(how)
            level = best_level(found)
            label = LEVEL_LABELS[level]
            if level and hows == {"directive"}:
                label = gettext("%(level)s by an EU directive the state must transpose") % {
                    "level": label
                }
            instruments = sorted({c.instrument for c in found}, key=lambda i: i.short_title)
            values[state.pk] = {
                "band": level or "none",
                "level": level,
                "label": label,
                "instruments": [
                    {"instrument": i, "consent": bindings.consent(i, state.pk)} for i in instruments
                ],
            }
    shapes = map_shapes()
    by_code = {state.code: state for state in states}
    drawn, points = [], []
    for shape in shapes["shapes"]:
        state = by_code.get(shape["iso"])
        if state:
            drawn.append({"state": state, "d": shape["d"], **values[state.pk]})
    for point in shapes["points"]:
        state = by_code.get(point["iso"])
        if state:
            points.append({"state": state, "x": point["x"], "y": point["y"], **values[state.pk]})
    table = sorted(
        ({"state": s, **values[s.pk]} for s in states), key=lambda r: str(r["state"].display_name)
    )
    counts = defaultdict(int)
    for row in table:
        counts[row["band"]] += 1
    return {
        "width": shapes["width"],
        "height": shapes["height"],
        "sphere": shapes["sphere"],
        "land": shapes["land"],
        "shapes": drawn,
        "points": points,
        "table": table,
        "counts": dict(counts),
    }


# Feed -------------------------------------------------------------------------------------------
def legal_changes(
    *, jurisdiction: Jurisdiction | None = None, limit: int = 50
) -> list[Event | Participation]:
    """Changes in law up to today, newest first (two queries): one change, one entry.

    The entries are the dated steps of instruments (adoption, entry into force, positions…)
    and the dates on which states consented to be bound by a treaty. Each is dated by when it
    happened in law, never by when it reached the tracker, so loading the data on a new
    install adds no entries dated that day. For one jurisdiction: its own instruments, those
    of the bodies it belongs to, and its own treaty consents."""
    today = timezone.localdate()
    instruments = Instrument.objects.all()
    consents = Participation.objects.binding().filter(ratified_on__lte=today)
    if jurisdiction is not None:
        instruments = instruments.filter(
            Q(jurisdiction=jurisdiction) | Q(jurisdiction__members=jurisdiction)
        )
        consents = consents.filter(jurisdiction=jurisdiction)
    events = list(
        Event.objects.recent().filter(date__lte=today, instrument__in=instruments.values("pk"))[
            :limit
        ]
    )
    consents = list(
        consents.select_related("jurisdiction", "treaty__jurisdiction").order_by(
            "-ratified_on", "-pk"
        )[:limit]
    )
    changes: list[Event | Participation] = [*events, *consents]
    changes.sort(key=lambda c: c.date if isinstance(c, Event) else c.ratified_on, reverse=True)
    return changes[:limit]


# Tool page -------------------------------------------------------------------------------------
def legal_points_for_tool(*, tool: Tool, user: AbstractBaseUser | AnonymousUser) -> dict:
    """The law on the topics tied to a tool's capabilities, for the member's country: its own
    law, the law of the bodies it belongs to and the treaties it has ratified. At most three
    queries: the country's bodies, its ratifications, then the coverage."""
    code = getattr(user, "country", None)
    code = getattr(code, "code", code) or ""
    if not getattr(user, "is_authenticated", False) or not code:
        return {"country": None, "known": False, "points": []}
    body_ids = list(
        Jurisdiction.member_of.through.objects.filter(from_jurisdiction__code=code).values_list(
            "to_jurisdiction_id", flat=True
        )
    )
    consents = {
        p.treaty_id: p for p in Participation.objects.binding().filter(jurisdiction__code=code)
    }
    coverages = (
        Coverage.objects.filter(
            Q(instrument__jurisdiction__code=code)
            | (Q(instrument__jurisdiction__in=body_ids) & ~Q(instrument__type__in=TREATY_TYPES))
            | Q(instrument__in=list(consents)),
            topic__capabilities__in=tool.capabilities.values("pk"),
        )
        .exclude(level=Level.NONE)
        .select_related("instrument__jurisdiction", "topic")
        .distinct()
        .order_by("topic__position", "instrument__short_title")
    )
    grouped = defaultdict(list)
    for coverage in coverages:
        # A ratified treaty is shown as binding the state, with the date of consent.
        coverage.consent = consents.get(coverage.instrument_id)
        grouped[coverage.topic].append(coverage)
    # Every UN member state belongs to at least the UN, so no body means no such jurisdiction.
    return {"country": code, "known": bool(body_ids), "points": list(grouped.items())}


# Data checks -----------------------------------------------------------------------------------
@dataclass
class Finding:
    """One place where the data contradicts itself, in words a curator can act on."""

    jurisdiction: Jurisdiction
    criterion: Criterion
    answer: str
    topic: Topic | None
    level: str | None
    instruments: list[Instrument]
    # "cover-unassessed", "directive-only", "answer-without-cover", "article-unconfirmed"
    kind: str
    message: str


def data_checks(*, jurisdictions: list[Jurisdiction] | None = None) -> list[Finding]:
    """Contradictions between topic coverage and criteria answers, state by state (a fixed
    number of queries, whatever the number of states).

    - a topic that carries a criterion is covered by law binding the state, but the criterion
      is still "unknown" or "no" ("cover-unassessed");
    - the same, when the only cover is an EU directive ("directive-only"): the directive obliges
      the state to make the offence; the page says so, and a curator should record the national
      provision;
    - a criterion answered "yes" or "partly" while none of its topics has binding cover
      ("answer-without-cover"): the cited instrument's coverage is missing;
    - a "yes" or "partly" whose articles are marked as not confirmed ("article-unconfirmed").
    """
    states = jurisdictions if jurisdictions is not None else list(Jurisdiction.objects.states())
    ids = [s.pk for s in states]
    bindings = bindings_load(state_ids=ids)
    criteria = list(Criterion.objects.prefetch_related("topics"))
    answers = {
        (a.jurisdiction_id, a.criterion_id): a
        for a in Assessment.objects.filter(jurisdiction__in=ids).select_related("instrument")
    }
    body_ids = set().union(*(bindings.bodies[i] for i in ids)) if ids else set()
    treaty_ids = set().union(*(bindings.ratified[i] for i in ids)) if ids else set()
    coverages = list(
        Coverage.objects.filter(
            Q(instrument__jurisdiction__in=ids)
            | Q(instrument__jurisdiction__in=body_ids)
            | Q(instrument__in=treaty_ids)
        )
        .exclude(level=Level.NONE)
        .filter(instrument__status__in=BINDING)
        .select_related("instrument__jurisdiction", "topic")
    )
    findings = []
    for state in states:
        reach = defaultdict(list)  # topic id → [(coverage, how)]
        for coverage in coverages:
            how = bindings.applies(coverage.instrument, state.pk)
            if how:
                reach[coverage.topic_id].append((coverage, how))
        for criterion in criteria:
            assessment = answers.get((state.pk, criterion.pk))
            answer = assessment.answer if assessment else Answer.UNKNOWN
            found = [pair for topic in criterion.topics.all() for pair in reach[topic.pk]]
            if answer in {Answer.UNKNOWN, Answer.NO} and found:
                coverage = max(found, key=lambda pair: LEVEL_RANK[pair[0].level])[0]
                directive = all(how == "directive" for _, how in found)
                instruments = sorted({c.instrument for c, _ in found}, key=lambda i: i.pk)
                names = ", ".join(i.short_title for i in instruments)
                if directive:
                    message = gettext(
                        "%(topic)s is covered for %(state)s only through %(names)s, which obliges "
                        "the state to legislate; record the national provision and assess "
                        "“%(criterion)s”."
                    )
                else:
                    message = gettext(
                        "%(topic)s is covered for %(state)s by %(names)s, but “%(criterion)s” is "
                        "answered “%(answer)s”."
                    )
                findings.append(
                    Finding(
                        jurisdiction=state,
                        criterion=criterion,
                        answer=answer,
                        topic=coverage.topic,
                        level=coverage.level,
                        instruments=instruments,
                        kind="directive-only" if directive else "cover-unassessed",
                        message=message
                        % {
                            "topic": coverage.topic.name,
                            "state": state.display_name,
                            "names": names,
                            "criterion": criterion.label,
                            "answer": Answer(answer).label,
                        },
                    )
                )
            if (
                assessment
                and answer in {Answer.YES, Answer.PARTIAL}
                and "not confirmed" in assessment.article.lower()
            ):
                findings.append(
                    Finding(
                        jurisdiction=state,
                        criterion=criterion,
                        answer=answer,
                        topic=None,
                        level=None,
                        instruments=[assessment.instrument] if assessment.instrument else [],
                        kind="article-unconfirmed",
                        message=gettext(
                            "“%(criterion)s” is answered “%(answer)s” for %(state)s, but the "
                            "articles that carry it were not confirmed: read the official text."
                        )
                        % {
                            "criterion": criterion.label,
                            "answer": Answer(answer).label,
                            "state": state.display_name,
                        },
                    )
                )
            if answer in {Answer.YES, Answer.PARTIAL} and criterion.topics.all() and not found:
                findings.append(
                    Finding(
                        jurisdiction=state,
                        criterion=criterion,
                        answer=answer,
                        topic=None,
                        level=None,
                        instruments=[assessment.instrument] if assessment.instrument else [],
                        kind="answer-without-cover",
                        message=gettext(
                            "“%(criterion)s” is answered “%(answer)s” for %(state)s, but no "
                            "binding law in the tracker covers %(topics)s there."
                        )
                        % {
                            "criterion": criterion.label,
                            "answer": Answer(answer).label,
                            "state": state.display_name,
                            "topics": ", ".join(t.name for t in criterion.topics.all()),
                        },
                    )
                )
    return findings
