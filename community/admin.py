"""Curators' side of the community: contact rights, reported requests, field-report
moderation. Every change goes through ``community.services``."""

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community import services
from community.models import (
    Block,
    CommunityProfile,
    ContactRequest,
    DigestLog,
    FieldReport,
    Follow,
)

DEFAULT_SUSPENSION_REASON = _("Suspended by the curators after a report.")


class ProfileAdminForm(forms.ModelForm):
    suspend_contact = forms.BooleanField(label=_("Contact rights suspended"), required=False)

    class Meta:
        model = CommunityProfile
        fields = ["contact_suspended_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suspend_contact"].initial = self.instance.contact_suspended

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("suspend_contact") and not cleaned.get("contact_suspended_reason", ""):
            self.add_error("contact_suspended_reason", _("Say why contact is suspended."))
        return cleaned


@admin.register(CommunityProfile)
class CommunityProfileAdmin(admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = ["user", "is_listed", "digest_frequency", "contact_suspended_at", "updated_at"]
    list_filter = [
        "is_listed",
        "digest_frequency",
        ("contact_suspended_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    date_hierarchy = "updated_at"
    readonly_fields = ["user", "is_listed", "digest_frequency", "contact_suspended_at"]
    fields = [
        "user",
        "is_listed",
        "digest_frequency",
        "suspend_contact",
        "contact_suspended_reason",
        "contact_suspended_at",
    ]
    actions = ["suspend_contact_rights", "restore_contact_rights"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.contact_rights_set(
            user=obj.user,
            suspended=form.cleaned_data["suspend_contact"],
            reason=form.cleaned_data.get("contact_suspended_reason", ""),
            by=request.user,
            ip=get_client_ip_address(request),
        )

    @admin.action(description=_("Suspend contact rights"))
    def suspend_contact_rights(self, request, queryset):
        for profile in queryset.select_related("user"):
            services.contact_rights_set(
                user=profile.user,
                suspended=True,
                reason=str(DEFAULT_SUSPENSION_REASON),
                by=request.user,
                ip=get_client_ip_address(request),
            )
        messages.success(request, _("Contact rights suspended."))

    @admin.action(description=_("Restore contact rights"))
    def restore_contact_rights(self, request, queryset):
        for profile in queryset.select_related("user"):
            services.contact_rights_set(
                user=profile.user,
                suspended=False,
                by=request.user,
                ip=get_client_ip_address(request),
            )
        messages.success(request, _("Contact rights restored."))


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reported_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(reported_at__isnull=True)
        return queryset


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "status", "created_at", "reported_at"]
    list_filter = [ReportedFilter, "status"]
    search_fields = ["sender__email", "recipient__email", "message", "report_note"]
    list_select_related = ["sender", "recipient"]
    raw_id_fields = ["sender", "recipient", "tool"]
    date_hierarchy = "created_at"
    actions = ["suspend_senders"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Suspend the senders' contact rights"))
    def suspend_senders(self, request, queryset):
        senders = {contact.sender for contact in queryset.select_related("sender")}
        for sender in senders:
            services.contact_rights_set(
                user=sender,
                suspended=True,
                reason=str(DEFAULT_SUSPENSION_REASON),
                by=request.user,
                ip=get_client_ip_address(request),
            )
        messages.success(
            request, _("Contact rights suspended for %(n)d members.") % {"n": len(senders)}
        )


class FieldReportAdminForm(forms.ModelForm):
    hidden = forms.BooleanField(label=_("Hidden"), required=False)

    class Meta:
        model = FieldReport
        fields = ["hidden_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hidden"].initial = self.instance.is_hidden

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hidden") and not cleaned.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", _("Say why the report is hidden."))
        return cleaned


@admin.register(FieldReport)
class FieldReportAdmin(admin.ModelAdmin):
    form = FieldReportAdminForm
    list_display = ["tool", "agency", "stage", "case_kind", "still_used", "created_at", "hidden_at"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter), "case_kind", "still_used", "stage"]
    search_fields = ["tool__name", "went_wrong", "author__email"]
    list_select_related = ["tool", "agency", "stage"]
    autocomplete_fields = ["tool"]
    date_hierarchy = "created_at"
    save_on_top = True
    readonly_fields = [
        "tool",
        "author",
        "agency",
        "stage",
        "case_kind",
        "data_volume",
        "time_saved",
        "exposure_saved",
        "went_wrong",
        "still_used",
        "open_to_questions",
        "created_at",
        "hidden_at",
        "hidden_by",
    ]
    fields = [*readonly_fields[:-2], "hidden", "hidden_reason", "hidden_at", "hidden_by"]
    actions = ["show_again"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        try:
            services.field_report_moderate(
                report=obj,
                hidden=form.cleaned_data["hidden"],
                reason=form.cleaned_data.get("hidden_reason", ""),
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

    @admin.action(description=_("Show the selected reports again"))
    def show_again(self, request, queryset):
        for report in queryset:
            services.field_report_moderate(report=report, hidden=False, by=request.user)
        messages.success(request, _("Reports shown again."))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "object_id", "created_at"]
    list_filter = ["kind"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    search_fields = ["blocker__email", "blocked__email"]
    raw_id_fields = ["blocker", "blocked"]
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["user", "period_start", "period_end", "item_count", "sent"]
    list_filter = ["sent"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    date_hierarchy = "period_end"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
