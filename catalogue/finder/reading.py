"""From the words and the guided choices to *needs*: what a fitting tool must offer.

A need is one kind of term (capability, data type, language...) with one or more values, any
of which satisfies it: "find new victims" needs classification, age estimation, face matching
or scene recognition. A phrase gives one need per kind of term it stands for; a guided choice
gives the needs written in ``TASKS`` and ``MATERIALS``. The user sees every value as a chip
and may remove it; removed values leave every need, and a need left empty is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.finder import vocabulary
from catalogue.models import CostModel, Deployment, Language, SkillLevel, VocabularyEntry

Kind = VocabularyEntry.Kind
M2M_KINDS = ("stage", "capability", "data_type", "phase")
# How much a need weighs in a tool's score: what the tool does counts most.
WEIGHTS = {
    "capability": 3,
    "data_type": 2,
    "language": 2,
    "deployment": 2,
    "cost": 2,
    "open_source": 2,
    "skill": 1,
    "phase": 1,
    "stage": 1,
}
KIND_ORDER = list(WEIGHTS)
# The list page's facets that a need can be opened in (skill level is not a facet there).
LIST_KINDS = (
    "stage",
    "capability",
    "data_type",
    "phase",
    "deployment",
    "cost",
    "open_source",
    "language",
)
# Skill levels a tool may require for each level the user asks for.
SKILL_WITHIN = {
    "basic": ["basic"],
    "intermediate": ["basic", "intermediate"],
    "expert": ["basic", "intermediate", "expert"],
}
MAX_NEEDS = 16

# Guided choices: what material the investigator holds, what they need to do.
MATERIALS = {
    "images": (_("Images"), {"data_type": ["images"]}),
    "video": (_("Video"), {"data_type": ["video"]}),
    "chat": (_("Chat or text messages"), {"data_type": ["chat-text"]}),
    "audio": (_("Audio"), {"data_type": ["audio"]}),
    "documents": (_("Documents"), {"data_type": ["documents"]}),
    "devices": (_("Devices or disk images"), {"data_type": ["device-images"]}),
    "network": (_("Network data or online accounts"), {"data_type": ["network-data", "web-pages"]}),
}
TASKS = {
    "skip-known": (_("Skip known material"), {"capability": ["hash-matching"]}),
    "new-victims": (
        _("Find new victims"),
        {
            "capability": [
                "classification",
                "age-estimation",
                "face-matching",
                "object-scene-recognition",
            ],
            "phase": ["identification"],
        },
    ),
    "suspect": (
        _("Identify a suspect"),
        {
            "capability": ["face-matching", "link-analysis", "entity-extraction"],
            "phase": ["identification"],
        },
    ),
    "locate": (_("Locate a place"), {"capability": ["geolocation", "object-scene-recognition"]}),
    "ai-generated": (_("Detect AI-generated material"), {"capability": ["ai-media-detection"]}),
    "transcribe": (_("Transcribe speech"), {"capability": ["speech-to-text"]}),
    "translate": (_("Translate"), {"capability": ["translation"]}),
    "triage-devices": (
        _("Triage devices"),
        {"capability": ["triage"], "data_type": ["device-images"]},
    ),
    "prioritise": (_("Prioritise cases"), {"capability": ["triage"], "phase": ["triage"]}),
    "reports": (_("Write reports"), {"capability": ["report-automation"]}),
    "prevent": (_("Prevent abuse"), {"stage": ["prevention"], "phase": ["prevention"]}),
}
CONSTRAINTS = {
    "on-premises": (_("Must run on-premises or offline"), {"deployment": ["on-premises"]}),
    "free": (_("Free for law enforcement"), {"cost": ["free", "free-for-le"]}),
    "open-source": (_("Open source"), {"open_source": ["yes"]}),
}


@dataclass(frozen=True)
class Term:
    kind: str
    value: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass
class Need:
    kind: str
    values: list[str]
    source: str  # the words or the choice it comes from

    @property
    def weight(self) -> int:
        return WEIGHTS[self.kind]


@dataclass
class Reading:
    """What the finder understood; ``terms`` are the chips, in a stable order."""

    needs: list[Need]
    terms: list[Term]
    removed: list[Term]
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)
    phrases: list[str] = field(default_factory=list)  # the vocabulary phrases recognised
    _labels: dict | None = field(default=None, repr=False)

    @property
    def empty(self) -> bool:
        return not self.needs

    def label(self, kind: str, value: str) -> str:
        if self._labels is None:
            self._labels = labels()
        return self._labels.get((kind, value), value)

    def list_params(self) -> list[tuple[str, str]]:
        """The list page's filters for these terms (skill level has no facet there)."""
        return [(t.kind, t.value) for t in self.terms if t.kind in LIST_KINDS]


