"""The enrolment rush that the benchmark (``bench/enrolment_bench.py``) and the load test
(``loadtest/run.py``) both stage: one published course for verified members, one session with
a few seats a fortnight ahead, and verified members already signed in, each with the cookies
of their browser.

Members are signed in the way the sign-in page leaves them: the session holds the member, the
authentication backend, the password hash check, when they signed in and when they were last
seen, and a "where you're signed in" row names the session. A rush is members who have the
session page open, so nothing of the sign-in is left to do on their first click.

Call after ``django.setup()``, against the database the portal under test uses.
"""

import secrets
import time
from dataclasses import dataclass


@dataclass
class Rush:
    session_id: int
    cookies: list[str]  # one Cookie header per member, in the order they were made
    emails: list[str]  # the same members' addresses


def build_rush(
    *,
    label: str,
    members: int,
    seats: int,
    csrf: str,
    password: str | None = None,
    starts_in_days: int = 14,
) -> Rush:
    """A fresh course and session with ``seats`` seats, and ``members`` verified members signed
    in with a cookie that also carries the CSRF secret ``csrf`` (sent back as a header or form
    field). With ``password`` the members can also sign in through the sign-in page."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from hub.middleware import LAST_SEEN_AT, SIGNED_IN_AT
    from hub.models import Agency, MemberSession, User
    from training.models import Course, Session

    stamp = secrets.token_hex(4)
    course = Course.objects.create(
        title=f"{label.capitalize()} rush {stamp} (fictional)",
        slug=f"{label}-rush-{stamp}",
        summary="A course made for a rush of enrolments (fictional).",
        format="online_live",
        level="introductory",
        topic="tool_training",
        is_published=True,
        is_demo=True,
        eligibility=Course.Eligibility.VERIFIED,
    )
    start = timezone.now() + timedelta(days=starts_in_days)
    session = Session.objects.create(
        course=course,
        format="online_live",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=seats,
    )
    agency, _ = Agency.objects.get_or_create(
        name=f"{label.capitalize()} agency (fictional)",
        defaults={"country": "FR", "kind": "police"},
    )
    now = timezone.now()
    hashed = make_password(password) if password else "!"  # "!": no password, cookie only
    users = User.objects.bulk_create(
        [
            User(
                email=f"{label}-{stamp}-{i}@{label}.globalhub.test",
                full_name=f"{label.capitalize()} member {i}",
                agency=agency,
                country="FR",
                verification_status=User.Verification.VERIFIED,
                verified_at=now,
                email_confirmed_at=now,
                password=hashed,
            )
            for i in range(members)
        ]
    )
    cookies, signed_in = [], []
    names = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[SIGNED_IN_AT] = store[LAST_SEEN_AT] = time.time()
        store.create()
        signed_in.append(MemberSession(session_key=store.session_key, user=user, ip="127.0.0.1"))
        cookies.append(f"{names[0]}={store.session_key}; {names[1]}={csrf}")
    MemberSession.objects.bulk_create(signed_in)
    return Rush(session_id=session.pk, cookies=cookies, emails=[u.email for u in users])
