"""Thin views: parse input, call a selector or service, render."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue import selectors, services
from catalogue.filters import Sort
from catalogue.forms import (
    COMPARE_MAX,
    COMPARE_MIN,
    AddToShortlistForm,
    ShortlistForm,
    ShortlistNoteForm,
    ToolSubmissionForm,
    parse_compare_slugs,
)
from catalogue.models import Shortlist, ShortlistItem, Tool
from catalogue.panels import compare_panels, facet_panels, submissions_panels, tool_panels
from hub.access import (
    can_view,
    deny,
    is_curator,
    is_verified_member,
    member_own_data_required,
    verified_required,
)
from hub.csv import csv_safe

FRAGMENT_HEADER = "X-Catalogue-Fragment"


def tool_list(request):
    """The faceted list. Its content (search form, facets, results) is rendered once per
    state and cached under the catalogue's version and the visitor's visibility level, so
    repeated and shared URLs cost almost nothing; only the site shell around it is rendered
    per request. A request with the fragment header gets the facets and results alone,
    which the progressive-enhancement script swaps in place (a template partial)."""
    key = selectors.list_cache_key(params=request.GET, user=request.user, language=get_language())
    # Anonymous visitors without pending messages all see the same whole page for a state:
    # it is kept as it was sent, shell included, so serving it again renders nothing.
    whole_page = (
        not request.user.is_authenticated
        and request.headers.get(FRAGMENT_HEADER) is None
        and not len(messages.get_messages(request))
    )
    page_key = selectors.whole_page_cache_key(key)
    if whole_page and (html := cache.get(page_key)) is not None:
        response = HttpResponse(html)
        patch_vary_headers(response, [FRAGMENT_HEADER])
        return response
    cached = cache.get(key)
    if cached is None:
        result = selectors.tool_list(
            params=request.GET, user=request.user, page=request.GET.get("page")
        )
        context = {
            "result": result,
            "page_obj": result.page_obj,
            "sort_choices": Sort.CHOICES,
            "facet_panels": facet_panels(user=request.user),
        }
        fragment = render_to_string("catalogue/tool_list.html#browser", context, request)
        context["fragment"] = fragment
        content = render_to_string("catalogue/tool_list.html#page_content", context, request)
        cached = {"fragment": fragment, "content": content, "status": 400 if result.errors else 200}
        if not result.errors:
            cache.set(key, cached, selectors.LIST_CACHE_SECONDS)
    if request.headers.get(FRAGMENT_HEADER) == "browser":
        response = HttpResponse(cached["fragment"], status=cached["status"])
    else:
        response = render(
            request,
            "catalogue/tool_list.html",
            {"content": cached["content"]},
            status=cached["status"],
        )
    patch_vary_headers(response, [FRAGMENT_HEADER])
    if whole_page and response.status_code == 200:
        cache.set(page_key, response.content, selectors.LIST_CACHE_SECONDS)
    return response


def tool_detail(request, slug):
    tool = selectors.tool_by_slug(slug=slug)
    if tool is None:
        raise Http404
    preview = False
    # A retired tool keeps its page (saying so, and pointing to its successor) for those who
    # may see it; drafts and entries in review are previews for their submitter and curators.
    if tool.status not in (Tool.Status.PUBLISHED, Tool.Status.RETIRED):
        own_submission = request.user.is_authenticated and tool.submitted_by_id == request.user.pk
        if not (own_submission or is_curator(request.user)):
            raise Http404
        preview = True
    elif not can_view(request.user, tool.visibility):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return deny(request, reason=_("This tool's entry is for verified members only."))
    verified = is_verified_member(request.user)
    shortlist_form = None
    if verified:
        shortlists = list(Shortlist.objects.filter(owner=request.user))
        shortlist_form = AddToShortlistForm(owner=request.user, shortlists=shortlists)
    context = {
        "tool": tool,
        "preview": preview,
        "show_restricted": verified,
        "related": selectors.related_tools(tool=tool, user=request.user),
        "shortlist_form": shortlist_form,
        "panels": tool_panels(tool=tool, user=request.user),
    }
    return render(request, "catalogue/tool_detail.html", context)


def tool_compare(request):
    slugs = parse_compare_slugs(request.GET.getlist("tools"))
    problems, status, tools = [], 200, []
    if len(slugs) > COMPARE_MAX:
        problems.append(
            _("You can compare up to %(max)d tools at a time; you chose %(n)d.")
            % {"max": COMPARE_MAX, "n": len(slugs)}
        )
        status = 400
    else:
        tools = selectors.tools_for_compare(slugs=slugs, user=request.user)
        unknown = [slug for slug in slugs if slug not in {t.slug for t in tools}]
        if unknown:
            problems.append(
                _("These tools were not found or are not open to you: %(slugs)s")
                % {"slugs": ", ".join(unknown)}
            )
            status = 404 if not tools else 200
        if slugs and len(tools) < COMPARE_MIN:
            problems.append(_("Choose at least two tools to compare."))
            status = status if status != 200 else 400
    context = {
        "tools": tools,
        "rows": selectors.compare_rows(tools=tools, user=request.user) if tools else [],
        "panels": compare_panels(tools=tools, user=request.user) if tools else [],
        "problems": problems,
        "compare_max": COMPARE_MAX,
    }
    return render(request, "catalogue/tool_compare.html", context, status=status)


# Export -----------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def tool_export(request, fmt):
    """The current filtered list as CSV or JSON, with only the fields the user may see."""
    tools, errors = selectors.tools_for_export(params=request.GET, user=request.user)
    if errors:
        return HttpResponse("\n".join(errors), status=400, content_type="text/plain")
    columns = selectors.export_columns(user=request.user)
    rows = (selectors.export_row(tool, columns) for tool in tools)
    stamp = timezone.now().strftime("%Y%m%d")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow(columns)
            for row in rows:
                yield writer.writerow([csv_safe(row[c]) for c in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:

        def chunks():
            yield "["
            for i, row in enumerate(rows):
                yield ("," if i else "") + json.dumps(row, ensure_ascii=False)
            yield "]"

        response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="global-hub-tools-{stamp}.{fmt}"'
    patch_vary_headers(response, ["Cookie"])
    return response


# Submissions ------------------------------------------------------------------------------


@verified_required
def tool_submit(request):
    form = ToolSubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tool = services.tool_submit(submitted_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: “%(name)s” is now in review. Curators will check it.")
                % {"name": tool.name},
            )
            return redirect("catalogue:submission-list")
    return render(request, "catalogue/tool_submit.html", {"form": form})


@verified_required
def submission_list(request):
    return render(
        request,
        "catalogue/submission_list.html",
        {
            "tools": selectors.submissions_of(user=request.user),
            "panels": submissions_panels(user=request.user),
        },
    )


# Shortlists -------------------------------------------------------------------------------


def _own_shortlist(request, pk) -> Shortlist:
    return get_object_or_404(Shortlist, pk=pk, owner=request.user)


@member_own_data_required
def shortlist_list(request):
    # Members whose verification lapsed still read their lists; making one needs verification.
    can_edit = is_verified_member(request.user)
    if request.method == "POST" and not can_edit:
        return deny(request)
    form = ShortlistForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        shortlist = services.shortlist_create(owner=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Shortlist created."))
        return redirect(shortlist)
    shortlists = selectors.shortlists_of(user=request.user)
    return render(
        request,
        "catalogue/shortlist_list.html",
        {"form": form, "shortlists": shortlists, "can_edit": can_edit},
    )


@member_own_data_required
def shortlist_detail(request, pk):
    shortlist = _own_shortlist(request, pk)
    items = selectors.shortlist_items(shortlist=shortlist, user=request.user)
    return render(
        request,
        "catalogue/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "items": items,
            "compare_max": COMPARE_MAX,
            "can_edit": is_verified_member(request.user),
        },
    )


@verified_required
@require_POST
def shortlist_add(request, slug):
    tool = get_object_or_404(Tool.objects.visible_to(request.user), slug=slug)
    form = AddToShortlistForm(request.POST, owner=request.user)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(tool)
    shortlist = form.cleaned_data["shortlist"]
    new_name = (form.cleaned_data["new_name"] or "").strip()
    if shortlist is None:
        shortlist = Shortlist.objects.filter(owner=request.user, name__iexact=new_name).first()
        if shortlist is None:
            shortlist = services.shortlist_create(owner=request.user, name=new_name)
    services.shortlist_add_tool(shortlist=shortlist, tool=tool, note=form.cleaned_data["note"])
    messages.success(
        request,
        _("“%(tool)s” is on your shortlist “%(list)s”.") % {"tool": tool, "list": shortlist},
    )
    return redirect(tool)


@verified_required
@require_POST
def shortlist_item_update(request, pk):
    item = get_object_or_404(ShortlistItem, pk=pk, shortlist__owner=request.user)
    if "remove" in request.POST:
        services.shortlist_item_remove(item=item)
        messages.success(request, _("Removed from the shortlist."))
    else:
        form = ShortlistNoteForm(request.POST)
        if form.is_valid():
            services.shortlist_item_update(item=item, note=form.cleaned_data["note"])
            messages.success(request, _("Note saved."))
        else:
            messages.error(request, _("The note is too long."))
    return redirect("catalogue:shortlist-detail", pk=item.shortlist_id)


@verified_required
@require_POST
def shortlist_delete(request, pk):
    shortlist = _own_shortlist(request, pk)
    services.shortlist_delete(shortlist=shortlist)
    messages.success(request, _("Shortlist deleted."))
    return redirect("catalogue:shortlist-list")


@member_own_data_required
def shortlist_export(request, pk):
    shortlist = _own_shortlist(request, pk)
    items = selectors.shortlist_items(shortlist=shortlist, user=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="shortlist-{shortlist.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["tool", "provider", "summary", "note", "url", "last_verified", "status"])
    for item in items:
        tool = item.tool
        writer.writerow(
            [
                csv_safe(tool.name),
                csv_safe(tool.provider.name),
                # A tool no longer open to the member (retired, or restricted once their
                # verification lapsed) keeps only its name.
                csv_safe(tool.summary if tool.listed else ""),
                csv_safe(item.note),
                request.build_absolute_uri(tool.get_absolute_url()),
                tool.last_verified or "",
                tool.get_status_display(),
            ]
        )
    return response
