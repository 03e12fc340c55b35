"""Locale formats that complete Django's own (FORMAT_MODULE_PATH), and the list separator each
language writes between items: "a, b" in English, "أ، ب" in Arabic, "甲、乙" in Chinese."""

from django.utils.translation import pgettext


def list_separator() -> str:
    # Translators: written between the items of a list ("Images, Video"); Arabic uses "، ",
    # Chinese "、".
    return pgettext("list separator", ", ")


def join_list(items) -> str:
    return list_separator().join(str(item) for item in items)


def date_separator() -> str:
    # Translators: written between a weekday, a date and hours ("Tuesday, 1 September 2026,
    # 10:00–13:00"); Arabic uses "، ", Chinese a space.
    return pgettext("between a weekday, a date and hours", ", ")
