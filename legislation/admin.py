"""Curation of the legislation tracker: instruments with their timeline, coverage, sources,
relations and treaty participation inline; jurisdictions with their assessments inline; bulk
"mark verified today" and a CSV export of the criteria matrix. Changes to instruments, events,
coverage, assessments and participation are kept in the audit trail (django-pghistory)."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from legislation import selectors, services
from legislation.models import (
    Assessment,
    Coverage,
    Criterion,
    Event,
    Instrument,
    Jurisdiction,
    Participation,
    Relation,
    Source,
    Topic,
)


def history_link(obj):
    """A link to this object's audit trail in pghistory's admin."""
    if not obj or not obj.pk:
        return "—"
    url = reverse("admin:pghistory_events_changelist")
    return format_html(
        '<a href="{}?obj={}:{}">{}</a>', url, obj._meta.label, obj.pk, _("Show changes")
    )


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["date", "date_precision", "kind", "title", "source_url", "note"]
    ordering = ["date"]


class CoverageInline(admin.TabularInline):
    model = Coverage
    extra = 0
    fields = ["topic", "level", "article", "note"]
    autocomplete_fields = ["topic"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


class RelationInline(admin.TabularInline):
    model = Relation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["jurisdiction", "status", "signed_on", "ratified_on", "reservations", "source_url"]
    autocomplete_fields = ["jurisdiction"]


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["criterion", "answer", "instrument", "article", "note", "assessed_on"]
    autocomplete_fields = ["instrument"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = [
        "short_title",
        "jurisdiction",
        "type",
        "status",
        "last_verified",
        "updated_at",
    ]
    list_filter = ["type", "status", "jurisdiction__region", "jurisdiction__kind", "last_verified"]
    search_fields = ["title", "short_title", "citation", "summary", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]
    prepopulated_fields = {"slug": ["short_title"]}
    date_hierarchy = "created_at"
    list_select_related = ["jurisdiction"]
    save_on_top = True
    readonly_fields = ["audit_trail"]
    inlines = [EventInline, CoverageInline, SourceInline, RelationInline, ParticipationInline]
    actions = ["mark_verified_today"]
    fieldsets = [
        (None, {"fields": ["jurisdiction", "title", "short_title", "slug", "citation"]}),
        (_("Status"), {"fields": ["type", "status", "status_note", "last_verified"]}),
        (_("Content"), {"fields": ["summary", "official_url", "audit_trail"]}),
    ]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        return history_link(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            # A status change is news: it becomes a dated step, and so reaches the feed.
            services.instrument_status_changed(instrument=obj)

    @admin.action(description=_("Mark verified today"), permissions=["change"])
    def mark_verified_today(self, request, queryset):
        count = services.instruments_mark_verified(instruments=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d instrument marked as verified today.",
                "%(count)d instruments marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region"]
    list_filter = ["kind", "region", "member_of"]
    search_fields = ["name", "code"]
    filter_horizontal = ["member_of"]
    save_on_top = True
    inlines = [AssessmentInline]
    actions = ["export_matrix_csv"]

    def get_readonly_fields(self, request, obj=None):
        # Codes are the public addresses of profiles: fixed once created.
        return ["code"] if obj else []

    @admin.action(description=_("Export the criteria matrix of the selected states as CSV"))
    def export_matrix_csv(self, request, queryset):
        codes = set(queryset.values_list("code", flat=True))
        response = HttpResponse(
            selectors.matrix_csv(codes=codes), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="criteria-matrix.csv"'
        return response


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "jurisdiction",
        "criterion",
        "answer",
        "instrument",
        "article",
        "assessed_on",
        "last_verified",
    ]
    list_filter = ["answer", "criterion", "criterion__framework", "jurisdiction__region"]
    search_fields = ["jurisdiction__name", "jurisdiction__code", "article", "note"]
    autocomplete_fields = ["jurisdiction", "instrument"]
    list_select_related = ["jurisdiction", "criterion", "instrument"]
    date_hierarchy = "assessed_on"
    save_on_top = True
    readonly_fields = ["audit_trail"]
    actions = ["mark_verified_today"]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        return history_link(obj)

    @admin.action(description=_("Mark verified today"), permissions=["change"])
    def mark_verified_today(self, request, queryset):
        count = services.assessments_mark_verified(assessments=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d assessment marked as verified today.",
                "%(count)d assessments marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "instrument", "kind"]
    list_filter = ["kind", "instrument__jurisdiction__region"]
    search_fields = ["title", "note", "instrument__short_title"]
    autocomplete_fields = ["instrument"]
    list_select_related = ["instrument"]
    date_hierarchy = "date"
    save_on_top = True


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    list_filter = ["capabilities"]
    filter_horizontal = ["capabilities"]
    save_on_top = True


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["label", "framework", "text", "position"]
    list_filter = ["framework"]
    search_fields = ["label", "text", "slug"]
    save_on_top = True


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "treaty", "status", "signed_on", "ratified_on"]
    list_filter = ["status", "treaty"]
    search_fields = ["jurisdiction__name", "treaty__short_title", "reservations"]
    autocomplete_fields = ["jurisdiction", "treaty"]
    list_select_related = ["jurisdiction", "treaty"]
    date_hierarchy = "ratified_on"
    save_on_top = True


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["instrument", "topic", "level", "article"]
    list_filter = ["level", "topic"]
    search_fields = ["instrument__short_title", "topic__name", "article", "note"]
    autocomplete_fields = ["instrument", "topic"]
    list_select_related = ["instrument", "topic"]
    save_on_top = True
