"""The case finder's vocabulary in the admin: curators add, correct and remove phrases.
Every save and delete goes through ``catalogue.finder.services``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.finder import services
from catalogue.models import VocabularyEntry


class VocabularyEntryForm(forms.ModelForm):
    class Meta:
        model = VocabularyEntry
        fields = ["phrase", "language", "kind", "term", "note"]

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("term"):
            try:
                services.validate_term(kind=data["kind"], term=data["term"].strip())
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(VocabularyEntry)
class VocabularyEntryAdmin(admin.ModelAdmin):
    form = VocabularyEntryForm
    list_display = ["phrase", "language", "kind", "term", "note", "updated_at"]
    list_filter = ["kind", "language", "term"]
    search_fields = ["phrase", "term", "note"]
    ordering = ["kind", "term", "language", "phrase"]
    date_hierarchy = "updated_at"
    save_on_top = True
    list_per_page = 100
    actions = ["delete_entries"]

    def save_model(self, request, obj, form, change):
        services.vocabulary_entry_save(entry=obj)

    def delete_model(self, request, obj):
        services.vocabulary_entry_delete(entry=obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by one that goes through the service
        return actions

    @admin.action(description=_("Delete the selected phrases"), permissions=["delete"])
    def delete_entries(self, request, queryset):
        count = 0
        for entry in queryset:
            services.vocabulary_entry_delete(entry=entry)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d phrase deleted.", "%(n)d phrases deleted.", count) % {"n": count},
            messages.SUCCESS,
        )
