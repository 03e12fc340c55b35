import importlib
import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub import services, tokens
from hub.forms import ProfileForm, RegistrationForm, SearchForm

RETRY_AFTER_SECONDS = 30
# The apps whose selectors.site_search() feeds the site-wide search, in the order shown.
SEARCHED_APPS = [
    ("catalogue", _("Tools")),
    ("training", _("Training")),
    ("legislation", _("Legislation")),
]


def home(request):
    from catalogue.selectors import stage_entry_points

    return render(request, "hub/home.html", {"stages": stage_entry_points()})


def search(request):
    form = SearchForm(request.GET)
    sections = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        for label, title in SEARCHED_APPS:
            selectors = importlib.import_module(f"{label}.selectors")
            results = selectors.site_search(query=query, user=request.user, limit=5)
            sections.append({"app": label, "title": title, "results": results})
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


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def register(request):
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


def register_done(request):
    return render(request, "registration/register_done.html")


def confirm_email(request, token):
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
def resend_confirmation(request):
    if not request.user.email_confirmed:
        services.email_confirmation_resend(user=request.user)
        messages.info(request, _("We sent the confirmation message again."))
    return redirect("hub:profile")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("hub:profile")
    return render(request, "hub/profile.html", {"form": form, "account": request.user})


# Error pages -------------------------------------------------------------------------------


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
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
