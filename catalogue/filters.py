"""The catalogue's facets as a django-filter FilterSet.

Within one facet the chosen values are alternatives (any of them); across facets they all
apply. ``queryset_without(name)`` applies every facet except one, which is what the facet
counts need ("how many tools would match if I also chose this value").
"""

import django_filters
from django import forms
from django.db.models import QuerySet
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

# For the m2m facets: the relation on Tool, and its through table's term column.
M2M_FACETS = {
    "stage": ("stages", "stage_id"),
    "capability": ("capabilities", "capability_id"),
    "data_type": ("data_types", "datatype_id"),
    "phase": ("phases", "phase_id"),
}


def _through(relation: str):
    return getattr(Tool, relation).through


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
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), method="filter_stage")
    capability = django_filters.MultipleChoiceFilter(
        label=_("Capability"), method="filter_capability"
    )
    data_type = django_filters.MultipleChoiceFilter(label=_("Data type"), method="filter_data_type")
    phase = django_filters.MultipleChoiceFilter(
        label=_("Investigation phase"), method="filter_phase"
    )
    deployment = django_filters.MultipleChoiceFilter(
        label=_("Deployment"), choices=Deployment.choices, method="filter_deployment"
    )
    cost = django_filters.MultipleChoiceFilter(
        label=_("Cost model"),
        choices=CostModel.choices,
        field_name="cost_model",
        distinct=False,
    )
    open_source = django_filters.MultipleChoiceFilter(
        label=_("Open source"), choices=YES_NO, method="filter_open_source"
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_language"
    )
    provider_kind = django_filters.MultipleChoiceFilter(
        label=_("Provider kind"),
        choices=Provider.Kind.choices,
        field_name="provider__kind",
        distinct=False,
    )
    provider_country = django_filters.MultipleChoiceFilter(
        label=_("Provider country"),
        choices=lambda: list(countries),
        field_name="provider__country",
        distinct=False,
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=Sort.CHOICES, method="ignore")

    class Meta:
        model = Tool
        fields = []

    def __init__(self, data=None, queryset=None, *, terms: dict, **kwargs):
        super().__init__(data, queryset, **kwargs)
        for name in M2M_FACETS:
            self.filters[name].extra["choices"] = [(t.slug, t.name) for t in terms[name]]
        self.form.fields["q"].widget.attrs.update(
            {"type": "search", "autocomplete": "off", "maxlength": SEARCH_MAX_LENGTH}
        )
        self.form.fields["sort"].empty_label = None

    # Filter methods -------------------------------------------------------------------------
    def ignore(self, queryset, name, value):
        return queryset

    def _filter_m2m(self, queryset, facet: str, value):
        if not value:
            return queryset
        relation, column = M2M_FACETS[facet]
        through = _through(relation)
        term_model = getattr(Tool, relation).field.related_model
        ids = term_model.objects.filter(slug__in=value).values("pk")
        return queryset.filter(
            pk__in=through.objects.filter(**{f"{column}__in": ids}).values("tool_id")
        )

    def filter_stage(self, queryset, name, value):
        return self._filter_m2m(queryset, "stage", value)

    def filter_capability(self, queryset, name, value):
        return self._filter_m2m(queryset, "capability", value)

    def filter_data_type(self, queryset, name, value):
        return self._filter_m2m(queryset, "data_type", value)

    def filter_phase(self, queryset, name, value):
        return self._filter_m2m(queryset, "phase", value)

    def filter_deployment(self, queryset, name, value):
        return queryset.filter(deployment__overlap=list(value)) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__overlap=list(value)) if value else queryset

    def filter_open_source(self, queryset, name, value):
        if not value or set(value) == {"yes", "no"}:
            return queryset
        return queryset.filter(open_source=("yes" in value))

    # For the selector -----------------------------------------------------------------------
    def cleaned(self, name: str):
        if not hasattr(self.form, "cleaned_data"):
            self.form.is_valid()
        return self.form.cleaned_data.get(name)

    def active_facets(self) -> dict[str, list[str]]:
        """The facets with values chosen (valid values only), in display order."""
        self.errors  # noqa: B018 - validates the form
        return {name: list(self.cleaned(name)) for name in FACET_NAMES if self.cleaned(name)}

    def queryset_without(self, queryset: QuerySet, facet: str | None) -> QuerySet:
        """``queryset`` with every chosen facet applied, except ``facet``."""
        for name, value in self.active_facets().items():
            if name != facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
