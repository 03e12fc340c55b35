"""The case finder's vocabulary in the admin: curators add, correct and remove phrases.
Every save and delete goes through ``catalogue.finder.services``."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

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

    def save_model(self, request, obj, form, change):
        services.vocabulary_entry_save(entry=obj)

    def delete_model(self, request, obj):
        services.vocabulary_entry_delete(entry=obj)

    def delete_queryset(self, request, queryset):
        """The bulk "delete selected" action, one entry at a time through the service."""
        for entry in queryset:
            services.vocabulary_entry_delete(entry=entry)
