"""The list, tool and compare pages cost the same number of queries for 5 tools and for 40.

A page whose count grows with the catalogue runs a query per tool, per term or per provider
somewhere (an N+1); comparing two sizes catches it wherever it hides, template included.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.catalogue.factories import ProviderFactory, ToolFactory

pytestmark = pytest.mark.django_db

LIST = reverse("catalogue:tool-list")
COMPARE = reverse("catalogue:tool-compare")
STAGES = ["prevention", "image-analysis", "text-speech-analysis"]
CAPABILITIES = ["ocr", "triage", "hash-matching", "age-estimation"]


def count_queries(client, url, params=None) -> int:
    cache.clear()  # every request builds its page from the database, as after a change
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def grow(n: int) -> None:
    """Tools spread over providers, stages, capabilities and visibilities."""
    for i in range(n):
        ToolFactory(
            name=f"Growth {i:03d}",
            provider=ProviderFactory(country=["FR", "DE", "BR"][i % 3]),
            stages=[STAGES[i % 3], "prevention"],
            capabilities=[CAPABILITIES[i % 4], "ocr"],
            deployment=[["cloud"], ["on-premises", "api"]][i % 2],
            languages=["en", "fr"],
            visibility=["public", "verified"][i % 2],
            independently_tested=i % 3 == 0,
            human_review_documented=i % 2 == 1,
            exposure_safeguards=[["blurring"], ["greyscale", "de-duplication"], []][i % 3],
        )


def measure(clients, main, compared) -> list[int]:
    searched = {"q": "growth", "stage": ["prevention", "image-analysis"], "deployment": "cloud"}
    filtered = {"capability": "ocr", "cost": "free", "provider_country": "FR", "sort": "name"}
    responsible = {"independently_tested": "yes", "human_review": "no", "exposure": "blurring"}
    counts = []
    for client in clients:
        counts += [
            count_queries(client, LIST),
            count_queries(client, LIST, searched),
            count_queries(client, LIST, filtered),
            count_queries(client, LIST, {**filtered, "page": "2"}),
            count_queries(client, LIST, responsible),
            count_queries(client, main.get_absolute_url()),
            count_queries(client, COMPARE, {"tools": ",".join(t.slug for t in compared)}),
        ]
    return counts


def test_catalogue_pages_cost_the_same_for_more_tools(client_for, verified_user):
    main = ToolFactory(name="Growth main", capabilities=CAPABILITIES, stages=STAGES)
    compared = [main, ToolFactory(name="Growth second", capabilities=["ocr"])]
    clients = [client_for(None), client_for(verified_user)]
    grow(3)  # 5 tools
    small = measure(clients, main, compared)
    grow(35)  # 40 tools
    large = measure(clients, main, compared)
    assert small == large
