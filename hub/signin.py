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

from hub import services
from hub.models import SecurityEvent, User, normalise_email


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

    def user_login_failed(
        self,
        sender: object,
        credentials: dict,
        request: HttpRequest | None = None,
        **kwargs: object,
    ) -> None:
        # Every failure during a lock is "locked out" again for axes (and extends the lock);
        # the security log records the moment the lock fell.
        was_locked = request is not None and self.is_locked(request, credentials)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not was_locked and getattr(request, "axes_locked_out", False):
            self.record_lockout(request, credentials)

    def record_lockout(self, request: HttpRequest, credentials: dict | None) -> None:
        email = (axes_username(request, credentials) or "")[:254]
        user = User.objects.filter(email=email).first() if email else None
        per_address = self.failures_from_address(request) >= settings.SIGN_IN_FAILURES_PER_ADDRESS
        services.security_event_record(
            kind=SecurityEvent.Kind.LOCKED_OUT,
            user=user,
            ip=request.axes_ip_address,
            detail={"client_address_locked": per_address, **({} if user else {"email": email})},
        )

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.failures_from_address(request) >= settings.SIGN_IN_FAILURES_PER_ADDRESS:
            return max(failures, get_failure_limit(request, credentials))
        return failures
