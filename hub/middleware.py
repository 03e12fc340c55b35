"""Request checks shared by every page."""

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.middleware import OTPMiddleware

from hub.timezones import is_timezone

# SECOND_FACTOR_PENDING is set at sign-in for a member who has a second factor: until they
# use it in this session, every page but the second step (and signing out) sends them to it.
from hub.views import SECOND_FACTOR_PENDING, bad_request

# Session keys: when the member signed in, and when they last made a request (epoch seconds).
SIGNED_IN_AT = "hub.signed_in_at"
LAST_SEEN_AT = "hub.last_seen_at"

# C0 control characters and DEL, except tab, line feed and carriage return, which a text
# field may hold. PostgreSQL text cannot store NUL at all, and none of the others belongs in
# a slug, a code, a token or a search.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(request: HttpRequest) -> bool:
    if CONTROL_CHARACTERS.search(request.path_info):
        return True
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in request.GET.lists()
    )


class RejectControlCharactersMiddleware:
    """A path or query string holding a control character (``%00``…) is a 400 page, before
    any view can pass it to a query. Views therefore need no guard of their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request):
            return bad_request(request)
        return self.get_response(request)


# Browser features no page of the portal uses, switched off for every page and any frame.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class PrivacyHeadersMiddleware:
    """``Permissions-Policy`` on every response, and ``Cache-Control: private, no-store`` on
    every response that may show a member's data: anything answered to a signed-in member
    (My training, profile, shortlists, assessments, exports, calendar files) and any view
    marked with ``hub.access.member_data`` (pages opened by a secret link, signed in or not).
    Shared agency machines and proxies then keep no copy of them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if getattr(response, "member_data", False) or (user and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
            response.headers.pop("Expires", None)
        return response


class SessionLifetimeMiddleware:
    """Ends a session idle for ``SESSION_IDLE_TIMEOUT`` seconds, or older than
    ``SESSION_ABSOLUTE_TIMEOUT`` since sign-in, whatever the activity: agency machines are
    often shared. The time of the last request is written at most once a minute."""

    TOUCH_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in: the session is left untouched, so
        # anonymous pages do not vary by cookie.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
            if (
                now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - last_seen_at > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("You were signed out after a time; sign in again."))
            elif now - last_seen_at >= self.TOUCH_EVERY or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
                from hub.models import MemberSession

                if session.session_key:
                    MemberSession.objects.filter(session_key=session.session_key).update(
                        last_seen_at=timezone.now()
                    )
        return self.get_response(request)


class TimezoneMiddleware:
    """Show every time in the reader's zone: the member's own (profile); visitors who are not
    signed in read UTC (pages may be cached for every visitor alike). Times always carry
    their zone's name, so a UTC time is never mistaken for a local one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        name = user.time_zone if user is not None and user.is_authenticated else ""
        if is_timezone(name):
            timezone.activate(name)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware: ``request.user.otp_device`` is the second factor used in this
    session, or None. It does not install django-otp's ``user.is_verified()``, because
    ``User.is_verified`` already means a current verification by the curators here; use
    ``hub.access.second_factor_used(user)``."""

    @staticmethod
    def _init_user_fields(user: object) -> None:
        user.otp_device = None


# Views a member who still owes their second factor may open (namespace:name or namespace).
SECOND_STEP_OPEN = {"hub:mfa-verify", "hub:logout", "otp_webauthn", "javascript-catalog"}


class SecondFactorPendingMiddleware:
    """After the password, a member with a second factor must use it before any other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and request.session.get(SECOND_FACTOR_PENDING)):
            return None
        if getattr(user, "otp_device", None) is not None:
            return None
        match = request.resolver_match
        if match is not None and (
            match.view_name in SECOND_STEP_OPEN or match.namespace in SECOND_STEP_OPEN
        ):
            return None
        target = reverse("hub:mfa-verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
