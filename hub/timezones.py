"""Time zones: every member has one (an IANA name such as ``Asia/Tokyo``); pages and emails
show times in it, always with the zone named, so nobody has to guess what "08:00" means."""

import zoneinfo
from datetime import datetime, tzinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from hub.formats import date_separator


@cache
def timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Every zone the server knows, sorted, for a select field (UTC first)."""
    names = sorted(n for n in timezone_names() if "/" in n and not n.startswith("Etc/"))
    return [("UTC", "UTC")] + [(n, n.replace("_", " ")) for n in names]


def is_timezone(value: str) -> bool:
    return bool(value) and value in timezone_names()


def validate_timezone(value: str) -> None:
    if not is_timezone(value):
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Paris."),
            params={"value": value},
            code="invalid_timezone",
        )


def get_zone(name: str | None) -> tzinfo:
    if name and is_timezone(name):
        return zoneinfo.ZoneInfo(name)
    return timezone.get_current_timezone()


def zone_label(moment: datetime) -> str:
    """The zone of an aware local time, the way people write it: its abbreviation (JST, CET)
    when it has one of letters, else its IANA name (Asia/Dubai rather than "+04")."""
    abbreviation = moment.tzname() or ""
    if abbreviation.isalpha():
        return abbreviation
    return str(getattr(moment.tzinfo, "key", "") or abbreviation)


def format_local(value: datetime | None, zone_name: str | None = None, fmt: str = "") -> str:
    """Date and time in the reader's zone (or ``zone_name``) in the active language's own
    format (Django's locale formats, so no hand-built month names), then the zone."""
    if value is None:
        return ""
    local = timezone.localtime(value, get_zone(zone_name)) if timezone.is_aware(value) else value
    text = formats.date_format(local, fmt or "DATETIME_FORMAT")
    return f"{text} {zone_label(local)}"


def format_local_span(
    start: datetime | None, end: datetime | None, zone_name: str | None = None
) -> str:
    """From-to in one zone: "1 July 2030, 10:00–13:00 CEST" within a day, else both in full."""
    if start is None or end is None:
        return format_local(start or end, zone_name)
    zone = get_zone(zone_name)
    first, last = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if first.date() != last.date():
        return f"{format_local(start, zone_name)} – {format_local(end, zone_name)}"
    day = formats.date_format(first, "DATE_FORMAT")
    hours = f"{formats.time_format(first)}–{formats.time_format(last)}"
    return f"{day}{date_separator()}{hours} {zone_label(first)}"
