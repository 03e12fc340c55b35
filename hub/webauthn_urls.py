"""django-otp-webauthn's endpoints (passkeys), with the portal's own steps after a passkey is
registered or used: the security log, ending other sessions, the email, recovery codes."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.i18n import JavaScriptCatalog
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import AbstractWebAuthnCredential

from hub import services
from hub.access import second_factor_used
from hub.models import SecurityEvent
from hub.views import NEW_RECOVERY_CODES, SECOND_FACTOR_PENDING, SECOND_STEP_SENDER

app_name = "otp_webauthn"


class SecondFactorCheck:
    """``User.is_verified`` means verified by curators here, so the library's check for a
    second factor already used in this session is spelt with ``hub.access``."""

    def _check_user_verified(self, user: AbstractBaseUser) -> None:
        if not second_factor_used(user) and self.user_is_mfa_enrolled(user):
            raise exceptions.NotVerified(detail=self.messages["user_not_verified"])


class BeginRegistration(SecondFactorCheck, webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(SecondFactorCheck, webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args: object, **kwargs: object) -> JsonResponse:
        request: HttpRequest = self.request
        user = self.get_user()
        state = self.get_state()
        helper = self.get_helper()
        with webauthn_views.rewrite_exceptions(logger=webauthn_views._get_pywebauthn_logger()):
            device = helper.register_complete(user=user, state=state, data=request.data)
        if not second_factor_used(request.user):
            otp_login(request, device)
            request.session.pop(SECOND_FACTOR_PENDING, None)
        codes = services.passkey_added(
            user=user,
            keep_session_key=request.session.session_key,
            ip=get_client_ip_address(request),
        )
        if codes:
            request.session[NEW_RECOVERY_CODES] = codes
        return JsonResponse({"id": device.pk, "redirect_url": reverse("hub:passkey-added")})


class CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        """On the second step, a passkey that fails counts as a failed sign-in for the
        lockout, like a wrong code; once locked, the member is signed out."""
        second_step = request.user.is_authenticated and not second_factor_used(request.user)
        if second_step:
            credentials = {settings.AXES_USERNAME_FORM_FIELD: request.user.email}
            if AxesProxyHandler.is_locked(request, credentials):
                logout(request)
                return JsonResponse({"detail": _("Signing in is locked for now.")}, status=403)
        response = super().dispatch(request, *args, **kwargs)
        if second_step and response.status_code >= 400:
            user_login_failed.send(
                sender=SECOND_STEP_SENDER, credentials=credentials, request=request
            )
            if getattr(request, "axes_locked_out", False):
                logout(request)
        return response

    def complete_auth(self, device: AbstractWebAuthnCredential) -> None:
        request: HttpRequest = self.request
        if not request.user.is_authenticated:
            # Signing in with the passkey alone: refused to suspended and rejected members.
            user = authenticate(request, webauthn_credential=device)
            if user is None:
                raise exceptions.UserDisabled()
            login(request, user)
        otp_login(request, device)
        request.session.pop(SECOND_FACTOR_PENDING, None)
        services.security_event_record(
            kind=SecurityEvent.Kind.SECOND_FACTOR_USED,
            user=device.user,
            ip=get_client_ip_address(request),
            detail={"what": "passkey"},
        )


urlpatterns = [
    path(
        "registration/begin/",
        BeginRegistration.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn_views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
