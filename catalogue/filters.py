"""The catalogue's facets as a django-filter FilterSet.

Within one facet the chosen values are alternatives (any of them); across facets they all
apply. ``queryset_without(name)`` applies every facet except one, which is what the facet
counts need ("how many tools would match if I also chose this value").
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalogue.models import CostModel, Deployment, Language, Provider, Tool

SEARCH_MAX_LENGTH = 200


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    VERIFIED = "verified"
    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NAME, _("Name")),
        (VERIFIED, _("Recently verified")),
    ]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# (query parameter, label, kind). ``kind`` says how the facet counts are computed.
FACETS = [
    ("stage", _("Stage"), "m2m"),
    ("capability", _("Capability"), "m2m"),
    ("data_type", _("Data type"), "m2m"),
    ("phase", _("Investigation phase"), "m2m"),
    ("deployment", _("Deployment"), "array"),
    ("cost", _("Cost model"), "column"),
    ("open_source", _("Open source"), "column"),
    ("language", _("Language"), "array"),
    ("provider_kind", _("Provider kind"), "provider"),
    ("provider_country", _("Provider country"), "provider"),
]
FACET_NAMES = [name for name, _label, _kind in FACETS]

# For the m2m facets: the array of term ids denormalised on Tool.
M2M_FACETS = {
    "stage": "stage_ids",
    "capability": "capability_ids",
    "data_type": "data_type_ids",
    "phase": "phase_ids",
}


class SearchField(forms.CharField):
    """Free text: trimmed, bounded, no NUL characters (CharField already refuses those)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class ToolFilter(django_filters.FilterSet):
    """Validates and applies the facets of the list page; search and sort are read here too
    (so that one form carries every state of the page) but applied by the selector."""

    q = django_filters.CharFilter(
        label=_("Search"), method="ignore", max_length=SEARCH_MAX_LENGTH, strip=True
    )
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), method="filter_facet")
    capability = django_filters.MultipleChoiceFilter(label=_("Capability"), method="filter_facet")
    data_type = django_filters.MultipleChoiceFilter(label=_("Data type"), method="filter_facet")
    phase = django_filters.MultipleChoiceFilter(
        label=_("Investigation phase"), method="filter_facet"
    )
    deployment = django_filters.MultipleChoiceFilter(
        label=_("Deployment"), choices=Deployment.choices, method="filter_facet"
    )
    cost = django_filters.MultipleChoiceFilter(
        label=_("Cost model"),
        choices=CostModel.choices,
        method="filter_facet",
    )
    open_source = django_filters.MultipleChoiceFilter(
        label=_("Open source"), choices=YES_NO, method="filter_facet"
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_facet"
    )
    provider_kind = django_filters.MultipleChoiceFilter(
        label=_("Provider kind"),
        choices=Provider.Kind.choices,
        method="filter_facet",
    )
    provider_country = django_filters.MultipleChoiceFilter(
        label=_("Provider country"),
        choices=lambda: list(countries),
        method="filter_facet",
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=Sort.CHOICES, method="ignore")

    class Meta:
        model = Tool
        fields = []

    def __init__(self, data=None, queryset=None, *, terms: dict, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.terms = terms
        self.term_ids = {name: {t.slug: t.id for t in terms[name]} for name in M2M_FACETS}
        for name in M2M_FACETS:
            self.filters[name].extra["choices"] = [(t.slug, t.name) for t in terms[name]]
        self.form.fields["q"].widget.attrs.update(
            {"type": "search", "autocomplete": "off", "maxlength": SEARCH_MAX_LENGTH}
        )
        self.form.fields["sort"].empty_label = None

    # Filter methods -------------------------------------------------------------------------
    def ignore(self, queryset, name, value):
        return queryset

    def filter_facet(self, queryset, name, value):
        return queryset.filter(self.facet_q(name, value)) if value else queryset

    def m2m_ids(self, facet: str, slugs) -> list[int]:
        return [self.term_ids[facet][slug] for slug in slugs if slug in self.term_ids[facet]]

    def facet_q(self, name: str, values) -> Q:
        """The condition for one facet: any of the chosen values."""
        values = list(values)
        if name in M2M_FACETS:
            return Q(**{f"{M2M_FACETS[name]}__overlap": self.m2m_ids(name, values)})
        if name == "deployment":
            return Q(deployment__overlap=values)
        if name == "language":
            return Q(languages__overlap=values)
        if name == "open_source":
            return Q() if set(values) == {"yes", "no"} else Q(open_source=("yes" in values))
        if name == "cost":
            return Q(cost_model__in=values)
        if name == "provider_kind":
            return Q(provider__kind__in=values)
        if name == "provider_country":
            return Q(provider__country__in=values)
        raise ValueError(name)

    # For the selector -----------------------------------------------------------------------
    def cleaned(self, name: str):
        if not hasattr(self, "_cleaned"):
            self.form.is_valid()
            self._cleaned = dict(self.form.cleaned_data)
        return self._cleaned.get(name)

    def active_facets(self) -> dict[str, list[str]]:
        """The facets with values chosen (valid values only), in display order."""
        if not hasattr(self, "_active"):
            self._active = {
                name: list(self.cleaned(name)) for name in FACET_NAMES if self.cleaned(name)
            }
        return self._active

    def queryset_without(self, queryset: QuerySet, facet: str | None) -> QuerySet:
        """``queryset`` with every chosen facet applied, except ``facet``."""
        for name, value in self.active_facets().items():
            if name != facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
