"""``{% load hub_lang %}``: text written in one language inside a page in another.

Tool, course and law texts are mostly written in English; on an Arabic page their punctuation
lands at the wrong end unless the element says its own language and direction, and readers
should know the text is not translated. ``<div{% text_lang "en" %}>`` adds ``lang="en"
dir="ltr"`` when the page is in another language (``dir="auto"`` when the language is not
known), and ``{% text_lang_note "en" %}`` a small "in English" note in the page's language.
Lists are joined with the page language's own separator (``{% list_separator %}``)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_bidi, get_language_info
from django.utils.translation import gettext as _

from hub.formats import date_separator as formats_date_separator
from hub.formats import join_list as formats_join_list
from hub.formats import list_separator as formats_list_separator

register = template.Library()

KNOWN = {code for code, _name in settings.LANGUAGES}
# Languages that write the names of languages in lower case inside a sentence.
LOWER_CASE_LANGUAGE_NAMES = {"es", "fr", "ru"}


def _same(code: str) -> bool:
    current = (get_language() or settings.LANGUAGE_CODE).lower()
    return current.split("-")[0] == code.lower().split("-")[0]


@register.simple_tag
def text_lang(code: str = "en") -> SafeString:
    code = (code or "").lower()
    if not code:
        return SafeString(' dir="auto"')
    if _same(code):
        return SafeString("")
    if code not in KNOWN:
        return format_html(' lang="{}" dir="auto"', code)
    direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.simple_tag
def text_lang_note(code: str = "en") -> SafeString:
    code = (code or "").lower()
    if not code or _same(code) or code not in KNOWN:
        return SafeString("")
    name = str(get_language_info(code)["name_translated"])
    if (get_language() or "").split("-")[0] in LOWER_CASE_LANGUAGE_NAMES:
        name = name[:1].lower() + name[1:]  # "(en anglais)", not "(en Anglais)"
    return format_html(
        '<small class="lang-note">{}</small>', _("(in %(language)s)") % {"language": name}
    )


@register.simple_tag
def list_separator() -> str:
    """``{% if not forloop.last %}{% list_separator %}{% endif %}``: the page language's comma."""
    return formats_list_separator()


@register.filter
def join_list(items) -> str:
    """``{{ labels|join_list }}``: items joined with the page language's list separator."""
    return formats_join_list(items)


@register.simple_tag
def date_separator() -> str:
    """``{{ when|date:"l" }}{% date_separator %}{{ when|local_time }}``."""
    return formats_date_separator()


@register.simple_tag
def back_arrow() -> str:
    """The arrow of a "back" link, pointing the way the page's language reads back."""
    return "→" if get_language_bidi() else "←"
