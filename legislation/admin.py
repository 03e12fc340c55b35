"""Curation of the legislation tracker: instruments with their timeline, coverage, sources,
relations and treaty participation inline; jurisdictions with their assessments inline, a
"last checked" date and a stale list; CSV import (with a preview) of assessments and treaty
participation in the columns researchers use; the data checks page; bulk "mark verified
today" and a CSV export of the criteria matrix. Changes to jurisdictions, instruments, events,
coverage, assessments and participation are kept in the audit trail (django-pghistory)."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from legislation import selectors, services
from legislation.loader import LoadError, participation_values
from legislation.models import (
    STALE_AFTER_DAYS,
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
    fields = [
        "jurisdiction",
        "status",
        "signed_on",
        "ratified_on",
        "consent_kind",
        "entry_into_force",
        "source_url",
        "verified",
    ]
    autocomplete_fields = ["jurisdiction"]


class AssessmentForm(forms.ModelForm):
    """A "yes" or "partly" must cite articles of a recorded instrument that binds the state."""

    class Meta:
        model = Assessment
        fields = [
            "jurisdiction",
            "criterion",
            "answer",
            "instrument",
            "article",
            "note",
            "source_url",
            "assessed_on",
            "verified",
            "last_verified",
        ]

    def clean(self):
        data = super().clean()
        jurisdiction = data.get("jurisdiction") or getattr(self.instance, "jurisdiction", None)
        if jurisdiction is not None and data.get("answer"):
            try:
                services.assessment_check_citation(
                    jurisdiction=jurisdiction,
                    answer=data["answer"],
                    instrument=data.get("instrument"),
                    article=data.get("article") or "",
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
        return data


class AssessmentInline(admin.TabularInline):
    model = Assessment
    form = AssessmentForm
    extra = 0
    fields = ["criterion", "answer", "instrument", "article", "note", "assessed_on", "verified"]
    autocomplete_fields = ["instrument"]


# CSV import -------------------------------------------------------------------------------------
class VerifiedWidget(widgets.Widget):
    """``yes`` / ``unverified`` in files, a boolean in the database."""

    def clean(self, value, row=None, **kwargs):
        return str(value or "yes").strip().lower() in {"yes", "y", "true", "1", "verified"}

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "unverified"


class AssessmentResource(resources.ModelResource):
    """Rows as researchers write them: jurisdiction (alpha-2), criterion (slug), answer,
    instrument (slug), articles, note, source_url, assessed_on (ISO date), verified. Each row
    is saved through ``services.assessment_record``, which refuses a "yes" or "partly" that does
    not cite articles of a recorded instrument binding the jurisdiction."""

    jurisdiction = fields.Field(
        attribute="jurisdiction",
        column_name="jurisdiction",
        widget=widgets.ForeignKeyWidget(Jurisdiction, field="code"),
    )
    criterion = fields.Field(
        attribute="criterion",
        column_name="criterion",
        widget=widgets.ForeignKeyWidget(Criterion, field="slug"),
    )
    answer = fields.Field(attribute="answer", column_name="answer")
    instrument = fields.Field(
        attribute="instrument",
        column_name="instrument",
        widget=widgets.ForeignKeyWidget(Instrument, field="slug"),
    )
    articles = fields.Field(attribute="article", column_name="articles")
    note = fields.Field(attribute="note", column_name="note")
    source_url = fields.Field(attribute="source_url", column_name="source_url")
    assessed_on = fields.Field(
        attribute="assessed_on", column_name="assessed_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    verified = fields.Field(attribute="verified", column_name="verified", widget=VerifiedWidget())

    class Meta:
        model = Assessment
        import_id_fields = ["jurisdiction", "criterion"]
        fields = [
            "jurisdiction",
            "criterion",
            "answer",
            "instrument",
            "articles",
            "note",
            "source_url",
            "assessed_on",
            "verified",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.jurisdiction_id:
            services.assessment_check_citation(
                jurisdiction=instance.jurisdiction,
                answer=instance.answer,
                instrument=instance.instrument,
                article=instance.article or "",
            )

    def do_instance_save(self, instance, is_create):
        saved = services.assessment_record(
            jurisdiction=instance.jurisdiction,
            criterion=instance.criterion,
            answer=instance.answer,
            instrument=instance.instrument,
            article=instance.article or "",
            note=instance.note or "",
            source_url=instance.source_url or "",
            verified=instance.verified,
            on=instance.assessed_on,
        )
        instance.pk = saved.pk


def _iso(value, precision: str) -> str:
    if not value:
        return ""
    return {"month": value.strftime("%Y-%m"), "year": value.strftime("%Y")}.get(
        precision, value.isoformat()
    )


class ParticipationResource(resources.ModelResource):
    """Rows as researchers write them: state (alpha-2), treaty (opsc, cets201, ets185, cets224,
    uncc), signed, consent, consent_kind, entry_into_force (ISO dates, or YYYY-MM), reservations,
    source_url, read_on, verified. Saved through ``services.participation_record``."""

    state = fields.Field(
        attribute="jurisdiction",
        column_name="state",
        widget=widgets.ForeignKeyWidget(Jurisdiction, field="code"),
    )
    treaty = fields.Field(
        attribute="treaty",
        column_name="treaty",
        widget=widgets.ForeignKeyWidget(Instrument, field="code"),
    )
    signed = fields.Field(column_name="signed")
    consent = fields.Field(column_name="consent")
    consent_kind = fields.Field(attribute="consent_kind", column_name="consent_kind")
    entry_into_force = fields.Field(column_name="entry_into_force")
    reservations = fields.Field(attribute="reservations", column_name="reservations")
    source_url = fields.Field(attribute="source_url", column_name="source_url")
    read_on = fields.Field(column_name="read_on")
    verified = fields.Field(attribute="verified", column_name="verified", widget=VerifiedWidget())

    class Meta:
        model = Participation
        import_id_fields = ["state", "treaty"]
        fields = [
            "state",
            "treaty",
            "signed",
            "consent",
            "consent_kind",
            "entry_into_force",
            "reservations",
            "source_url",
            "read_on",
            "verified",
        ]
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    def dehydrate_signed(self, obj):
        return _iso(obj.signed_on, obj.signed_precision)

    def dehydrate_consent(self, obj):
        return _iso(obj.ratified_on, obj.ratified_precision)

    def dehydrate_entry_into_force(self, obj):
        return _iso(obj.entry_into_force, obj.entry_into_force_precision)

    def dehydrate_read_on(self, obj):
        return obj.read_on.isoformat() if obj.read_on else ""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for name in ("state", "treaty"):
            try:
                self.import_field(self.fields[name], instance, row, **kwargs)
            except ValueError as error:
                errors[name] = str(error)
        try:
            values = participation_values(
                {k: str(v or "") for k, v in row.items()}, where=_("this row")
            )
        except LoadError as error:
            errors["source_url" if "source_url" in str(error) else "ratified_on"] = str(error)
        else:
            for key, value in values.items():
                setattr(instance, key, value)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        values = {
            f.name: getattr(instance, f.name)
            for f in Participation._meta.concrete_fields
            if f.name not in {"id", "jurisdiction", "treaty"}
        }
        saved = services.participation_record(
            jurisdiction=instance.jurisdiction, treaty=instance.treaty, values=values
        )
        instance.pk = saved.pk


class StaleFilter(admin.SimpleListFilter):
    title = _("last checked")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Stale (over 12 months or never)")),
            ("current", _("Checked within 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "current":
            cutoff = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
            return queryset.filter(last_checked__gte=cutoff)
        return queryset


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
    list_filter = [
        "type",
        "status",
        "verified",
        "jurisdiction__region",
        "jurisdiction__kind",
        "last_verified",
    ]
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
        (None, {"fields": ["jurisdiction", "title", "short_title", "slug", "citation", "code"]}),
        (
            _("Status"),
            {"fields": ["type", "status", "status_note", "verified", "read_on", "last_verified"]},
        ),
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
    list_display = ["name", "code", "kind", "region", "last_checked"]
    list_filter = [StaleFilter, "kind", "region", "member_of"]
    search_fields = ["name", "code"]
    filter_horizontal = ["member_of"]
    date_hierarchy = "last_checked"
    save_on_top = True
    inlines = [AssessmentInline]
    actions = ["mark_checked_today", "export_matrix_csv"]

    def get_readonly_fields(self, request, obj=None):
        # Codes are the public addresses of profiles: fixed once created.
        return ["code", "audit_trail"] if obj else ["audit_trail"]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        return history_link(obj)

    def get_urls(self):
        urls = [
            path(
                "data-checks/",
                self.admin_site.admin_view(self.data_checks_view),
                name="legislation_jurisdiction_data_checks",
            )
        ]
        return urls + super().get_urls()

    def data_checks_view(self, request):
        """Where coverage and criteria contradict each other (``selectors.data_checks``)."""
        findings = selectors.data_checks()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Data checks"),
            "opts": self.model._meta,
            "findings": findings,
            "stale_count": Jurisdiction.objects.stale().count(),
        }
        return TemplateResponse(request, "admin/legislation/data_checks.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "data_checks_url": reverse("admin:legislation_jurisdiction_data_checks"),
        }
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Mark checked today"), permissions=["change"])
    def mark_checked_today(self, request, queryset):
        count = services.jurisdictions_mark_checked(jurisdictions=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d jurisdiction marked as checked today.",
                "%(count)d jurisdictions marked as checked today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the criteria matrix of the selected states as CSV"))
    def export_matrix_csv(self, request, queryset):
        codes = set(queryset.values_list("code", flat=True))
        response = HttpResponse(
            selectors.matrix_csv(codes=codes), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="criteria-matrix.csv"'
        return response


@admin.register(Assessment)
class AssessmentAdmin(ImportExportModelAdmin):
    form = AssessmentForm
    resource_classes = [AssessmentResource]
    list_display = [
        "jurisdiction",
        "criterion",
        "answer",
        "instrument",
        "article",
        "assessed_on",
        "verified",
        "last_verified",
    ]
    list_filter = [
        "answer",
        "verified",
        "criterion",
        "criterion__framework",
        "jurisdiction__region",
    ]
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

    def save_model(self, request, obj, form, change):
        saved = services.assessment_record(
            jurisdiction=obj.jurisdiction,
            criterion=obj.criterion,
            answer=obj.answer,
            instrument=obj.instrument,
            article=obj.article,
            note=obj.note,
            source_url=obj.source_url,
            verified=obj.verified,
            on=obj.assessed_on,
        )
        obj.pk = saved.pk

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
class TopicAdmin(TabbedTranslationAdmin):  # wording on one tab per language
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", *get_translation_fields("name", "description")]  # any language
    list_filter = ["capabilities"]
    filter_horizontal = ["capabilities"]
    save_on_top = True


@admin.register(Criterion)
class CriterionAdmin(TabbedTranslationAdmin):  # wording on one tab per language
    list_display = ["label", "framework", "text", "position"]
    list_filter = ["framework"]
    search_fields = ["slug", *get_translation_fields("label", "text")]  # any language
    save_on_top = True


@admin.register(Participation)
class ParticipationAdmin(ImportExportModelAdmin):
    resource_classes = [ParticipationResource]
    list_display = [
        "jurisdiction",
        "treaty",
        "status",
        "signed_on",
        "ratified_on",
        "consent_kind",
        "entry_into_force",
        "verified",
    ]
    list_filter = ["status", "verified", "consent_kind", "treaty"]
    readonly_fields = ["audit_trail"]

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        return history_link(obj)

    def save_model(self, request, obj, form, change):
        values = {
            f.name: getattr(obj, f.name)
            for f in Participation._meta.concrete_fields
            if f.name not in {"id", "jurisdiction", "treaty"}
        }
        saved = services.participation_record(
            jurisdiction=obj.jurisdiction, treaty=obj.treaty, values=values
        )
        obj.pk = saved.pk

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
