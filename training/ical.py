"""Calendar files (iCalendar, RFC 5545) for sessions: email attachments and the personal feed."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from training.models import Session

PRODID = "-//Global Hub//Training//EN"


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# SEQUENCE counts seconds from this moment: small enough for 32-bit calendar programs for a
# long time to come.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def session_uid(session: Session) -> str:
    """Stable per session, so a cancellation replaces the event a calendar already holds."""
    host = urlsplit(settings.SITE_URL).hostname or "globalhub"
    return f"training-session-{session.pk}@{host}"


def session_sequence(session: Session, changed_at: datetime | None = None) -> int:
    """The event's revision number: the later of the session's last change and the reader's
    own place's last change, in seconds. It only ever grows, so after "cancelled" (a change of
    the enrolment) a new enrolment's file (a later change) is newer still and a calendar takes
    it, and downloading the same file twice gives the same number."""
    latest = max(filter(None, [session.updated_at, changed_at]), default=SEQUENCE_EPOCH)
    return max(int((latest - SEQUENCE_EPOCH).total_seconds()), 0)


def session_event(
    session: Session,
    *,
    include_link: bool,
    cancelled: bool = False,
    changed_at: datetime | None = None,
) -> Event:
    """One VEVENT. The joining link is included only when the reader may see it.
    ``changed_at``: when the reader's own enrolment last changed (see ``session_sequence``)."""
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
        sequence=session_sequence(session, changed_at),
    )


def session_ics(
    session: Session,
    *,
    include_link: bool,
    cancelled: bool = False,
    changed_at: datetime | None = None,
) -> bytes:
    event = session_event(
        session, include_link=include_link, cancelled=cancelled, changed_at=changed_at
    )
    calendar = Calendar.new(
        prodid=PRODID,
        method="CANCEL" if cancelled else "PUBLISH",
        subcomponents=[event],
    )
    return calendar.to_ical()


def feed_ics(*, sessions: list[Session], name: str) -> bytes:
    """The personal feed: sessions where the member holds a seat or teaches."""
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        subcomponents=[
            session_event(
                s,
                include_link=True,
                cancelled=s.is_cancelled,
                changed_at=getattr(s, "my_changed_at", None),
            )
            for s in sessions
        ],
    )
    return calendar.to_ical()
