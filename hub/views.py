import importlib
import sys
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub import search as hub_search
from hub import services, tokens
from hub.forms import ProfileForm, RegistrationForm, SearchForm
from hub.models import SecurityEvent

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


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the cause is that PostgreSQL cannot be reached: the
    request lost its connection (a restart: PostgreSQL may already be back when this runs), or
    PostgreSQL does not answer now."""
    if isinstance(sys.exception(), OperationalError | InterfaceError) or database_is_down():
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
        response = super().form_valid(form)
        services.security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            ip=get_client_ip_address(self.request),
        )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        services.security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            user=form.user,
            ip=get_client_ip_address(self.request),
            detail={"by": "reset link"},
        )
        return response
