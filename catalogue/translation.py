"""The taxonomy's names and descriptions in the portal's six languages (django-modeltranslation).

Each term keeps one row: ``name_en``, ``name_fr``... are columns of the same table, and
``term.name`` reads the active language's column, falling back to English. Lists therefore
read translations without a join, and the taxonomy cached per language keeps its one query.
"""

from modeltranslation.translator import TranslationOptions, register

from catalogue.models import Capability, DataType, Phase, Stage


@register([Stage, Capability, DataType, Phase])
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")
    # An empty translation is stored as NULL, so the unique names of the other languages
    # never collide on empty strings and the term falls back to English.
    empty_values = None
