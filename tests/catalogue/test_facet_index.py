"""The list page counts, totals and pages from the facet index held in the process: what it
shows must be what the database says, right after any change (a curator's edit in the
admin, an admin action, a provider's country), for visitors and members alike."""

import itertools
import pickle

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from catalogue import search
from catalogue.facets import FACETS
from catalogue.filters import Sort
from catalogue.models import Capability, Tool
from catalogue.selectors import facet_index, listing
from tests.catalogue.factories import ProviderFactory, ToolFactory, admin_change_data
from tests.catalogue.test_list import count, names

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")
CHANGELIST = reverse("admin:catalogue_tool_changelist")


def stamp() -> int:
    with connection.cursor() as cursor:
        cursor.execute(facet_index.STAMP_SQL)
        return cursor.fetchone()[0]


@pytest.fixture
def varied(db):
    """Tools that differ in every facet, some restricted, one draft."""
    stages = ["prevention", "image-analysis", "text-speech-analysis"]
    capabilities = ["ocr", "triage", "hash-matching", "age-estimation"]
    for i in range(14):
        ToolFactory(
            name=f"Varied {chr(ord('a') + (i * 5) % 14)} tool",
            provider=ProviderFactory(country=["FR", "DE", "BR", ""][i % 4]),
            stages=[stages[i % 3]] + (["prevention"] if i % 4 == 0 else []),
            capabilities=[capabilities[i % 4]] + (["ocr"] if i % 3 == 0 else []),
            deployment=[["cloud"], ["on-premises", "api"], ["desktop"]][i % 3],
            languages=[["en"], ["fr", "es"]][i % 2],
            cost_model=["free", "subscription", "licence"][i % 3],
            open_source=i % 2 == 0,
            visibility=["public", "public", "verified"][i % 3],
            independently_tested=i % 3 == 0,
            human_review_documented=i % 4 == 1,
            exposure_safeguards=[["blurring"], ["greyscale", "de-duplication"], []][i % 3],
            last_verified=None if i % 5 == 0 else f"2026-0{1 + i % 9}-1{i % 7}",
            keywords=f"varied {'harbour' if i % 2 else 'beacon'}",
        )
    ToolFactory(name="Varied draft", status=Tool.Status.DRAFT, published_at=None)


STATES = [
    "",
    "stage=prevention",
    "stage=prevention&stage=image-analysis&deployment=cloud",
    "capability=ocr&cost=free&open_source=yes",
    "language=fr&provider_country=FR&independently_tested=no",
    "exposure=blurring&human_review=yes&provider_kind=company",
    "q=varied&stage=prevention",
    "q=beacon&deployment=desktop&deployment=cloud",
    "q=harbour",
    "open_source=yes&open_source=no&cost=licence",
]


def expected_counts(state: QueryDict, user: object) -> dict[str, dict[str, int]]:
    """Each facet's counts the slow way: one ORM count per value."""
    prepared = listing.prepare(state, user)
    filterset = prepared.filterset
    base, _query = listing.searched(Tool.objects.visible_to(user), prepared.query_text)
    counts = {}
    for facet in FACETS:
        over = filterset.queryset_without(base, facet.name)
        options = facet.choices_for(prepared.terms) if facet.universe is None else []
        if facet.universe is not None:
            options = [(v, v) for (v,) in facet.universe()]
        counts[facet.name] = {
            value: over.filter(facet.q([value], terms=prepared.terms)).count()
            for value, _label in options
        }
    return counts


@pytest.mark.parametrize("member", [False, True])
def test_counts_total_and_pages_are_the_databases(varied, verified_user, member):
    user = verified_user if member else AnonymousUser()
    for state, sort in itertools.product(STATES, ["", "name", "verified"]):
        params = QueryDict(f"{state}&sort={sort}" if sort else state)
        prepared = listing.prepare(params, user)
        result = listing.tool_list(params=params, user=user)
        expected = expected_counts(params, user)
        for facet in result.facets:
            for option in facet.options:
                assert option.count == expected[facet.name].get(option.value, 0), (
                    state,
                    facet.name,
                    option.value,
                )
        base, query = listing.searched(Tool.objects.visible_to(user), prepared.query_text)
        everything = list(listing.ordered(prepared.filterset, base, query, prepared.sort))
        assert result.count == len(everything), state
        assert [t.pk for t in result.page_obj] == [t.pk for t in everything[:20]], (state, sort)


def test_pages_beyond_the_first_and_past_the_last(db):
    for i in range(45):
        ToolFactory(name=f"Paged {i:02d}", last_verified=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}")
    user = AnonymousUser()
    for sort in (Sort.NAME, Sort.VERIFIED):
        prepared = listing.prepare(QueryDict(f"sort={sort}"), user)
        everything = [
            t.pk for t in listing.ordered(prepared.filterset, Tool.objects.all(), None, sort)
        ]
        for number, expected in (
            (2, everything[20:40]),
            (3, everything[40:]),
            (9, everything[40:]),
        ):
            result = listing.tool_list(
                params=QueryDict(f"sort={sort}"), user=user, page=str(number)
            )
            assert [t.pk for t in result.page_obj] == expected, (sort, number)


