"""The member's own account pages: ask to be verified again, say they have left law
enforcement, download their data, delete their account. Thin: forms here, rules in
hub.lifecycle and hub.data_rights."""

import json

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from hub import data_rights, lifecycle


class ReverificationForm(forms.Form):
    agency_name = forms.CharField(
        label=gettext_lazy("Agency you work for now"), max_length=200, required=False
    )
    what_changed = forms.CharField(
        label=gettext_lazy("What changed (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example a new unit, role or address. Never case details."),
    )


class LeaveForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I no longer work in law enforcement or for a partner organisation.")
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput, strip=False
    )
    keep_certificates = forms.BooleanField(
        label=gettext_lazy("Keep my course certificates verifiable, without my name"),
        required=False,
        initial=True,
    )
    confirm = forms.BooleanField(label=gettext_lazy("I understand that this cannot be undone."))


def _posted(request: HttpRequest) -> dict | None:
    """The submitted data, or None on GET: an empty POST still gets its form errors."""
    return request.POST if request.method == "POST" else None


def _ip(request: HttpRequest) -> str | None:
    return get_client_ip_address(request)


@login_required
def reverify(request: HttpRequest) -> HttpResponse:
    """The page a reminder email links to: one button (agency and a note optional)."""
    user = request.user
    initial = {"agency_name": user.agency.name if user.agency else ""}
    form = ReverificationForm(_posted(request), initial=initial)
    refusal = lifecycle.reverification_refusal(user=user)
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            lifecycle.reverification_request(user=user, ip=_ip(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the curators will verify your account again."))
            return redirect("hub:profile")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "hub/account/reverify.html",
        {"form": form, "account": user, "refusal": refusal},
        status=status,
    )


@login_required
def leave(request: HttpRequest) -> HttpResponse:
    form = LeaveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.user_leave_law_enforcement(user=request.user, ip=_ip(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Noted: your verified access has ended and the curators are told. Your own "
                    "shortlists, assessments and certificates stay readable."
                ),
            )
            return redirect("hub:profile")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "hub/account/leave.html", {"form": form, "account": request.user}, status=status
    )


@login_required
def data(request: HttpRequest) -> HttpResponse:
    """GET: what the download holds; POST: the download (recorded in the security log, so
    it is not a GET: reads never write)."""
    if request.method != "POST":
        return render(request, "hub/account/data.html", {"account": request.user})
    payload = data_rights.user_data_export(user=request.user, ip=_ip(request))
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="global-hub-my-data-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            data_rights.account_delete(
                user=request.user,
                password=form.cleaned_data["password"],
                keep_certificates=form.cleaned_data["keep_certificates"],
                ip=_ip(request),
            )
        except ValidationError as error:
            form.add_error("password" if error.code == "deletion_refused" else None, error)
        else:
            logout(request)
            return redirect("account:deleted")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "hub/account/delete.html", {"form": form, "account": request.user}, status=status
    )


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/account/deleted.html")
