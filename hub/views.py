import importlib
import sys
from base64 import b32encode
from urllib.parse import urlencode

import psycopg
import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from hub import search as hub_search
from hub import selectors, services, tokens
from hub.access import second_factor_required_for, second_factor_used
from hub.forms import (
    AuthenticatorCodeForm,
    ProfileForm,
    RecoveryCodeForm,
    RegistrationForm,
    SearchForm,
)
from hub.models import MemberSession, SecurityEvent, User

SECOND_FACTOR_PENDING = "hub.second_factor_pending"
# A wrong second-step code is a failed sign-in for django-axes, sent with this sender.
SECOND_STEP_SENDER = "hub.second_factor"

RETRY_AFTER_SECONDS = 30
# The latest security-log lines a member sees on their profile.
PROFILE_LOG_LINES = 20
# The apps whose selectors.site_search() feeds the site-wide search, in the order shown, and
# the list page of each that takes the same ``q``.
SEARCHED_APPS = [
    ("catalogue", _("Tools")),
    ("training", _("Training")),
    ("legislation", _("Legislation")),
]
SEARCH_LISTS = {
    "catalogue": "catalogue:tool-list",
    "training": "training:course-list",
    "legislation": "legislation:index",
}
SEARCH_SHOWN = 5
SEARCH_COUNT_MAX = 100  # totals above this show as "more than 100"


def home(request: HttpRequest) -> HttpResponse:
    from catalogue.selectors import stage_entry_points

    return render(request, "hub/home.html", {"stages": stage_entry_points()})


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    sections = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        for label, title in SEARCHED_APPS:
            sections.append(_search_section(label, title, query, request.user))
    status = 200 if form.is_valid() else 400
    return render(
        request,
        "hub/search.html",
        {
            "form": form,
            "query": query,
            "sections": sections,
            "found": any(s["results"] for s in sections),
        },
        status=status,
    )


def _search_section(label: str, title: str, query: str, user) -> dict:
    """One part's results: the first few, how many there are (up to a bound), the query used
    (corrected when the words as typed find nothing) and a link to that part's own list."""
    selectors = importlib.import_module(f"{label}.selectors")
    used, corrected = query, None
    results = selectors.site_search(query=query, user=user, limit=SEARCH_COUNT_MAX + 1)
    if not results:
        corrected = hub_search.corrected_text(label, query)
        if corrected:
            results = selectors.site_search(query=corrected, user=user, limit=SEARCH_COUNT_MAX + 1)
            used = corrected if results else query
            corrected = corrected if results else None
    return {
        "app": label,
        "title": title,
        "results": results[:SEARCH_SHOWN],
        "total": min(len(results), SEARCH_COUNT_MAX),
        "more": len(results) > SEARCH_COUNT_MAX,
        "corrected": corrected,
        "see_all": reverse(SEARCH_LISTS[label]) + "?" + urlencode({"q": used}),
    }


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("hub:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_register(
            email=data["email"],
            password=data["password1"],
            full_name=data["full_name"],
            agency_name=data["agency_name"],
            agency_kind=data["agency_kind"],
            country=data["country"],
            role=data["role"],
            time_zone=data["time_zone"],
            preferred_language=request.LANGUAGE_CODE,
        )
        return redirect("hub:register-done")
    return render(request, "registration/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/register_done.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    user = tokens.user_from_confirmation_token(token)
    if user is None:
        return render(request, "registration/confirm_invalid.html", status=400)
    services.user_confirm_email(user=user)
    messages.success(
        request,
        _("Thank you: your email address is confirmed. Staff will now verify your account."),
    )
    if request.user.is_authenticated:
        return redirect("hub:profile")
    return redirect("hub:login")


@login_required
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    if not request.user.email_confirmed:
        services.email_confirmation_resend(user=request.user)
        messages.info(request, _("We sent the confirmation message again."))
    return redirect("hub:profile")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("hub:profile")
    return render(
        request,
        "hub/profile.html",
        {
            "form": form,
            "account": request.user,
            "security_events": SecurityEvent.objects.for_user(request.user)[:PROFILE_LOG_LINES],
        },
    )


# Error pages -------------------------------------------------------------------------------


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


# Errors that mean the connection to PostgreSQL was lost or could not be had: Django's, and the
# driver's own (psycopg's, its pool's timeout among them), which reach a view unwrapped when
# they are raised outside Django's database layer.
CONNECTION_LOST = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def lost_connection(error: BaseException | None) -> bool:
    """True if ``error`` is a lost connection, or was raised while handling one (a rollback or
    a clean-up that failed in turn, whatever its type): the cause is the database going away."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, CONNECTION_LOST):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the cause is that PostgreSQL cannot be reached: the
    request lost its connection (a restart: PostgreSQL may already be back when this runs), or
    PostgreSQL does not answer now."""
    if lost_connection(sys.exception()) or database_is_down():
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def database_is_down() -> bool:
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        # Logged once, by django.request, through hub.log_filters.DatabaseOutageOneLine.
        return True
    return False


# Password changes, recorded in the security log ---------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        session = self.request.session
        old_key = session.session_key
        # Django keeps this session signed in under a new key; every other session ends.
        response = super().form_valid(form)
        MemberSession.objects.filter(session_key=old_key).update(session_key=session.session_key)
        services.member_sessions_end(
            user=form.user, keep_session_key=session.session_key, record=False
        )
        services.security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            ip=get_client_ip_address(self.request),
        )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        services.member_sessions_end(user=form.user, record=False)
        services.security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            ip=get_client_ip_address(self.request),
            detail={"by": "reset link"},
        )
        return response


