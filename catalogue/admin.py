"""Curation in the admin: the tool workflow, verification dates, taxonomy, audit trail,
and CSV import/export for bulk edits."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields
from pghistory.models import Events

from catalogue import services
from catalogue.models import (
    STALE_AFTER_DAYS,
    Capability,
    DataType,
    Deployment,
    Language,
    Phase,
    Provider,
    Shortlist,
    ShortlistItem,
    Stage,
    Tool,
)
from hub.models import User

# Taxonomy ---------------------------------------------------------------------------------


class TaxonomyAdmin(TabbedTranslationAdmin):
    """Names and descriptions on one tab per language; an empty tab falls back to English."""

    list_display = ["name", "slug", "position", "tool_total"]
    list_editable = ["position"]
    list_filter: list = []
    # A term is found by its name or description in any language.
    search_fields = ["slug", *get_translation_fields("name", "description")]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tool_total=Count("tools"))

    @admin.display(description=_("tools"), ordering="tool_total")
    def tool_total(self, obj):
        return obj.tool_total


for taxonomy_model in (Stage, Capability, DataType, Phase):
    admin.site.register(taxonomy_model, TaxonomyAdmin)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "is_demo", "updated_at"]
    list_filter = ["kind", "country", "is_demo"]
    search_fields = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "created_at"


# Tools ------------------------------------------------------------------------------------


class ToolResource(resources.ModelResource):
    """CSV rows for bulk curation; tools are matched by slug, terms by slug, the provider by
    name. List fields (deployment, languages) and terms use ``|`` between values.

    Rows are saved through ``services.tool_save``, like the admin form: a row's ``status``
    moves the tool along the workflow or is refused with an error on that row; the
    ``published_at`` column is exported but never imported (publishing stamps it)."""

    provider = fields.Field(
        attribute="provider",
        column_name="provider",
        widget=widgets.ForeignKeyWidget(Provider, field="name"),
    )
    stages = fields.Field(
        attribute="stages",
        column_name="stages",
        widget=widgets.ManyToManyWidget(Stage, field="slug", separator="|"),
    )
    capabilities = fields.Field(
        attribute="capabilities",
        column_name="capabilities",
        widget=widgets.ManyToManyWidget(Capability, field="slug", separator="|"),
    )
    data_types = fields.Field(
        attribute="data_types",
        column_name="data_types",
        widget=widgets.ManyToManyWidget(DataType, field="slug", separator="|"),
    )
    phases = fields.Field(
        attribute="phases",
        column_name="phases",
        widget=widgets.ManyToManyWidget(Phase, field="slug", separator="|"),
    )
    deployment = fields.Field(
        attribute="deployment",
        column_name="deployment",
        widget=widgets.SimpleArrayWidget(separator="|"),
    )
    languages = fields.Field(
        attribute="languages",
        column_name="languages",
        widget=widgets.SimpleArrayWidget(separator="|"),
    )

    class Meta:
        model = Tool
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
        fields = [
            "slug",
            "name",
            "provider",
            "summary",
            "description",
            "stages",
            "capabilities",
            "data_types",
            "phases",
            "deployment",
            "cost_model",
            "open_source",
            "licence",
            "languages",
            "skill_level",
            "hardware",
            "integrations",
            "accuracy_evidence",
            "evidence_links",
            "rai_lawfulness",
            "rai_harm_minimisation",
            "rai_human_autonomy",
            "rai_fairness",
            "rai_good_governance",
            "website",
            "contact",
            "pricing_details",
            "deployment_notes",
            "visibility",
            "status",
            "last_verified",
            "published_at",
            "is_demo",
        ]
        export_order = fields

    def import_instance(self, instance, row, **kwargs):
        """The row's fields, except its status and publication date: the status it asks for
        is checked against the workflow here (a refused move is this row's error in the
        preview, and nothing is imported) and made through ``services.tool_save``."""
        current = Tool.Status.DRAFT if instance._state.adding else instance.status
        published_at = instance.published_at
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.requested_status = instance.status or current
        instance.status, instance.published_at = current, published_at
        if "status" not in errors:
            try:
                services.tool_check_transition(current=current, target=instance.requested_status)
            except ValidationError as error:
                errors["status"] = error.messages
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if getattr(instance, "requested_status", instance.status) != instance.status:
            return False  # a status move is a change even when no field differs yet
        return super().skip_row(instance, original, row, import_validation_errors)

    def do_instance_save(self, instance, is_create):
        services.tool_save(tool=instance, status=instance.requested_status)

    def before_import(self, dataset, **kwargs):
        self._touched: list = []

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.object_id:
            self._touched.append(row_result.object_id)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run"):
            return
        for tool in Tool.objects.filter(pk__in=getattr(self, "_touched", [])):
            services.tool_index(tool=tool)


class StaleFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Stale (over 12 months or never)")),
            ("current", _("Verified within 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "current":
            cutoff = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
            return queryset.filter(last_verified__gte=cutoff)
        return queryset


class _ArrayValueFilter(admin.SimpleListFilter):
    """Tools whose list field (deployment, languages) contains the chosen value."""

    field_name = ""
    values: list = []

    def lookups(self, request, model_admin):
        return self.values

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_name}__contains": [self.value()]})
        return queryset


class DeploymentFilter(_ArrayValueFilter):
    title = _("deployment")
    parameter_name = "deployment"
    field_name = "deployment"
    values = Deployment.choices


class LanguageFilter(_ArrayValueFilter):
    title = _("language")
    parameter_name = "language"
    field_name = "languages"
    values = Language.choices


def _status_action(status: str, label):
    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for tool in queryset:
            try:
                services.tool_set_status(tool=tool, status=status)
                done += 1
            except ValidationError as error:
                refused.append(f"{tool}: {' '.join(error.messages)}")
        if done:
            modeladmin.message_user(
                request,
                ngettext("%(n)d tool updated.", "%(n)d tools updated.", done) % {"n": done},
                messages.SUCCESS,
            )
        for line in refused[:10]:
            modeladmin.message_user(request, line, messages.WARNING)

    action.__name__ = f"set_status_{status}"
    return admin.action(description=label, permissions=["change"])(action)


class ToolAdminForm(forms.ModelForm):
    """The admin builds the Meta (model, fieldsets' fields) around this.

    The status field asks for a move along the workflow: the form checks it with the
    service's rule (a refused move is an error on the field, in plain words) and validates
    the tool as it stands; ``ToolAdmin.save_model`` then saves it through
    ``services.tool_save``, which makes the move (and stamps the dates) or refuses it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance._state.adding
        self.current_status = Tool.Status.DRAFT if adding else self.instance.status
        self.target_status = self.current_status
        if "status" in self.fields:
            moves = [
                f"“{label}”"
                for value, label in Tool.Status.choices
                if value in services.TRANSITIONS[self.current_status]
            ]
            self.fields["status"].help_text = _(
                "Now “%(current)s”: it can move to %(moves)s. Publishing stamps the first "
                "publication date."
            ) % {"current": Tool.Status(self.current_status).label, "moves": ", ".join(moves)}
        if adding and "last_verified" in self.fields:
            # A curator entering a tool checks it against its provider: verified today.
            self.fields["last_verified"].initial = timezone.localdate
            self.fields["last_verified"].help_text = _("Left empty, today's date is recorded.")

    def clean(self):
        data = super().clean()
        target = data.get("status")
        if target:
            try:
                services.tool_check_transition(current=self.current_status, target=target)
            except ValidationError as error:
                self.add_error("status", error)
            else:
                self.target_status = target
                # The tool is validated as it stands; the workflow moves it when saved.
                data["status"] = self.current_status
        return data


@admin.register(Tool)
class ToolAdmin(ImportExportModelAdmin):
    form = ToolAdminForm
    resource_classes = [ToolResource]
    list_display = [
        "name",
        "provider",
        "status",
        "visibility",
        "last_verified",
        "stale_flag",
        "is_demo",
        "preview_link",
    ]
    list_filter = [
        "status",
        "visibility",
        StaleFilter,
        "stages",
        "capabilities",
        "data_types",
        "phases",
        DeploymentFilter,
        "cost_model",
        "open_source",
        LanguageFilter,
        "skill_level",
        "provider__kind",
        "provider__country",
        "is_demo",
    ]
    list_select_related = ["provider"]
    search_fields = ["name", "slug", "summary", "provider__name", "keywords"]
    autocomplete_fields = [
        "provider",
        "stages",
        "capabilities",
        "data_types",
        "phases",
        "successor",
    ]
    raw_id_fields = ["submitted_by"]
    date_hierarchy = "created_at"
    save_on_top = True
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "published_at", "preview_link", "audit_trail"]
    actions = [
        _status_action(Tool.Status.IN_REVIEW, _("Send to review")),
        _status_action(Tool.Status.PUBLISHED, _("Publish")),
        _status_action(Tool.Status.RETIRED, _("Retire")),
        _status_action(Tool.Status.DRAFT, _("Back to draft")),
        "mark_verified_today",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "provider", "status", "visibility", "is_demo"]}),
        (_("What it does"), {"fields": ["summary", "description", "stages", "capabilities"]}),
        (_("Data it works on"), {"fields": ["data_types", "phases", "languages"]}),
        (
            _("Deployment and requirements"),
            {
                "fields": [
                    "deployment",
                    "cost_model",
                    "open_source",
                    "licence",
                    "countries_available",
                    "skill_level",
                    "hardware",
                    "integrations",
                ]
            },
        ),
        (_("Evidence of accuracy"), {"fields": ["accuracy_evidence", "evidence_links"]}),
        (
            _("Responsible AI"),
            {
                "fields": [
                    "rai_lawfulness",
                    "rai_harm_minimisation",
                    "rai_human_autonomy",
                    "rai_fairness",
                    "rai_good_governance",
                ]
            },
        ),
        (
            _("Provider details (verified members only)"),
            {"fields": ["website", "contact", "pricing_details", "deployment_notes"]},
        ),
        (
            _("Curation"),
            {
                "fields": [
                    "last_verified",
                    "successor",
                    "submitted_by",
                    "review_note",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "preview_link",
                ]
            },
        ),
        (_("History"), {"fields": ["audit_trail"]}),
    ]

    @admin.display(description=_("stale"), boolean=True)
    def stale_flag(self, obj):
        return obj.is_stale

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_absolute_url(),
            _("Public page") if obj.status == Tool.Status.PUBLISHED else _("Preview"),
        )

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj):
        """Who changed what and when (recorded by database triggers, bulk updates too)."""
        if not obj.pk:
            return "—"
        events = list(Events.objects.tracks(obj).order_by("-pgh_created_at")[:25])
        user_ids = {
            (e.pgh_context or {}).get("user") for e in events if (e.pgh_context or {}).get("user")
        }
        users = {u.pk: u.email for u in User.objects.filter(pk__in=user_ids)}
        rows = []
        for event in events:
            context = event.pgh_context or {}
            who = users.get(context.get("user"), _("system or script"))
            diff = event.pgh_diff or {}
            changed = ", ".join(
                f"{name}: {_short(old)} → {_short(new)}"
                for name, (old, new) in diff.items()
                if name not in ("updated_at",)
            )
            if event.pgh_label == "update" and not changed:
                continue  # only the "updated" timestamp moved: nothing a curator needs
            rows.append(
                (
                    timezone.localtime(event.pgh_created_at).strftime("%Y-%m-%d %H:%M"),
                    who,
                    event.pgh_label,
                    changed or "—",
                )
            )
        history_url = reverse("admin:pghistory_events_changelist") + f"?obj=catalogue.tool:{obj.pk}"
        table = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            '<tbody>{}</tbody></table><p><a href="{}">{}</a></p>',
            _("When"),
            _("Who"),
            _("Event"),
            _("Changes"),
            table,
            history_url,
            _("All events for this tool"),
        )

    @admin.action(description=_("Mark verified today"), permissions=["change"])
    def mark_verified_today(self, request, queryset):
        count = 0
        for tool in queryset:
            services.tool_mark_verified(tool=tool)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d tool marked as verified today.",
                "%(n)d tools marked as verified today.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        services.tool_save(tool=obj, status=form.target_status)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.tool_index(tool=form.instance)


def _short(value, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Shortlists --------------------------------------------------------------------------------


class ShortlistItemInline(admin.TabularInline):
    model = ShortlistItem
    autocomplete_fields = ["tool"]
    extra = 0


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "item_total", "updated_at"]
    list_filter = ["updated_at"]
    search_fields = ["name", "owner__email"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created_at"
    inlines = [ShortlistItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("tools"), ordering="item_total")
    def item_total(self, obj):
        return obj.item_total


# The case finder's vocabulary (its admin lives with the finder).
from catalogue.finder import admin as finder_admin  # noqa: E402, F401
