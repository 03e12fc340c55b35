"""Account reads that views share."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from hub.models import MemberSession, User


def member_sessions(*, user: User) -> list[MemberSession]:
    """The member's sessions that can still be used: not ended, not idle past the limit, not
    older than the absolute limit (hub.middleware.SessionLifetimeMiddleware), newest first."""
    now = timezone.now()
    return list(
        MemberSession.objects.for_user(user).filter(
            session_key__in=Session.objects.filter(expire_date__gt=now).values("session_key"),
            # The last request is noted at most once a minute.
            last_seen_at__gte=now - timedelta(seconds=settings.SESSION_IDLE_TIMEOUT + 60),
            created_at__gte=now - timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT),
        )
    )