def labels() -> dict[tuple[str, str], str]:
    """(kind, value) → the label users see, for every value a need may hold."""
    from catalogue.selectors import taxonomy_terms

    found: dict[tuple[str, str], str] = {}
    for kind, terms in taxonomy_terms().items():
        for term in terms:
            found[(kind, term.slug)] = term.name
    for kind, choices in (
        ("deployment", Deployment.choices),
        ("cost", CostModel.choices),
        ("language", Language.choices),
        ("skill", SkillLevel.choices),
    ):
        for value, label in choices:
            found[(kind, value)] = str(label)
    found[("open_source", "yes")] = str(_("Open source"))
    return found


def read(
    *,
    text: str,
    materials: Sequence[str] = (),
    tasks: Sequence[str] = (),
    constraints: Sequence[str] = (),
    languages: Sequence[str] = (),
    skill: str = "",
    kept: Sequence[str] = (),
    shown: Sequence[str] = (),
) -> Reading:
    """Needs from the text and the guided choices. ``kept`` are the chips left ticked,
    ``shown`` the chips the page showed: a shown chip not kept was removed by the user."""
    known = labels()
    needs: list[Need] = []
    corrections: list[tuple[str, str]] = []
    phrases: list[str] = []
    for match in vocabulary.index().read(text[: vocabulary.CASE_MAX_LENGTH]):
        by_kind: dict[str, list[str]] = {}
        for entry in match.entries:
            if (entry.kind, entry.term) in known:
                by_kind.setdefault(entry.kind, []).append(entry.term)
        for kind, values in by_kind.items():
            needs.append(Need(kind, values, match.typed))
        if by_kind:
            phrases.append(match.phrase)
            if match.corrected:
                corrections.append((match.typed, match.phrase))
    for chosen, table in ((materials, MATERIALS), (tasks, TASKS), (constraints, CONSTRAINTS)):
        for key in chosen:
            if key in table:
                label, wanted = table[key]
                needs += [Need(kind, list(values), str(label)) for kind, values in wanted.items()]
    needs += [
        Need("language", [code], known[("language", code)])
        for code in languages
        if ("language", code) in known
    ]
    if skill in SKILL_WITHIN:
        needs.append(Need("skill", [skill], known[("skill", skill)]))
    shown_keys = {key for key in shown if _valid_key(key, known)}
    kept_keys = {key for key in kept if _valid_key(key, known)}
    removed_keys = shown_keys - kept_keys
    # Chips kept from an earlier reading that the words no longer give stay as their own need.
    present = {f"{n.kind}:{v}" for n in needs for v in n.values}
    for key in sorted(kept_keys - present):
        kind, value = key.split(":", 1)
        needs.append(Need(kind, [value], known[(kind, value)]))
    needs = _merge(needs, removed_keys)[:MAX_NEEDS]
    terms = _terms(needs, known)
    removed = [
        Term(*key.split(":", 1), known[tuple(key.split(":", 1))]) for key in sorted(removed_keys)
    ]
    return Reading(
        needs=needs,
        terms=terms,
        removed=removed,
        corrections=list(dict.fromkeys(corrections)),
        phrases=list(dict.fromkeys(phrases)),
    )


def from_params(params: QueryDict) -> Reading:
    """A shared finder address (``?capability=ocr&language=es``): one need per kind."""
    known = labels()
    needs = []
    for kind in KIND_ORDER:
        values = [v for v in dict.fromkeys(params.getlist(kind)) if (kind, v) in known]
        if values:
            needs.append(Need(kind, values, known[(kind, values[0])]))
    needs = _merge(needs, set())[:MAX_NEEDS]
    return Reading(needs=needs, terms=_terms(needs, known), removed=[])


def _valid_key(key: str, known: dict[tuple[str, str], str]) -> bool:
    kind, _sep, value = key.partition(":")
    return (kind, value) in known


def _merge(needs: list[Need], removed: set[str]) -> list[Need]:
    """Without removed values, empty needs and needs that repeat another exactly."""
    merged: dict[tuple, Need] = {}
    for need in needs:
        values = [v for v in dict.fromkeys(need.values) if f"{need.kind}:{v}" not in removed]
        if not values:
            continue
        key = (need.kind, tuple(sorted(values)))
        if key not in merged:
            merged[key] = Need(need.kind, values, need.source)
    return sorted(merged.values(), key=lambda n: KIND_ORDER.index(n.kind))


def _terms(needs: list[Need], known: dict[tuple[str, str], str]) -> list[Term]:
    seen: dict[str, Term] = {}
    for need in needs:
        for value in need.values:
            term = Term(need.kind, value, known[(need.kind, value)])
            seen.setdefault(term.key, term)
    return sorted(seen.values(), key=lambda t: (KIND_ORDER.index(t.kind), t.label))
