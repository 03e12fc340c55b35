"""The catalogue's facets, each defined once.

A facet is a query parameter of the list page (``?stage=prevention&cost=free``): its label,
the ``Tool`` field it reads, its choices, how it filters and what it counts all live in one
``FacetDefinition`` below. The FilterSet (``catalogue.filters``), the facet counts and chips
of the list page (``catalogue.selectors.listing``), the export and any future API read
``FACETS``; nothing else spells out a facet.

Within one facet the chosen values are alternatives (any of them); across facets they all
apply. Every facet filters through ``FacetDefinition.q`` and nothing else: the list page's
single SQL statement selects that same condition as a boolean column per chosen facet.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import django_filters
from django.contrib.postgres.fields import ArrayField
from django.db.models import BooleanField, Case, Expression, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalogue.models import CostModel, Deployment, ExposureSafeguard, Language, Provider

if TYPE_CHECKING:
    from catalogue.selectors.terms import Term

Choices = list[tuple[str, str | Promise]]
YES_NO: Choices = [("yes", _("Yes")), ("no", _("No"))]


class Kind(StrEnum):
    """How a facet's field holds its values; decides the filter and the count."""

    TERMS = "terms"  # taxonomy terms, read through the id array denormalised on Tool
    MULTI = "multi"  # an array of choices on Tool (deployment, languages)
    CHOICE = "choice"  # one choice per tool (cost model, provider kind and country)
    YES_NO = "yes-no"  # a boolean, chosen as "yes" and/or "no"


@dataclass(frozen=True)
class FacetDefinition:
    name: str  # the query parameter
    label: str | Promise
    kind: Kind
    field: str  # the Tool field (or ``provider__...``) filtered and counted
    choices: Callable[[], Choices] | None = None  # fixed choices (TERMS: the taxonomy)
    taxonomy: str | None = None  # TERMS: the key of ``taxonomy_terms()``
    # Options shown are the values present in the catalogue (``universe``) and the chosen
    # ones, rather than every possible choice (every country of the world).
    universe: Callable[[], QuerySet] | None = None

    # Validation --------------------------------------------------------------------------

    def filter(self) -> django_filters.MultipleChoiceFilter:
        """The FilterSet's filter: validates the values, filters through ``q``."""
        return django_filters.MultipleChoiceFilter(
            field_name=self.name,
            label=self.label,
            choices=self.choices or [],
            method="filter_facet",
        )

    def choices_for(self, terms: dict[str, list["Term"]]) -> Choices:
        """Every valid value and its label."""
        if self.kind == Kind.TERMS:
            return [(t.slug, t.name) for t in terms[self.taxonomy]]
        return list(self.choices()) if self.choices else []

    # Filtering ---------------------------------------------------------------------------

    def q(self, values: Iterable[str], *, terms: dict[str, list["Term"]]) -> Q:
        """The condition for this facet: a tool with any of ``values``."""
        values = list(values)
        if self.kind == Kind.TERMS:
            ids = {t.slug: t.id for t in terms[self.taxonomy]}
            return Q(**{f"{self.field}__overlap": [ids[v] for v in values if v in ids]})
        if self.kind == Kind.MULTI:
            return Q(**{f"{self.field}__overlap": values})
        if self.kind == Kind.YES_NO:
            if {"yes", "no"} <= set(values):
                return Q()
            return Q(**{self.field: "yes" in values})
        return Q(**{f"{self.field}__in": values})

    def matches(self, values: Iterable[str], *, terms: dict[str, list["Term"]]) -> Expression:
        """``q`` as a boolean column, for SQL that reads rows already selected."""
        condition = self.q(values, terms=terms)
        if not condition:
            return Value(True)
        return Case(
            When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
        )

    # Counting ----------------------------------------------------------------------------

    @property
    def counts_array(self) -> bool:
        """True when a tool holds several values of this facet (each is counted)."""
        return self.kind in (Kind.TERMS, Kind.MULTI)

    def counted(self) -> Expression:
        """The value(s) a tool adds to this facet's counts: term ids, or text."""
        if self.kind == Kind.TERMS:
            return F(self.field)
        if self.kind == Kind.MULTI:
            return Cast(self.field, ArrayField(TextField()))
        if self.kind == Kind.YES_NO:
            return Case(
                When(**{self.field: True}, then=Value("yes")),
                default=Value("no"),
                output_field=TextField(),
            )
        return Cast(self.field, TextField())

    def value_of(self, counted: str, *, terms: dict[str, list["Term"]]) -> str | None:
        """The query value for a counted value (a term's slug for its id)."""
        if self.kind == Kind.TERMS:
            slugs = {str(t.id): t.slug for t in terms[self.taxonomy]}
            return slugs.get(counted)
        return counted

    # Display -----------------------------------------------------------------------------

    def options(
        self, *, terms: dict[str, list["Term"]], counted: Iterable[str], chosen: Iterable[str]
    ) -> Choices:
        """The options the list page shows, in order."""
        if self.universe is None:
            return self.choices_for(terms)
        labels = dict(self.choices()) if self.choices else {}
        values = set(counted) | set(chosen)
        return sorted(((v, labels.get(v, v)) for v in values), key=lambda option: option[1])


