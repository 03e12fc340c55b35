"""The taxonomy (stages, capabilities, data types, phases) as plain, cacheable data."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Value
from django.utils.translation import get_language

from catalogue.facets import TERM_FACETS
from catalogue.models import Capability, DataType, Phase, Stage, Tool
from catalogue.selectors.cache import LIST_CACHE_SECONDS, catalogue_version

TAXONOMY = {"stage": Stage, "capability": Capability, "data_type": DataType, "phase": Phase}


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str


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


def attach_term_names(tools: Iterable[Tool], terms: dict[str, list[Term]]) -> None:
    """Give each tool ``stage_names``, ``capability_names``, ``data_type_names`` and
    ``phase_names`` from its id arrays and the taxonomy already loaded: no query per tool."""
    for tool in tools:
        for kind, facet in TERM_FACETS.items():
            ids = set(getattr(tool, facet.field) or [])
            setattr(tool, f"{kind}_names", [t.name for t in terms[kind] if t.id in ids])