# Second factor -------------------------------------------------------------------------------

NEW_RECOVERY_CODES = "hub.new_recovery_codes"


def _next_url(request: HttpRequest, fallback: str = "hub:profile") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


def _second_factors(user: User) -> dict:
    return {
        "totp_devices": list(TOTPDevice.objects.filter(user=user, confirmed=True)),
        "passkeys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True)),
        "recovery_left": StaticToken.objects.filter(
            device__user=user, device__confirmed=True
        ).count(),
    }


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """Sign-in methods (second factors, recovery codes) and where the member is signed in."""
    factors = _second_factors(request.user)
    return render(
        request,
        "hub/security.html",
        {
            **factors,
            "has_second_factor": bool(factors["totp_devices"] or factors["passkeys"]),
            "required": second_factor_required_for(request.user),
            "used": second_factor_used(request.user),
            "next": _next_url(request, "hub:security"),
            "sessions": selectors.member_sessions(user=request.user),
            "current_key": request.session.session_key,
        },
    )


@login_required
@require_POST
def totp_start(request: HttpRequest) -> HttpResponse:
    if _changes_need_second_factor(request):
        return redirect(
            reverse("hub:mfa-verify") + "?" + urlencode({"next": reverse("hub:security")})
        )
    services.totp_device_start(user=request.user)
    return redirect(reverse("hub:totp-confirm") + "?" + urlencode({"next": _next_url(request)}))


def _changes_need_second_factor(request: HttpRequest) -> bool:
    """A member who has a second factor changes their sign-in methods only after using it in
    this session, so a stolen password alone cannot replace them."""
    return not second_factor_used(request.user) and user_has_device(request.user)


@login_required
def totp_confirm(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).last()
    if device is None:
        return redirect("hub:security")
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed, codes = services.totp_device_confirm(
            user=request.user,
            token=form.cleaned_data["code"],
            keep_session_key=request.session.session_key,
            ip=get_client_ip_address(request),
        )
        if confirmed is not None:
            otp_login(request, confirmed)
            request.session.pop(SECOND_FACTOR_PENDING, None)
            messages.success(request, _("Your authenticator app is set up."))
            return _show_recovery_codes(request, codes, _next_url(request))
        form.add_error(
            "code",
            _("That code is not right. Check the clock of your device and try the newest code."),
        )
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "hub/totp_confirm.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": qr.svg_inline(scale=5, title=_("QR code for your authenticator app")),
            "next": _next_url(request),
        },
    )


