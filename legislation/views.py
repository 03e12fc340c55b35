"""The legislation tracker's pages: all public. Thin views: parse, call a selector, render.
Bad codes are 404s, bad filter values are 400s that say what was wrong."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from legislation import selectors
from legislation.forms import COMPARE_MAX, CompareForm, MapForm, MatrixForm
from legislation.models import ANSWER_SYMBOLS, Answer, Instrument, Jurisdiction, Region, Topic

PAGE_SIZE = 20


def index(request):
    filterset = selectors.instrument_list(params=request.GET)
    valid = filterset.is_valid()
    page_obj = None
    if valid:
        page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/index.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "instruments": page_obj.object_list if page_obj else [],
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "recent": selectors.recent_steps(limit=5),
        },
        status=200 if valid else 400,
    )


def jurisdiction_list(request):
    return render(
        request,
        "legislation/jurisdiction_list.html",
        {"groups": selectors.jurisdictions_by_region(), "regions": dict(Region.choices)},
    )


def _jurisdiction_or_404(code: str) -> Jurisdiction:
    return get_object_or_404(Jurisdiction, code=code.upper())


def jurisdiction_detail(request, code):
    if code != code.upper():
        return redirect("legislation:jurisdiction-detail", code=code.upper(), permanent=True)
    jurisdiction = _jurisdiction_or_404(code)
    context = selectors.jurisdiction_profile(jurisdiction=jurisdiction)
    return render(
        request, "legislation/jurisdiction_detail.html", {"jurisdiction": jurisdiction, **context}
    )


def instrument_detail(request, slug):
    try:
        instrument = selectors.instrument_detail(slug=slug)
    except Instrument.DoesNotExist:
        raise Http404(_("There is no instrument at this address.")) from None
    return render(
        request,
        "legislation/instrument_detail.html",
        {"instrument": instrument, "today": timezone.localdate()},
    )


def _matrix_form(request):
    return MatrixForm(request.GET, sort_keys=selectors.matrix_sort_keys())


def matrix(request):
    form = _matrix_form(request)
    if not form.is_valid():
        return render(request, "legislation/matrix.html", {"form": form}, status=400)
    region, sort = form.cleaned_data["region"] or None, form.cleaned_data["sort"]
    framework = form.cleaned_data["framework"] or None
    data = selectors.matrix(region=region, sort=sort, framework=framework)
    columns = []
    for criterion in data["criteria"]:
        # A criterion column sorts "yes" first; a second click reverses it.
        aria = {criterion.slug: "descending", f"-{criterion.slug}": "ascending"}.get(sort)
        columns.append(
            {
                "criterion": criterion,
                "aria": aria,
                "next": f"-{criterion.slug}" if sort == criterion.slug else criterion.slug,
            }
        )
    portal = sum(1 for c in data["criteria"] if c.is_portal)
    return render(
        request,
        "legislation/matrix.html",
        {
            "form": form,
            "sort": sort,
            "region": region,
            "columns": columns,
            "name_sort": "-name" if sort == "name" else "name",
            "score_sort": "-score" if sort == "score" else "score",
            "icmec_count": len(data["criteria"]) - portal,
            "portal_count": portal,
            "summary_rows": [
                (answer.value, ANSWER_SYMBOLS[answer], answer.label) for answer in Answer
            ],
            **data,
        },
    )


def matrix_csv(request):
    form = _matrix_form(request)
    if not form.is_valid():
        return HttpResponse(
            "; ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    body = selectors.matrix_csv(
        region=form.cleaned_data["region"] or None,
        sort=form.cleaned_data["sort"],
        framework=form.cleaned_data["framework"] or None,
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="legislation-criteria-matrix.csv"'
    return response


def compare(request):
    form = CompareForm(request.GET)
    context = {
        "form": form,
        "chosen": form.codes,
        "choices": Jurisdiction.objects.order_by("kind", "name"),
        "selects": [
            form.codes[slot] if slot < len(form.codes) else "" for slot in range(COMPARE_MAX)
        ],
    }
    if not form.codes:
        return render(request, "legislation/compare.html", context)
    if len(form.codes) == 1 and Jurisdiction.objects.filter(code=form.codes[0]).exists():
        # Arriving from a profile with one jurisdiction: ask for the others, no error.
        return render(request, "legislation/compare.html", {**context, "one_more": True})
    if not form.is_valid():
        return render(request, "legislation/compare.html", context, status=400)
    data = selectors.compare(jurisdictions=form.cleaned_data["jurisdictions"])
    return render(request, "legislation/compare.html", {**context, **data})


def world_map(request):
    form = MapForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "legislation/map.html",
            {"form": form, "topics": Topic.objects.all()},
            status=400,
        )
    topic = form.cleaned_data["topic"]
    return render(
        request,
        "legislation/map.html",
        {"form": form, "topic": topic, **selectors.map_view(topic=topic)},
    )


def about(request):
    return render(request, "legislation/about.html")
