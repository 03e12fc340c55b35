"""``/tools/finder/``: the case finder. Thin views over ``reading`` and ``ranking``.

The case text arrives by POST and leaves only in the response (marked ``no-store``): it is
not saved, not put in a cache key, not logged and not sent to the database. What can be
shared is the reading, as ordinary filters in the address.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from catalogue.finder import ranking, reading, services
from catalogue.finder.forms import FinderForm, FinderShortlistForm
from catalogue.forms import COMPARE_MAX
from catalogue.models import Shortlist
from hub.access import is_verified_member, verified_required

TEMPLATE = "catalogue/finder.html"


def _reading_from(form: FinderForm) -> reading.Reading:
    data = form.cleaned_data
    return reading.read(
        text=data["case"],
        materials=data["material"],
        tasks=data["task"],
        constraints=data["constraint"],
        languages=data["lang"],
        skill=data["skill"],
        kept=form.chips("term"),
        shown=form.chips("shown"),
    )


def _context(request, form, result: reading.Reading | None, ranked=None) -> dict:
    context = {"form": form, "reading": result, "ranking": ranked, "verified": False}
    if result is not None and not result.empty:
        params = result.list_params()
        shared = params + [(t.kind, t.value) for t in result.terms if t.kind == "skill"]
        context["list_url"] = reverse("catalogue:tool-list") + "?" + urlencode(params)
        context["share_url"] = reverse("catalogue:finder") + "?" + urlencode(shared)
    if ranked is not None and ranked.fits:
        top = [fit.tool.slug for fit in ranked.fits[:COMPARE_MAX]]
        if len(top) >= 2:
            context["compare_url"] = (
                reverse("catalogue:tool-compare")
                + "?"
                + urlencode([("tools", slug) for slug in top])
            )
        if is_verified_member(request.user):
            context["verified"] = True
            context["shortlists"] = list(Shortlist.objects.filter(owner=request.user))
    return context


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def finder(request):
    """GET: the empty form, or the results for terms in the address (a shared reading).
    POST: read the case and the choices, rank the tools."""
    if request.method == "POST":
        form = FinderForm(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, _context(request, form, None), status=400)
        result = _reading_from(form)
    else:
        form = FinderForm()
        result = reading.from_params(request.GET) if request.GET else None
    ranked = ranking.rank(reading=result, user=request.user) if result is not None else None
    return render(request, TEMPLATE, _context(request, form, result, ranked))


@never_cache
@require_POST
def finder_reading(request):
    """The reading alone (chips and corrections), for the script that updates it as the
    user types. Stores nothing either."""
    form = FinderForm(request.POST)
    if not form.is_valid():
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        return HttpResponse(problems, status=400, content_type="text/plain; charset=utf-8")
    context = {"form": form, "reading": _reading_from(form)}
    return render(request, f"{TEMPLATE}#reading", context)


@verified_required
@require_POST
def finder_shortlist(request):
    form = FinderShortlistForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("catalogue:finder")
    shortlist = services.finder_shortlist_save(
        owner=request.user,
        tools=list(form.cleaned_data["tools"]),
        shortlist=form.cleaned_data["shortlist"],
        new_name=form.cleaned_data["new_name"] or "",
    )
    messages.success(
        request,
        _("%(count)d tools saved on your shortlist “%(name)s”.")
        % {"count": len(form.cleaned_data["tools"]), "name": shortlist.name},
    )
    return redirect(shortlist)