def test_relevance_order_is_the_databases(db):
    for i in range(25):
        ToolFactory(name=f"Ranked {i}", description="A beacon. " * (i % 4 + 1))
    user = AnonymousUser()
    params = QueryDict("q=beacon")
    result = listing.tool_list(params=params, user=user)
    query = search.search_query("beacon")
    expected = list(
        Tool.objects.published()
        .filter(search_vector=query)
        .annotate(rank=search.rank(query))
        .order_by("-rank", "name", "pk")
        .values_list("pk", flat=True)[:20]
    )
    assert result.page_obj.object_list and [t.pk for t in result.page_obj] == expected


def test_every_write_to_a_tool_or_provider_changes_the_stamp(db):
    tool = ToolFactory()
    seen = {stamp()}
    Tool.objects.filter(pk=tool.pk).update(cost_model="licence")
    seen.add(stamp())
    tool.provider.country = "BR"
    tool.provider.save()
    seen.add(stamp())
    tool.delete()
    seen.add(stamp())
    assert len(seen) == 4


def test_a_curators_edit_in_the_admin_shows_at_once(client, client_for, curator, db):
    tool = ToolFactory(name="Editable", capabilities=["ocr"], cost_model="free")
    ToolFactory(name="Other", capabilities=["ocr"])
    before = client.get(URL)
    assert count(before, "capability", "ocr") == 2
    assert count(before, "capability", "geolocation") == 0
    data = admin_change_data(
        tool,
        summary="Now reads geolocation",
        capabilities=[Capability.objects.get(slug="geolocation").pk],
        cost_model="licence",
    )
    admin = client_for(curator)
    response = admin.post(reverse("admin:catalogue_tool_change", args=[tool.pk]), data)
    assert response.status_code == 302
    after = client.get(URL)
    assert count(after, "capability", "ocr") == 1
    assert count(after, "capability", "geolocation") == 1
    assert count(after, "cost", "licence") == 1
    assert names(client.get(URL, {"capability": "geolocation"})) == ["Editable"]


def test_retiring_in_the_admin_removes_the_tool_from_list_and_counts(client, client_for, curator):
    tools = [ToolFactory(name=f"Retiring {i}", capabilities=["triage"]) for i in range(3)]
    assert count(client.get(URL), "capability", "triage") == 3
    client_for(curator).post(
        CHANGELIST,
        {"action": "set_status_retired", "_selected_action": [tools[0].pk]},
        follow=True,
    )
    response = client.get(URL)
    assert count(response, "capability", "triage") == 2
    assert "Retiring 0" not in names(response)


def test_restricting_a_tool_hides_it_from_visitors_counts_only(client, client_for, verified_user):
    tool = ToolFactory(name="Soon restricted", deployment=["mobile"])
    assert count(client.get(URL), "deployment", "mobile") == 1
    tool.visibility = "verified"
    tool.save()
    assert count(client.get(URL), "deployment", "mobile") == 0
    assert count(client_for(verified_user).get(URL), "deployment", "mobile") == 1


def test_a_providers_new_country_is_counted_at_once(client, db):
    tool = ToolFactory(name="Moving", provider=ProviderFactory(country="FR"))
    assert count(client.get(URL), "provider_country", "FR") == 1
    tool.provider.country = "DE"
    tool.provider.save()
    response = client.get(URL)
    assert count(response, "provider_country", "DE") == 1
    assert 'value="FR"' not in response.text


def test_the_index_is_built_once_per_change(client, db, django_assert_num_queries):
    ToolFactory(name="Built once")
    facet_index.forget()
    first = facet_index.current()
    with django_assert_num_queries(1):  # the stamp alone
        assert facet_index.current() is first
    ToolFactory(name="A change")
    assert facet_index.current() is not first


def test_the_index_survives_the_shared_cache(varied):
    """Other processes load the index through the cache (pickled, positions made again)."""
    index = facet_index.current()
    copy = pickle.loads(pickle.dumps(index))
    assert "positions" not in copy.__dict__
    assert copy.positions == index.positions and copy.values == index.values
    assert list(copy.verified_order) == list(index.verified_order)


@pytest.mark.django_db(transaction=True)
def test_two_curators_saving_tools_at_once_queue_on_the_stamp_instead_of_deadlocking():
    """One curator's change touches two tools, another's one of them in between: the second
    waits for the stamp before it locks its tool, so both are saved."""
    import threading
    import time

    from django.db import transaction

    from tests.concurrency import run_at_once

    first, second = ToolFactory(name="First tool"), ToolFactory(name="Second tool")
    first_written = threading.Event()

    def change_both():
        with transaction.atomic():
            Tool.objects.filter(pk=first.pk).update(summary="Both, first")
            first_written.set()
            time.sleep(0.5)  # the other curator's save arrives now
            Tool.objects.filter(pk=second.pk).update(summary="Both, second")
        return "saved"

    def change_second():
        first_written.wait(timeout=30)
        with transaction.atomic():
            Tool.objects.filter(pk=second.pk).update(summary="Second alone")
        return "saved"

    assert run_at_once([change_both, change_second]) == ["saved", "saved"]
    second.refresh_from_db()
    assert second.summary == "Second alone"  # the later save, queued behind the first
