"""Topic and criterion wording in the portal's six languages (django-modeltranslation).

``topic.name`` and ``criterion.label`` read the active language's column (``name_fr``...)
and fall back to English; curators edit every language on the admin's tabs.
"""

from modeltranslation.translator import TranslationOptions, register

from legislation.models import Criterion, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("label", "text")
