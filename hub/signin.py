"""Sign-in throttling (django-axes), counted the way sign-in matches accounts.

Two limits, both over the last hour (``AXES_COOLOFF_TIME``):

- per account and client address: ``AXES_FAILURE_LIMIT`` (5) failures lock that account for
  that address. The account is named by its normalised address (trimmed, lower case), the
  same spelling sign-in compares, so ``NAME@…``, ``Name@…`` and ``name@…`` share one count,
  and a correct sign-in clears only that account's count.
- per client address, across accounts: ``SIGN_IN_FAILURES_PER_ADDRESS`` (20 by default)
  failures lock every sign-in from that address. One address trying one password on many
  accounts (password spraying) stops there. Twenty is well above what a whole office behind
  one address mistypes in an hour, and far below what spraying needs to find a weak password.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from hub.models import normalise_email


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account a sign-in attempt names, spelt as sign-in compares it."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        value = credentials.get(field)
    else:
        value = getattr(request, "POST", {}).get(field)
    return normalise_email(value) if value is not None else None


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, per-client-address limit across accounts."""

    def failures_from_address(self, request: HttpRequest) -> int:
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.failures_from_address(request) >= settings.SIGN_IN_FAILURES_PER_ADDRESS:
            return max(failures, get_failure_limit(request, credentials))
        return failures