def _show_recovery_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    if not codes:
        return redirect(next_url)
    return render(request, "hub/recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    if not second_factor_used(request.user):
        return redirect(
            reverse("hub:mfa-verify") + "?" + urlencode({"next": reverse("hub:security")})
        )
    codes = services.recovery_codes_renew(
        user=request.user,
        keep_session_key=request.session.session_key,
        ip=get_client_ip_address(request),
    )
    return _show_recovery_codes(request, codes, reverse("hub:security"))


@login_required
def passkey_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Where the page goes after a passkey is registered: the recovery codes made with a first
    second factor, shown once (kept in the session only until this page shows them)."""
    codes = request.session.pop(NEW_RECOVERY_CODES, [])
    if not codes:
        messages.success(request, _("Your passkey is registered."))
    return _show_recovery_codes(request, codes, _next_url(request, "hub:security"))


@login_required
@require_POST
def second_factor_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if not second_factor_used(request.user):
        return redirect(
            reverse("hub:mfa-verify") + "?" + urlencode({"next": reverse("hub:security")})
        )
    model = {"app": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    if model is None:
        raise Http404
    device = get_object_or_404(model, pk=pk, user=request.user, confirmed=True)
    services.second_factor_remove(
        user=request.user,
        device=device,
        keep_session_key=request.session.session_key,
        ip=get_client_ip_address(request),
    )
    messages.success(request, _("That second factor is removed."))
    return redirect("hub:security")


@never_cache
@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a passkey, a code from the authenticator app or a
    recovery code. Wrong codes count as failed sign-ins for the lockout (django-axes)."""
    next_url = _next_url(request)
    if second_factor_used(request.user):
        return redirect(next_url)
    user = request.user
    factors = _second_factors(user)
    if not (factors["totp_devices"] or factors["passkeys"] or factors["recovery_left"]):
        return redirect(reverse("hub:security") + "?" + urlencode({"next": next_url}))
    code_form = AuthenticatorCodeForm(request.POST if "code" in request.POST else None)
    recovery_form = RecoveryCodeForm(request.POST if "recovery_code" in request.POST else None)
    if request.method == "POST":
        credentials = {settings.AXES_USERNAME_FORM_FIELD: user.email}
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        form = code_form if code_form.is_bound else recovery_form
        if form.is_valid():
            device = _matching_device(user, form.cleaned_data)
            if device is not None:
                otp_login(request, device)
                request.session.pop(SECOND_FACTOR_PENDING, None)
                services.security_event_record(
                    kind=SecurityEvent.Kind.SECOND_FACTOR_USED,
                    user=user,
                    ip=get_client_ip_address(request),
                    detail={
                        "what": "recovery code"
                        if isinstance(device, StaticDevice)
                        else "authenticator app"
                    },
                )
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _("You used a recovery code; each works once. Codes left: %(n)s.")
                        % {"n": device.token_set.count()},
                    )
                return redirect(next_url)
            user_login_failed.send(
                sender=SECOND_STEP_SENDER, credentials=credentials, request=request
            )
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
            form.add_error(None, _("That code is not right. Try the newest code, or another way."))
    return render(
        request,
        "hub/mfa_verify.html",
        {**factors, "code_form": code_form, "recovery_form": recovery_form, "next": next_url},
    )


def _matching_device(user: User, data: dict) -> Device | None:
    if "code" in data:
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(data["code"]):
                return device
        return None
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(data["recovery_code"]):
            return device
    return None


# Signed-in sessions -----------------------------------------------------------------------


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(MemberSession, pk=pk, user=request.user)
    if row.session_key == request.session.session_key:
        logout(request)
        return redirect("hub:login")
    services.member_sessions_end(
        user=request.user, only_session_key=row.session_key, ip=get_client_ip_address(request)
    )
    messages.success(request, _("That session is signed out."))
    return redirect("hub:security")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    count = services.member_sessions_end(
        user=request.user,
        keep_session_key=request.session.session_key,
        ip=get_client_ip_address(request),
    )
    messages.success(request, _("Signed out of %(n)s other sessions.") % {"n": count})
    return redirect("hub:security")
