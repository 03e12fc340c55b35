import re

import pytest
from django.urls import reverse

from catalogue import selectors
from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")


def names(response) -> list[str]:
    return re.findall(r'class="tool-card__title"><a href="[^"]+">([^<]+)<', response.text)


def option(response, facet: str, value: str) -> str:
    pattern = (
        rf'<li class="facet__option[^"]*"><input[^>]*name="{facet}" value="{value}"[^>]*>'
        r'[^<]*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)'
    )
    match = re.search(pattern, response.text)
    assert match, f"no option {facet}={value}"
    return match.group(0)


def count(response, facet: str, value: str) -> int:
    return int(re.search(r"\((\d+)\)$", option(response, facet, value)).group(1))


@pytest.fixture
def catalogue(db):
    return {
        "hash": ToolFactory(
            name="HashHarbor",
            stages=["image-analysis"],
            capabilities=["hash-matching"],
            deployment=["on-premises"],
            integrations="Imports PhotoDNA hash lists",
        ),
        "age": ToolFactory(
            name="AgeLens",
            stages=["image-analysis"],
            capabilities=["age-estimation"],
            deployment=["cloud"],
            cost_model="subscription",
        ),
        "chat": ToolFactory(
            name="GroomGuard",
            stages=["text-speech-analysis", "prevention"],
            capabilities=["grooming-detection"],
            deployment=["on-premises", "api"],
            languages=["en", "fr"],
        ),
        "restricted": ToolFactory(
            name="Quiet Vault", stages=["image-analysis"], visibility="verified"
        ),
        "draft": ToolFactory(name="Unpublished", status=Tool.Status.DRAFT, published_at=None),
    }


def test_stage_entry_points_count_public_published_tools(catalogue):
    stages = {stage.slug: stage for stage in selectors.stage_entry_points()}
    assert list(stages) == [
        "prevention",
        "content-generation",
        "text-speech-analysis",
        "image-analysis",
        "process-workflow-optimisation",
    ]
    assert stages["image-analysis"].tool_count == 2  # restricted and draft are not counted
    assert stages["prevention"].tool_count == 1
    assert stages["prevention"].description


def test_home_page_links_stages_to_the_list(client, catalogue):
    response = client.get("/")
    assert f'href="{URL}?stage=image-analysis"' in response.text


def test_list_shows_published_tools_the_visitor_may_see(
    client_for, catalogue, verified_user, pending_user
):
    # The page is cached per visibility level: a verified member's page is never served to
    # others, whatever the order of visits.
    assert "Quiet Vault" in names(client_for(verified_user).get(URL))
    assert names(client_for(None).get(URL)) == ["AgeLens", "GroomGuard", "HashHarbor"]
    assert "Quiet Vault" not in names(client_for(pending_user).get(URL))
    assert "Quiet Vault" in names(client_for(verified_user).get(URL))


def test_browse_by_stage_and_facet_counts(client, catalogue):
    response = client.get(URL, {"stage": "image-analysis"})
    assert names(response) == ["AgeLens", "HashHarbor"]
    # Counts of the stage facet ignore the stage choice itself ...
    assert count(response, "stage", "text-speech-analysis") == 1
    # ... other facets count within the chosen stage; zero values stay, disabled.
    assert count(response, "deployment", "cloud") == 1
    assert count(response, "deployment", "api") == 0
    assert "disabled" in option(response, "deployment", "api")
    assert "checked" in option(response, "stage", "image-analysis")


def test_values_within_a_facet_are_alternatives_and_facets_combine(client, catalogue):
    response = client.get(URL, {"deployment": ["cloud", "api"]})
    assert names(response) == ["AgeLens", "GroomGuard"]
    response = client.get(URL, {"deployment": ["cloud", "api"], "stage": "prevention"})
    assert names(response) == ["GroomGuard"]
    response = client.get(URL, {"cost": "subscription", "language": "fr"})
    assert names(response) == []
    assert "No tools match these choices." in response.text


