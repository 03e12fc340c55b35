"""Sign-in events written to the security log (connected in HubConfig.ready)."""

import time

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import user_has_device

from hub import services, tasks
from hub.devices import device_label
from hub.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from hub.models import MemberSession, SecurityEvent, User, normalise_email
from hub.views import SECOND_FACTOR_PENDING, SECOND_STEP_SENDER


def _ip(request: HttpRequest | None) -> str | None:
    return get_client_ip_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="hub.signed_in")
def signed_in(sender: type, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    device = ""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
        if user_has_device(user):
            request.session[SECOND_FACTOR_PENDING] = True
        if not request.session.session_key:
            request.session.save()
        user_agent = request.headers.get("User-Agent", "")
        device = device_label(user_agent)
        services.member_session_record(
            user=user,
            session_key=request.session.session_key,
            user_agent=user_agent,
            ip=_ip(request),
        )
    seen = SecurityEvent.objects.for_user(user).filter(kind=SecurityEvent.Kind.SIGN_IN)
    new_device = device and seen.exists() and not seen.filter(detail__device=device).exists()
    services.security_event_record(
        kind=SecurityEvent.Kind.SIGN_IN, user=user, ip=_ip(request), detail={"device": device}
    )
    if new_device:
        tasks.deliver_security_notice.enqueue(
            user_id=user.pk, kind=SecurityEvent.Kind.SIGN_IN, device=device
        )


@receiver(user_logged_out, dispatch_uid="hub.signed_out")
def signed_out(
    sender: type, request: HttpRequest | None, user: User | None, **kwargs: object
) -> None:
    if request is not None and user is not None and request.session.session_key:
        MemberSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(user_login_failed, dispatch_uid="hub.sign_in_failed")
def sign_in_failed(
    sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    email = normalise_email(credentials.get("username") or "")[:254]
    user = User.objects.filter(email=email).first() if email else None
    services.security_event_record(
        kind=SecurityEvent.Kind.SECOND_FACTOR_FAILED
        if sender == SECOND_STEP_SENDER
        else SecurityEvent.Kind.SIGN_IN_FAILED,
        user=user,
        ip=_ip(request),
        # The address typed is kept only when it names no account, to see what was tried.
        detail={} if user else {"email": email},
    )
