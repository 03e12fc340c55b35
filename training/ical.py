"""Calendar files (iCalendar, RFC 5545) for sessions: email attachments and the personal feed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from training.models import Session

PRODID = "-//Global Hub//Training//EN"


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def session_uid(session: Session) -> str:
    """Stable per session, so a cancellation replaces the event a calendar already holds."""
    host = urlsplit(settings.SITE_URL).hostname or "globalhub"
    return f"training-session-{session.pk}@{host}"


def session_event(session: Session, *, include_link: bool, cancelled: bool = False) -> Event:
    """One VEVENT. The joining link is included only when the reader may see it."""
    course = session.course
    lines = [course.summary]
    if session.location:
        lines.append(session.location)
    if include_link and session.online_url:
        lines.append(_("Joining link: %(url)s") % {"url": session.online_url})
    lines.append(_site(session.get_absolute_url()))
    return Event.new(
        uid=session_uid(session),
        summary=course.title + (f" ({session.label})" if session.label else ""),
        start=session.starts_at,
        end=session.ends_at,
        stamp=timezone.now(),
        location=session.location or (_("Online") if session.has_online_part else None),
        description="\n".join(lines),
        url=_site(session.get_absolute_url()),
        status="CANCELLED" if cancelled else "CONFIRMED",
        sequence=1 if cancelled or session.is_cancelled else 0,
    )


def session_ics(session: Session, *, include_link: bool, cancelled: bool = False) -> bytes:
    calendar = Calendar.new(
        prodid=PRODID,
        method="CANCEL" if cancelled else "PUBLISH",
        subcomponents=[session_event(session, include_link=include_link, cancelled=cancelled)],
    )
    return calendar.to_ical()


def feed_ics(*, sessions: list[Session], name: str) -> bytes:
    """The personal feed: sessions where the member holds a seat or teaches."""
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        subcomponents=[
            session_event(s, include_link=True, cancelled=s.is_cancelled) for s in sessions
        ],
    )
    return calendar.to_ical()