def test_every_facet_filters(client, catalogue):
    checks = {
        "capability": ("grooming-detection", ["GroomGuard"]),
        "data_type": ("images", ["AgeLens", "GroomGuard", "HashHarbor"]),
        "phase": ("detection", ["AgeLens", "GroomGuard", "HashHarbor"]),
        "open_source": ("yes", []),
        "language": ("fr", ["GroomGuard"]),
        "provider_kind": ("company", ["AgeLens", "GroomGuard", "HashHarbor"]),
        "provider_country": ("FR", ["AgeLens", "GroomGuard", "HashHarbor"]),
        "cost": ("subscription", ["AgeLens"]),
    }
    for facet, (value, expected) in checks.items():
        assert names(client.get(URL, {facet: value})) == expected, facet


def test_chips_remove_one_choice_each(client, catalogue):
    response = client.get(URL, {"stage": "image-analysis", "deployment": "cloud", "q": "lens"})
    chips = re.findall(r'<a class="chip" href="([^"]+)"', response.text)
    assert len(chips) == 3
    assert any("deployment" not in chip and "stage=image-analysis" in chip for chip in chips)


def test_sorting(client, catalogue):
    catalogue["hash"].last_verified = catalogue["hash"].last_verified.replace(year=2020)
    catalogue["hash"].save()
    assert names(client.get(URL, {"sort": "name"})) == ["AgeLens", "GroomGuard", "HashHarbor"]
    assert names(client.get(URL, {"sort": "verified"}))[-1] == "HashHarbor"


def test_pagination_keeps_the_filters(client, db):
    for n in range(25):
        ToolFactory(name=f"Paged {n:02d}", stages=["prevention"])
    response = client.get(URL, {"stage": "prevention"})
    assert "Page 1 of 2" in response.text
    assert "stage=prevention" in re.search(r'rel="next" href="([^"]+)"', response.text).group(1)
    response = client.get(URL, {"stage": "prevention", "page": "2"})
    assert len(names(response)) == 5


def test_fragment_request_returns_the_partial_only(client, catalogue):
    response = client.get(URL, {"stage": "prevention"}, HTTP_X_CATALOGUE_FRAGMENT="browser")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="catalogue-facets"' in response.text
    assert names(response) == ["GroomGuard"]
    assert "X-Catalogue-Fragment" in response["Vary"]


def test_cached_list_changes_when_the_catalogue_changes(client, catalogue):
    assert "New Arrival" not in client.get(URL).text
    ToolFactory(name="New Arrival")
    assert "New Arrival" in client.get(URL).text


def test_demo_and_restricted_badges(client_for, verified_user, db):
    ToolFactory(name="Demo Thing", is_demo=True, visibility="verified")
    response = client_for(verified_user).get(URL)
    assert "fictional demo" in response.text
    assert "verified members" in response.text


def test_list_query_count_does_not_grow_with_rows(
    client_for, verified_user, django_assert_max_num_queries, db
):
    for n in range(30):
        ToolFactory(name=f"Bulk {n}", capabilities=["ocr", "triage"], stages=["prevention"])
    params = {
        "q": "bulk",
        "stage": "prevention",
        "capability": ["ocr", "triage"],
        "deployment": "on-premises",
        "language": "en",
        "cost": "free",
        "open_source": "no",
        "provider_kind": "company",
        "provider_country": "FR",
        "data_type": "images",
        "phase": "detection",
        "sort": "relevance",
    }
    client = client_for(verified_user)
    # Cards read stages, capabilities and provider in the page query: no query per tool.
    with django_assert_max_num_queries(10):
        response = client.get(URL, params)
    assert len(names(response)) == 20
    # A misspelled search adds the correction lookup and one more listing statement.
    with django_assert_max_num_queries(10):
        client.get(URL, {**params, "q": "bulc"})


def test_anonymous_page_is_served_whole_from_cache_but_never_to_members(
    client, client_for, verified_user, catalogue, django_assert_num_queries
):
    first = client.get(URL, {"stage": "prevention"})
    assert "csrfmiddlewaretoken" not in first.text
    # The same state again: no query at all, the same page.
    with django_assert_num_queries(0):
        again = client.get(URL, {"stage": "prevention"})
    assert again.content == first.content
    # A signed-in member gets a page of their own (their name in the header).
    member_page = client_for(verified_user).get(URL, {"stage": "prevention"})
    assert verified_user.get_short_name() in member_page.text
    assert verified_user.get_short_name() not in again.text
