"""The taxonomy (stages, capabilities, data types, phases) as plain, cacheable data."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translated_language

from catalogue.facets import TERM_FACETS
from catalogue.models import Capability, DataType, Phase, Stage, Tool
from catalogue.selectors.cache import LIST_CACHE_SECONDS, catalogue_version

TAXONOMY = {"stage": Stage, "capability": Capability, "data_type": DataType, "phase": Phase}


# Every language a term's name is kept in (``name_en``, ``name_fr``...; catalogue/translation.py).
NAME_COLUMNS = [build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES]


def local_name() -> Coalesce:
    """A term's name in the active language, else English, as SQL (for a term read inside
    another query, such as the tool page's terms)."""
    column = build_localized_fieldname("name", translated_language())
    return Coalesce(NullIf(F(column), Value("")), F("name_en"), F("name"))


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str  # in the active language, else English
    english: str = ""  # the words of the tools' search keywords
    names: tuple[str, ...] = ()  # every language's name, for search in any of them


def taxonomy_terms() -> dict[str, list[Term]]:
    """Every stage, capability, data type and phase, in order, named in the active language
    (English where a name is not translated): one query, then cached under the catalogue's
    version and the language (a change to a term changes the version)."""
    key = f"catalogue:terms:{catalogue_version()}:{get_language()}"
    terms = cache.get(key)
    if terms is not None:
        return terms
    local = NAME_COLUMNS.index(build_localized_fieldname("name", translated_language()))
    english = NAME_COLUMNS.index(build_localized_fieldname("name", "en"))
    # Plain columns (``rewrite(False)``): every language's name, the fallback is made below.
    parts = [
        model.objects.rewrite(False)
        .order_by()
        .annotate(kind=Value(kind))
        .values_list("kind", "position", "slug", "id", *NAME_COLUMNS)
        for kind, model in TAXONOMY.items()
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True).order_by())
    terms = {kind: [] for kind in TAXONOMY}
    for kind, _position, slug, pk, *names in rows:
        name = names[local] or names[english] or slug
        terms[kind].append(
            Term(
                id=pk,
                slug=slug,
                name=name,
                english=names[english] or name,
                names=tuple(dict.fromkeys(n for n in names if n)),
            )
        )
    cache.set(key, terms, LIST_CACHE_SECONDS)
    return terms


def attach_term_names(tools: Iterable[Tool], terms: dict[str, list[Term]]) -> None:
    """Give each tool ``stage_names``, ``capability_names``, ``data_type_names`` and
    ``phase_names`` from its id arrays and the taxonomy already loaded: no query per tool."""
    for tool in tools:
        for kind, facet in TERM_FACETS.items():
            ids = set(getattr(tool, facet.field) or [])
            setattr(tool, f"{kind}_names", [t.name for t in terms[kind] if t.id in ids])