def _provider_countries() -> QuerySet:
    return Provider.objects.exclude(country="").order_by().values_list("country").distinct()


FACETS: list[FacetDefinition] = [
    FacetDefinition("stage", _("Stage"), Kind.TERMS, "stage_ids", taxonomy="stage"),
    FacetDefinition(
        "capability", _("Capability"), Kind.TERMS, "capability_ids", taxonomy="capability"
    ),
    FacetDefinition("data_type", _("Data type"), Kind.TERMS, "data_type_ids", taxonomy="data_type"),
    FacetDefinition("phase", _("Investigation phase"), Kind.TERMS, "phase_ids", taxonomy="phase"),
    FacetDefinition(
        "deployment", _("Deployment"), Kind.MULTI, "deployment", lambda: Deployment.choices
    ),
    FacetDefinition("cost", _("Cost model"), Kind.CHOICE, "cost_model", lambda: CostModel.choices),
    FacetDefinition("open_source", _("Open source"), Kind.YES_NO, "open_source", lambda: YES_NO),
    FacetDefinition("language", _("Language"), Kind.MULTI, "languages", lambda: Language.choices),
    FacetDefinition(
        "provider_kind",
        _("Provider kind"),
        Kind.CHOICE,
        "provider__kind",
        lambda: Provider.Kind.choices,
    ),
    FacetDefinition(
        "provider_country",
        _("Provider country"),
        Kind.CHOICE,
        "provider__country",
        lambda: list(countries),
        universe=_provider_countries,
    ),
    # Responsible use: copied onto Tool from the tool's responsible-AI profile (the catalogue
    # reads its own columns; ``services.tool_set_responsible_flags`` keeps them in step).
    FacetDefinition(
        "independently_tested",
        _("Independently tested"),
        Kind.YES_NO,
        "independently_tested",
        lambda: YES_NO,
    ),
    FacetDefinition(
        "human_review",
        _("Documents human review of every decision"),
        Kind.YES_NO,
        "human_review_documented",
        lambda: YES_NO,
    ),
    FacetDefinition(
        "exposure",
        _("Spares analysts’ exposure"),
        Kind.MULTI,
        "exposure_safeguards",
        lambda: ExposureSafeguard.choices,
    ),
]
FACETS_BY_NAME: dict[str, FacetDefinition] = {facet.name: facet for facet in FACETS}
FACET_NAMES: list[str] = list(FACETS_BY_NAME)
# The taxonomy facets, by taxonomy key: their ids are denormalised on Tool (``stage_ids``...).
TERM_FACETS: dict[str, FacetDefinition] = {f.taxonomy: f for f in FACETS if f.kind == Kind.TERMS}
