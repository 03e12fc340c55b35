"""FilterSets for the instrument list. Bad values make the FilterSet invalid; the view then
answers 400 with the form's own messages."""

import django_filters
from django import forms
from django.db.models import F, Max, Q
from django.utils.translation import gettext_lazy as _

from hub.widgets import QuickSelect
from legislation.models import (
    Instrument,
    Jurisdiction,
    Level,
    Participation,
    Region,
    Topic,
)


class InstrumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, citation…")}),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="jurisdiction__region",
        choices=Region.choices,
        empty_label=_("All regions"),
    )
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("Jurisdiction"),
        queryset=Jurisdiction.objects.all(),
        to_field_name="code",
        method="applying_to",
        empty_label=_("All jurisdictions"),
        widget=QuickSelect,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="covering",
        empty_label=_("All topics"),
        widget=QuickSelect,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=Instrument.Type.choices, empty_label=_("All types")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Instrument.Status.choices, empty_label=_("Any status")
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        method="in_year",
        min_value=1900,
        max_value=2100,
        help_text=_("A step on the timeline in this year."),
    )

    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("title", _("Title")), ("latest", _("Latest step first"))],
        method="sort_by",
        empty_label=_("Title"),
    )

    class Meta:
        model = Instrument
        fields = ["q", "region", "jurisdiction", "topic", "type", "status", "year", "sort"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(short_title__icontains=value)
            | Q(citation__icontains=value)
            | Q(summary__icontains=value)
            | Q(jurisdiction__name__icontains=value)
        )

    def applying_to(self, queryset, name, jurisdiction):
        """The jurisdiction's own instruments, the law of bodies it belongs to (EU law for
        EU members) and treaties it has ratified."""
        body_law = Q(jurisdiction__members=jurisdiction) & ~Q(
            type__in=[Instrument.Type.TREATY, Instrument.Type.PROTOCOL]
        )
        ratified = Q(
            pk__in=Participation.objects.filter(
                jurisdiction=jurisdiction, status=Participation.Status.RATIFIED
            ).values("treaty")
        )
        return queryset.filter(Q(jurisdiction=jurisdiction) | body_law | ratified).distinct()

    def covering(self, queryset, name, topic):
        return queryset.filter(
            coverages__topic=topic, coverages__level__in=[Level.EXPLICIT, Level.PARTIAL]
        ).distinct()

    def sort_by(self, queryset, name, value):
        if value == "latest":
            return queryset.annotate(latest_step=Max("events__date")).order_by(
                F("latest_step").desc(nulls_last=True), "short_title"
            )
        return queryset

    def in_year(self, queryset, name, value):
        return queryset.filter(events__date__year=int(value)).distinct()
