"""The list page's query parameters as a django-filter FilterSet.

The facet filters are generated from ``catalogue.facets.FACETS`` (the one definition of each
facet); search and sort are read here too, so that one form validates every state of the
page, but the selector applies them. ``queryset_without(name)`` applies every chosen facet
except one, which is what the facet counts need ("how many tools would match if I also
chose this value").
"""

from collections import OrderedDict

import django_filters
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.facets import FACET_NAMES, FACETS, FACETS_BY_NAME, TERM_FACETS
from catalogue.models import Tool

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


class ToolFilter(django_filters.FilterSet):
    """Validates the list page's parameters and applies its facets."""

    q = django_filters.CharFilter(
        label=_("Search"), method="ignore", max_length=SEARCH_MAX_LENGTH, strip=True
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=Sort.CHOICES, method="ignore")

    class Meta:
        model = Tool
        fields: list[str] = []

    @classmethod
    def get_filters(cls) -> OrderedDict:
        """Search first, then one filter per facet of the registry, then sort."""
        declared = super().get_filters()
        filters = OrderedDict(q=declared["q"])
        filters.update((facet.name, facet.filter()) for facet in FACETS)
        filters["sort"] = declared["sort"]
        return filters

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet | None = None,
        *,
        terms: dict,
        **kwargs: object,
    ) -> None:
        super().__init__(data, queryset, **kwargs)
        self.terms = terms
        for facet in TERM_FACETS.values():
            self.filters[facet.name].extra["choices"] = facet.choices_for(terms)
        self.form.fields["q"].widget.attrs.update(
            {"type": "search", "autocomplete": "off", "maxlength": SEARCH_MAX_LENGTH}
        )
        self.form.fields["sort"].empty_label = None

    # Filter methods -------------------------------------------------------------------------
    def ignore(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset

    def filter_facet(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(self.facet_q(name, value)) if value else queryset

    def facet_q(self, name: str, values: list[str]) -> Q:
        """The condition for one facet: any of the chosen values."""
        return FACETS_BY_NAME[name].q(values, terms=self.terms)

    # For the selector -----------------------------------------------------------------------
    def cleaned(self, name: str) -> str | list[str] | None:
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
