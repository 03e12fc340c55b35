"""Sign-in events written to the security log (connected in HubConfig.ready)."""

import time

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from hub import services
from hub.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from hub.models import SecurityEvent, User, normalise_email


def _ip(request: HttpRequest | None) -> str | None:
    return get_client_ip_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="hub.signed_in")
def signed_in(sender: type, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
    services.security_event_record(kind=SecurityEvent.Kind.SIGN_IN, user=user, ip=_ip(request))


@receiver(user_login_failed, dispatch_uid="hub.sign_in_failed")
def sign_in_failed(
    sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    email = normalise_email(credentials.get("username") or "")[:254]
    user = User.objects.filter(email=email).first() if email else None
    services.security_event_record(
        kind=SecurityEvent.Kind.SIGN_IN_FAILED,
        user=user,
        ip=_ip(request),
        # The address typed is kept only when it names no account, to see what was tried.
        detail={} if user else {"email": email},
    )
