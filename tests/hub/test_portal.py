"""The shell over the three parts, with the demo data loaded: home page and site-wide search."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from hub.demo import ACCOUNTS
from hub.models import User


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_home_lists_the_five_stages_with_tool_counts(client, demo, django_assert_max_num_queries):
    # Stages and their counts come in one query, whatever the number of tools.
    with django_assert_max_num_queries(4):
        response = client.get("/")
    stages = response.context["stages"]
    assert [s.slug for s in stages] == [
        "prevention",
        "content-generation",
        "text-speech-analysis",
        "image-analysis",
        "process-workflow-optimisation",
    ]
    assert all(stage.tool_count > 0 for stage in stages)
    assert 'href="/tools/?stage=image-analysis"' in response.text


def test_site_search_finds_tools_courses_and_laws(client, demo, django_assert_max_num_queries):
    # Each part answers with a bounded number of queries, not one per result.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("hub:search"), {"q": "grooming"})
    sections = {s["app"]: s["results"] for s in response.context["sections"]}
    assert sections["catalogue"], "a demo tool detects grooming"
    assert sections["training"], "a demo course is about grooming in chat logs"
    assert sections["legislation"], "the Lanzarote Convention covers solicitation"
    for results in sections.values():
        for result in results:
            assert result["url"].startswith("/")
            assert result["title"]


def test_site_search_shows_anonymous_visitors_only_public_tools(client, demo):
    from catalogue.models import Tool

    restricted = Tool.objects.published().filter(visibility="verified").first()
    if restricted is None:
        pytest.skip("the demo data has no restricted tool")
    anonymous = client.get(reverse("hub:search"), {"q": restricted.name})
    titles = [r["title"] for s in anonymous.context["sections"] for r in s["results"]]
    assert restricted.name not in titles
    client.force_login(User.objects.get(email=ACCOUNTS["investigator"]))
    member = client.get(reverse("hub:search"), {"q": restricted.name})
    titles = [r["title"] for s in member.context["sections"] for r in s["results"]]
    assert restricted.name in titles
