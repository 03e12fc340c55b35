"""Reads shared by the tool panel, compare, the catalogue's facets and the assessment pages."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from catalogue.models import Tool
from hub.access import can_read_own_data, is_verified_member, visible_q
from hub.models import User
from legislation.models import Jurisdiction
from responsible.models import (
    Assessment,
    DocStatus,
    Evidence,
    Principle,
    ProfileEntry,
    Proposal,
    RiskLevel,
    Safeguard,
    SubPrinciple,
    ToolProfile,
)
from training.models import Course

# Whoever is looking: a signed-in member or an anonymous visitor.
Viewer = User | AnonymousUser

WELLBEING_TOPIC = "wellbeing"
TOOL_TRAINING_TOPIC = "tool_training"


def principles() -> list[Principle]:
    """The five principles, each with ``subs`` (its sub-principles in order): one query."""
    grouped: dict[int, Principle] = {}
    for sub in SubPrinciple.objects.select_related("principle").order_by(
        "principle__position", "position"
    ):
        principle = grouped.setdefault(sub.principle_id, sub.principle)
        if not hasattr(principle, "subs"):
            principle.subs = []
        principle.subs.append(sub)
    return list(grouped.values())


# The list's facets read the catalogue's own columns (``Tool.independently_tested``...),
# which ``services.tool_responsible_flags_refresh`` keeps in step with the profile.


def exposure_spared(profile: ToolProfile | None) -> dict[str, Any]:
    """How much exposure to abusive material the tool spares an analyst: none, some (one or
    two of the four safeguards), most (three) or all four."""
    count = len(set(profile.exposure_safeguards) & set(Safeguard.values)) if profile else 0
    if count == 0:
        label = _("None documented")
    elif count <= 2:
        label = _("Some")
    elif count == 3:
        label = _("Most")
    else:
        label = _("All four safeguards")
    return {"count": count, "of": len(Safeguard.values), "label": label}


# The tool page ------------------------------------------------------------------------------


def _grouped(subs_by_principle: list[Principle], entries: dict[int, ProfileEntry]) -> list:
    return [
        {
            "principle": principle,
            "rows": [{"sub": sub, "entry": entries.get(sub.pk)} for sub in principle.subs],
        }
        for principle in subs_by_principle
    ]


def wellbeing_courses(*, user: Viewer, limit: int = 3) -> list[Course]:
    return list(Course.objects.visible_to(user).filter(topic=WELLBEING_TOPIC)[:limit])


def tool_profile(*, tool: Tool, user: Viewer) -> dict[str, Any]:
    """Everything the tool page's responsible-AI panel shows: one query when nothing is
    recorded for the tool, at most six when a profile exists."""
    profile = ToolProfile.objects.filter(tool=tool).first()
    if profile is None:
        return {"profile": None, "groups": [], "evidence": [], "hidden_evidence": 0}
    entries = {e.sub_principle_id: e for e in ProfileEntry.objects.filter(profile=profile)}
    evidence = list(profile.evidence.visible_to(user))
    hidden = 0 if is_verified_member(user) else profile.evidence.exclude(visible_q(user)).count()
    exposure = exposure_spared(profile)
    groups = _grouped(principles(), entries)
    return {
        "profile": profile,
        "groups": groups,
        "sub_total": sum(len(g["rows"]) for g in groups),
        "documented": sum(1 for e in entries.values() if e.status == DocStatus.DOCUMENTED),
        "recorded": len(entries),
        "evidence": evidence,
        "hidden_evidence": hidden,
        "exposure": exposure,
        "wellbeing_courses": wellbeing_courses(user=user) if exposure["count"] < 4 else [],
    }


# Compare ------------------------------------------------------------------------------------


@dataclass
class CompareRow:
    label: str
    cells: list[dict]
    differs: bool = False
    group: str = ""
    extra: dict = field(default_factory=dict)


def compare(*, tools: list[Tool], user: Viewer) -> dict[str, Any]:
    """Profiles and evidence side by side; each row says whether the tools differ (four
    queries whatever the number of tools)."""
    ids = [t.pk for t in tools]
    profiles = {
        p.pk: p
        for p in ToolProfile.objects.filter(pk__in=ids).prefetch_related(
            "entries",
            Prefetch("evidence", queryset=Evidence.objects.visible_to(user), to_attr="seen"),
        )
    }
    rows: list[CompareRow] = []
    for principle in principles():
        for sub in principle.subs:
            cells = []
            for tool in tools:
                profile = profiles.get(tool.pk)
                entries = profile.entries.all() if profile else []
                entry = next((e for e in entries if e.sub_principle_id == sub.pk), None)
                cells.append(
                    {
                        "status": entry.status if entry else "",
                        "label": entry.get_status_display() if entry else _("Nothing recorded"),
                        "text": entry.text if entry else "",
                    }
                )
            rows.append(
                CompareRow(
                    label=sub.name,
                    cells=cells,
                    differs=len({c["status"] for c in cells}) > 1,
                    group=principle.name,
                )
            )
    extra_rows = []
    for label, get in (
        (
            _("Documents human review of every decision"),
            lambda p: _("Yes") if p and p.human_review_documented else _("No"),
        ),
        (
            _("Exposure safeguards"),
            lambda p: ", ".join(p.safeguard_labels()) if p and p.exposure_safeguards else "—",
        ),
    ):
        cells = [{"label": get(profiles.get(t.pk)), "status": ""} for t in tools]
        extra_rows.append(
            CompareRow(label=label, cells=cells, differs=len({c["label"] for c in cells}) > 1)
        )
    evidence_rows = []
    for level in Evidence.Level:
        cells = []
        for tool in tools:
            profile = profiles.get(tool.pk)
            claims = [e for e in (profile.seen if profile else []) if e.level == level]
            cells.append({"label": str(len(claims)), "claims": claims, "status": level.value})
        evidence_rows.append(
            CompareRow(
                label=str(level.label),
                cells=cells,
                differs=len({c["label"] for c in cells}) > 1,
            )
        )
    return {"profile_rows": rows, "extra_rows": extra_rows, "evidence_rows": evidence_rows}


def proposals_of(*, user: Viewer) -> list[Proposal]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Proposal.objects.filter(proposed_by=user)
        .select_related("tool", "sub_principle")
        .order_by("-created_at")
    )


# Assessments --------------------------------------------------------------------------------

AUTHOR, COLLEAGUE, NOT_SHARED, DEMO, NONE = "author", "colleague", "not-shared", "demo", "none"


def access_for(*, assessment: Assessment, user: Viewer) -> str:
    """How ``user`` may use ``assessment``: ``author``; ``colleague`` (shared, same agency:
    read, comment, co-sign); ``not-shared`` (same agency, not shared: a 403 that says why);
    ``demo`` (a fictional example anyone may read); otherwise ``none`` (a 404, so that other
    agencies' assessments are not even known to exist). Curators get no more than members."""
    if assessment.author_id == getattr(user, "pk", None) and can_read_own_data(user):
        # Their own, also once their verification has lapsed (read only: every write
        # needs verification).
        return AUTHOR
    if getattr(user, "is_authenticated", False) and is_verified_member(user):
        same_agency = assessment.agency_id is not None and assessment.agency_id == user.agency_id
        if same_agency:
            if assessment.shares.filter(user=user).exists():
                return COLLEAGUE
            if not assessment.is_demo:
                return NOT_SHARED
    if assessment.is_demo:
        return DEMO
    return NONE


def assessment_list(*, user: Viewer) -> dict[str, list[Assessment]]:
    base = Assessment.objects.select_related("tool", "author", "jurisdiction").order_by(
        "-updated_at"
    )
    if not user.is_authenticated:
        return {"mine": [], "shared": [], "examples": list(base.filter(is_demo=True)[:5])}
    mine = list(base.filter(author=user))
    shared = list(base.open_to(user).exclude(author=user))
    examples = list(base.filter(is_demo=True).exclude(author=user)[:5])
    return {"mine": mine, "shared": shared, "examples": examples}


def assessment_get(*, pk: int) -> Assessment | None:
    return (
        Assessment.objects.select_related(
            "tool__provider", "author", "agency", "jurisdiction", "previous"
        )
        .filter(pk=pk)
        .first()
    )


def jurisdiction_choices() -> QuerySet:
    return Jurisdiction.objects.order_by("name")


def risks_of(*, assessment: Assessment) -> list:
    return list(assessment.risks.select_related("sub_principle__principle"))


LEVEL_ORDER = [
    RiskLevel.VERY_HIGH,
    RiskLevel.HIGH,
    RiskLevel.MEDIUM,
    RiskLevel.LOW,
    RiskLevel.UNRATED,
]
CHART_UNIT = 36  # pixels per risk in the bar chart
CHART_LABEL = 190


def summary(*, assessment: Assessment, risks: list, user: Viewer) -> dict[str, Any]:
    """Risks by principle (a table and a server-drawn bar chart), open questions, and the
    courses that teach each gap."""
    by_principle: dict[int, dict] = {}
    for risk in risks:
        principle = risk.sub_principle.principle
        group = by_principle.setdefault(
            principle.pk, {"principle": principle, "risks": [], "counts": Counter()}
        )
        group["risks"].append(risk)
        group["counts"][risk.level] += 1
    groups = sorted(by_principle.values(), key=lambda g: g["principle"].position)
    bars = []
    for index, group in enumerate(groups):
        x, segments = CHART_LABEL, []
        for level in LEVEL_ORDER:
            count = group["counts"][level]
            if count:
                segments.append(
                    {"x": x, "width": count * CHART_UNIT, "level": level.value, "count": count}
                )
                x += count * CHART_UNIT
        bars.append({"y": 10 + index * 34, "label": group["principle"].name, "segments": segments})
        group["cells"] = [group["counts"][level] for level in LEVEL_ORDER]
        group["worst"] = max((r.score or 0) for r in group["risks"])
    open_risks = [r for r in risks if r.is_open]
    gaps = [r for r in risks if r.is_open or r.level in (RiskLevel.HIGH, RiskLevel.VERY_HIGH)]
    return {
        "groups": groups,
        "levels": LEVEL_ORDER,
        "chart": {
            "bars": bars,
            "height": 20 + len(bars) * 34,
            "width": CHART_LABEL + 4 * CHART_UNIT + 40,
            "legend": [(level.value, level.label) for level in LEVEL_ORDER],
        },
        "open_risks": open_risks,
        "gaps": courses_for_gaps(risks=gaps, tool=assessment.tool, user=user),
        "totals": Counter(r.level for r in risks),
    }


def courses_for_gaps(*, risks: list, tool: Tool, user: Viewer) -> list[dict]:
    """Each gap with the courses that teach it: courses whose topic the sub-principle names
    (``SubPrinciple.course_topics``), and for tool training only courses on this tool. One
    query."""
    topics = {t for r in risks for t in r.sub_principle.course_topics}
    if not topics:
        return [{"risk": r, "courses": []} for r in risks]
    courses = list(
        Course.objects.visible_to(user)
        .filter(
            Q(topic__in=topics - {TOOL_TRAINING_TOPIC}) | Q(topic=TOOL_TRAINING_TOPIC, tools=tool)
        )
        .distinct()
        .order_by("title")
    )
    return [
        {
            "risk": r,
            "courses": [c for c in courses if c.topic in r.sub_principle.course_topics][:3],
        }
        for r in risks
    ]


def changes_since(*, assessment: Assessment) -> dict[str, bool]:
    """Whether the tool's entry or the law has changed since the worksheet was pre-filled."""
    from responsible.services import law_as_of

    law_now = law_as_of(jurisdiction=assessment.jurisdiction)
    return {
        "tool": assessment.tool.updated_at > assessment.tool_updated_at,
        "law": bool(
            law_now and (not assessment.law_updated_at or law_now > assessment.law_updated_at)
        ),
    }


def _event_labels() -> dict[str, str]:
    return {
        "AssessmentEvent": _("Assessment"),
        "RiskEvent": _("Risk"),
        "ShareEvent": _("Sharing"),
        "CommentEvent": _("Comment"),
        "SignatureEvent": _("Signature"),
    }


def _action_labels() -> dict[str, str]:
    return {"insert": _("added"), "update": _("changed"), "delete": _("removed")}


def history(*, assessment: Assessment, limit: int = 60) -> list[dict]:
    """Who changed what and when, from the database-trigger audit trail (two queries, three
    with names). The worksheet's own creation of its risks is folded into "Assessment added"."""
    from pghistory.models import Events

    events = list(
        Events.objects.references(assessment).order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    user_ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    subs = {s.pk: s.name for s in SubPrinciple.objects.all()} if events else {}
    models, actions = _event_labels(), _action_labels()
    rows = []
    for event in events:
        model = event.pgh_model.split(".")[-1]
        if model == "RiskEvent" and event.pgh_label == "insert":
            continue
        diff = {
            k: v
            for k, v in (event.pgh_diff or {}).items()
            if k not in ("updated_at", "id", "assessment", "assessment_id", "reminded_on")
        }
        if event.pgh_label == "update" and not diff:
            continue
        what = f"{models.get(model, model)} {actions.get(event.pgh_label, event.pgh_label)}"
        data = event.pgh_data or {}
        sub_id = data.get("sub_principle_id", data.get("sub_principle"))
        if model == "RiskEvent" and sub_id in subs:
            what = f"{what}: {subs[sub_id]}"
        rows.append(
            {
                "when": event.pgh_created_at,
                "who": names.get((event.pgh_context or {}).get("user"), _("the system")),
                "what": what,
                "changes": ", ".join(sorted(diff)),
            }
        )
    return rows
