"""Request checks shared by every page."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hub.timezones import is_timezone
from hub.views import bad_request

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
