"""Curation of responsible-AI profiles, evidence and proposals. Every save goes through
``responsible.services``. Assessments are private to agencies and have no admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from responsible import services
from responsible.models import (
    Evidence,
    Principle,
    ProfileEntry,
    Proposal,
    Safeguard,
    SubPrinciple,
    ToolProfile,
)


class SubPrincipleInline(admin.TabularInline):
    model = SubPrinciple
    fields = ["position", "name", "slug", "question", "course_topics"]
    extra = 0


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_filter = ["position"]
    search_fields = ["name", "slug"]
    inlines = [SubPrincipleInline]


@admin.register(SubPrinciple)
class SubPrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "principle", "slug", "question", "position"]
    list_filter = ["principle"]
    search_fields = ["name", "slug", "question"]
    list_select_related = ["principle"]


class ProfileEntryInline(admin.TabularInline):
    model = ProfileEntry
    fields = ["sub_principle", "status", "text", "sources"]
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["date", "claim", "kind", "level", "source_url", "visibility"]
    extra = 0


class ToolProfileForm(forms.ModelForm):
    exposure_safeguards = forms.MultipleChoiceField(
        label=_("exposure safeguards"),
        choices=Safeguard.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What spares an analyst from seeing abusive material in full."),
    )

    class Meta:
        model = ToolProfile
        fields = ["tool", "exposure_safeguards", "human_review_documented"]


@admin.register(ToolProfile)
class ToolProfileAdmin(admin.ModelAdmin):
    form = ToolProfileForm
    list_display = ["tool", "human_review_documented", "exposure_safeguards", "updated_at"]
    list_filter = ["human_review_documented", "evidence__level"]
    search_fields = ["tool__name", "tool__slug"]
    autocomplete_fields = ["tool"]
    date_hierarchy = "updated_at"
    save_on_top = True
    inlines = [ProfileEntryInline, EvidenceInline]

    def save_model(self, request, obj, form, change):
        services.profile_update(
            tool=obj.tool,
            exposure_safeguards=obj.exposure_safeguards,
            human_review_documented=obj.human_review_documented,
        )

    def delete_model(self, request, obj):
        services.profile_delete(profile=obj)

    def delete_queryset(self, request, queryset):
        for profile in queryset.select_related("tool"):
            services.profile_delete(profile=profile)

    def save_formset(self, request, form, formset, change):
        save = {ProfileEntry: "profile_entry_save", Evidence: "evidence_save"}[formset.model]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if isinstance(obj, Evidence):
                services.evidence_delete(evidence=obj)
            else:
                obj.delete()
        for obj in instances:
            getattr(services, save)(**{"entry" if save.startswith("profile") else "evidence": obj})
        formset.save_m2m()


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["tool", "sub_principle", "doc_status", "proposed_by", "status", "created_at"]
    list_filter = ["status", "doc_status", "sub_principle__principle"]
    search_fields = ["tool__name", "proposed_by__email", "text"]
    raw_id_fields = ["tool", "proposed_by", "reviewed_by"]
    date_hierarchy = "created_at"
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "created_at"]
    list_select_related = ["tool", "sub_principle", "proposed_by"]
    actions = ["approve", "reject"]

    def _decide(self, request, queryset, service):
        done = 0
        for proposal in queryset:
            try:
                service(proposal=proposal, reviewed_by=request.user)
            except ValidationError as error:
                text = f"{proposal}: {' '.join(error.messages)}"
                self.message_user(request, text, messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d proposals decided.") % {"n": done})

    @admin.action(description=_("Approve: apply to the tool's profile"))
    def approve(self, request, queryset):
        self._decide(request, queryset, services.proposal_approve)

    @admin.action(description=_("Reject"))
    def reject(self, request, queryset):
        self._decide(request, queryset, services.proposal_reject)
