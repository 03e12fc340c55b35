"""Meet other officers: thin views over ``community.selectors`` and ``community.services``.

Every page is for verified members only (``hub.access``), except the unfollow link from a
digest email, which works without signing in. No page is indexed by search engines.
"""

from functools import wraps

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalogue.models import Tool
from community import selectors, services
from community.forms import (
    ContactRequestForm,
    FieldReportForm,
    ProfileForm,
    ReportRequestForm,
)
from community.models import Block, ContactRequest, Follow
from hub.access import deny, verified_required, visible_q
from hub.models import Agency

PAGE_SIZE = 20


def noindex(view):
    """Community pages stay out of search engines and caches shared with others."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


def members_only(view):
    return noindex(verified_required(view))


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# Directory ---------------------------------------------------------------------------------


@members_only
def directory(request):
    filterset, entries = selectors.directory_entries(viewer=request.user, params=request.GET)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    profiles = list(page.object_list)
    selectors.attach_courses(profiles=profiles)
    own = selectors.profile_of(user=request.user)
    status = 400 if filterset.form.errors else 200
    return render(
        request,
        "community/directory.html",
        {
            "filter": filterset,
            "page_obj": page,
            "profiles": profiles,
            "own_profile": own,
            "agency_kinds": dict(Agency.Kind.choices),
        },
        status=status,
    )


@members_only
def profile_edit(request):
    profile = selectors.profile_of(user=request.user)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(profile))
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("community:profile")
    return render(
        request,
        "community/profile.html",
        {
            "form": form,
            "profile": profile,
            "reports": selectors.reports_by(user=request.user),
        },
        status=400 if form.errors else 200,
    )


# Contact -----------------------------------------------------------------------------------


@members_only
def member_connect(request, pk: int):
    entry = selectors.directory_profile(viewer=request.user, profile_id=pk)
    if entry is None:
        raise Http404
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_create(
                sender=request.user,
                recipient=entry.user,
                message=form.cleaned_data["message"],
                ip=get_client_ip_address(request),
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Your request is sent. You will see their work email if they accept."),
            )
            return redirect("community:connections")
    return render(
        request,
        "community/connect.html",
        {"form": form, "entry": entry, "agency_kinds": dict(Agency.Kind.choices)},
        status=400 if form.errors else 200,
    )


@members_only
def tool_ask(request, slug: str):
    """Ask a member who reported on the tool and is open to questions; the portal chooses
    who, and the sender learns their name only if they accept."""
    tool = get_object_or_404(Tool.objects.visible_to(request.user), slug=slug)
    if selectors.is_tool_provider(request.user):
        return deny(request, reason=_("Tool providers cannot contact the members who report."))
    candidate = selectors.reporter_to_ask(tool=tool, asker=request.user)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if candidate is None:
            form.add_error(None, _("No member is open to questions about this tool right now."))
        else:
            try:
                services.contact_request_create(
                    sender=request.user,
                    recipient=candidate,
                    message=form.cleaned_data["message"],
                    tool=tool,
                    ip=get_client_ip_address(request),
                )
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Your question is sent to a member who reported on this tool."),
                )
                return redirect("community:connections")
    return render(
        request,
        "community/tool_ask.html",
        {"form": form, "tool": tool, "available": candidate is not None},
        status=400 if form.errors else 200,
    )


@members_only
def connections(request):
    context = selectors.connections(user=request.user)
    context["blocked"] = selectors.blocked_members(user=request.user)
    return render(request, "community/connections.html", context)


def _own_incoming(request, pk: int) -> ContactRequest:
    request_obj = ContactRequest.objects.filter(pk=pk, recipient=request.user).first()
    if request_obj is None:
        raise Http404
    return request_obj


@require_POST
@members_only
def request_answer(request, pk: int):
    _own_incoming(request, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.contact_request_answer(
            request_id=pk, by=request.user, accept=accept, ip=get_client_ip_address(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(
            request,
            _("You are connected: you now see each other's work email.")
            if accept
            else _("The request is declined."),
        )
    return redirect("community:connections")


@members_only
def request_report(request, pk: int):
    contact = _own_incoming(request, pk)
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_request_report(
            request_id=pk,
            by=request.user,
            note=form.cleaned_data["note"],
            ip=get_client_ip_address(request),
        )
        messages.success(request, _("Thank you: the curators have been told."))
        return redirect("community:connections")
    return render(
        request,
        "community/request_report.html",
        {"form": form, "contact": contact},
        status=400 if form.errors else 200,
    )


@require_POST
@members_only
def request_block(request, pk: int):
    contact = _own_incoming(request, pk)
    services.member_block(
        blocker=request.user, blocked=contact.sender, ip=get_client_ip_address(request)
    )
    messages.success(request, _("Blocked: you will not hear from this member again."))
    return redirect("community:connections")


@require_POST
@members_only
def unblock(request, pk: int):
    block = get_object_or_404(Block, pk=pk, blocker=request.user)
    services.member_unblock(
        blocker=request.user, blocked=block.blocked, ip=get_client_ip_address(request)
    )
    messages.success(request, _("Unblocked."))
    return redirect("community:connections")


# Field reports -----------------------------------------------------------------------------


@members_only
def field_report(request, slug: str):
    tool = (
        Tool.objects.filter(slug=slug, status__in=[Tool.Status.PUBLISHED, Tool.Status.RETIRED])
        .filter(visible_q(request.user))
        .first()
    )
    if tool is None:
        raise Http404
    existing = selectors.report_of(user=request.user, tool=tool)
    initial = {}
    if existing is not None:
        initial = {
            field: getattr(existing, field)
            for field in FieldReportForm.base_fields
            if field != "stage"
        } | {"stage": existing.stage_id}
    form = FieldReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.field_report_save(author=request.user, tool=tool, **form.cleaned_data)
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Thank you: your field report is saved."))
            return redirect(tool.get_absolute_url())
    return render(
        request,
        "community/field_report.html",
        {"form": form, "tool": tool, "existing": existing},
        status=400 if form.errors else 200,
    )


# Follows -----------------------------------------------------------------------------------


@require_POST
@members_only
def follow(request):
    kind = request.POST.get("kind", "")
    try:
        object_id = int(request.POST.get("object_id", ""))
        services.follow_add(user=request.user, kind=kind, object_id=object_id)
    except (ValueError, ValidationError, PermissionDenied):
        return render(
            request,
            "community/message.html",
            {"title": _("Cannot follow"), "text": _("There is nothing to follow there.")},
            status=400,
        )
    messages.success(request, _("Followed: changes will appear in your digest email."))
    return HttpResponseRedirect(_safe_next(request, reverse("community:following")))


@members_only
def following(request):
    if request.method == "POST":
        follow_id = request.POST.get("follow", "")
        if not follow_id.isdigit():
            raise Http404
        follow_obj = get_object_or_404(Follow, pk=int(follow_id), user=request.user)
        services.follow_remove(follow=follow_obj)
        messages.success(request, _("Unfollowed."))
        return HttpResponseRedirect(_safe_next(request, reverse("community:following")))
    return render(
        request,
        "community/following.html",
        {
            "follows": selectors.follows_with_targets(user=request.user),
            "profile": selectors.profile_of(user=request.user),
            "choices": selectors.follow_choices(user=request.user),
        },
    )


@csrf_exempt
@noindex
def unfollow(request, token: str):
    """From the digest email: works without signing in. The link shows one button; pressing
    it (or a mail client's one-click POST) stops the follow."""
    follow_obj = services.follow_from_token(token)
    if follow_obj is None:
        raise Http404
    if request.method == "POST":
        services.follow_remove(follow=follow_obj)
        return render(request, "community/unfollowed.html", {"done": True})
    targets = selectors.follows_with_targets(user=follow_obj.user)
    target = next((f.target for f in targets if f.pk == follow_obj.pk), None)
    return render(
        request,
        "community/unfollowed.html",
        {"done": False, "follow": follow_obj, "target": target},
    )
