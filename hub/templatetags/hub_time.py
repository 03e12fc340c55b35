"""``{% load hub_time %}``: times shown where the reader is, with the zone named.

``{{ session.starts_at|local_time }}`` is the reader's zone (activated from the member's
profile by ``hub.middleware.TimezoneMiddleware``, or by an email for its recipient);
``{{ session.starts_at|local_time:session.timezone_name }}`` is the time at the session.
``{{ value|local_time_short }}`` uses the shorter format, for tables;
``{% local_span session.starts_at session.ends_at session.timezone_name %}`` a from-to."""

from datetime import datetime

from django import template

from hub.timezones import format_local, format_local_span

register = template.Library()


@register.filter
def local_time(value: datetime | None, zone_name: str = "") -> str:
    return format_local(value, zone_name or None)


@register.filter
def local_time_short(value: datetime | None, zone_name: str = "") -> str:
    return format_local(value, zone_name or None, "SHORT_DATETIME_FORMAT")


@register.simple_tag
def local_span(start: datetime | None, end: datetime | None, zone_name: str = "") -> str:
    return format_local_span(start, end, zone_name or None)
