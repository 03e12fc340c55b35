import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Tool
from training.models import Course, Format, Level, Session, Topic, courses_with_upcoming_free_seats


class CourseFilter(django_filters.FilterSet):
    """The course catalogue's filters; every state is a plain GET query string."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Format.choices, empty_label=_("Any format")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Level.choices, empty_label=_("Any level")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("Any language")
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, empty_label=_("Any topic")
    )
    starts_after = django_filters.DateFilter(
        label=_("Sessions from"),
        method="filter_dates",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_before = django_filters.DateFilter(
        label=_("Sessions until"),
        method="filter_dates",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    upcoming = django_filters.BooleanFilter(
        label=_("Only courses with upcoming sessions"),
        method="filter_upcoming",
        widget=forms.CheckboxInput,
    )
    tool = django_filters.CharFilter(
        label=_("Tool"), method="filter_tool", max_length=200, widget=forms.HiddenInput
    )
    seats = django_filters.BooleanFilter(
        label=_("Only courses with free seats"),
        method="filter_seats",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Course
        fields = ["q", "format", "level", "language", "topic"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_dates(self, queryset, name, value):
        # Both date fields are applied together, once, so a session must fall in the range.
        if name != "starts_after" and self.form.cleaned_data.get("starts_after"):
            return queryset
        after = self.form.cleaned_data.get("starts_after")
        before = self.form.cleaned_data.get("starts_before")
        sessions = Session.objects.scheduled().filter(course=OuterRef("pk"))
        if after:
            sessions = sessions.filter(starts_at__date__gte=after)
        if before:
            sessions = sessions.filter(starts_at__date__lte=before)
        return queryset.filter(Exists(sessions))

    def filter_upcoming(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Session.objects.upcoming().filter(course=OuterRef("pk"))))

    def filter_tool(self, queryset, name, value):
        """Courses that teach one catalogue tool (by slug), if the visitor may see that tool."""
        user = getattr(self.request, "user", None)
        tools = Tool.objects.visible_to(user).filter(slug=value)
        return queryset.filter(tools__in=tools).distinct()

    def filter_seats(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(courses_with_upcoming_free_seats())
