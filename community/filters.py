"""The directory's filters: country, region, language, expertise and tool."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalogue.models import Capability, Language, Stage, Tool
from community.models import CommunityProfile
from legislation.models import Jurisdiction, Region


class DirectoryFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="user__country", choices=list(countries)
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=[(value, label) for value, label in Region.choices if value != "global"],
        method="filter_region",
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, method="filter_language"
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Stage"),
        field_name="stages",
        to_field_name="slug",
        queryset=Stage.objects.all(),
    )
    capability = django_filters.ModelChoiceFilter(
        label=_("Capability"),
        field_name="capabilities",
        to_field_name="slug",
        queryset=Capability.objects.all(),
    )
    tool = django_filters.ModelChoiceFilter(
        label=_("Tool used"),
        field_name="tools",
        to_field_name="slug",
        queryset=Tool.objects.published().only("name", "slug"),
    )

    class Meta:
        model = CommunityProfile
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        codes = Jurisdiction.objects.states().in_region(value).values("code")
        return queryset.filter(user__country__in=codes)

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(languages__contains=[value])
