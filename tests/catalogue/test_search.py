import re

import pytest
from django.urls import reverse

from catalogue import selectors
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")


def names(response) -> list[str]:
    return re.findall(r'class="tool-card__title"><a href="[^"]+">([^<]+)<', response.text)


@pytest.fixture
def tools(db):
    return [
        ToolFactory(
            name="FaceThread",
            capabilities=["face-matching"],
            summary="Links faces across cases.",
            description="Face matching that runs in the cloud or on premises.",
            deployment=["cloud"],
        ),
        ToolFactory(
            name="Likeness Link",
            capabilities=["face-matching"],
            summary="Face matching on premises.",
            deployment=["on-premises"],
        ),
        ToolFactory(
            name="HashHarbor",
            capabilities=["hash-matching"],
            integrations="Imports PhotoDNA and PDQ hash lists",
        ),
        ToolFactory(name="AgeLens", capabilities=["age-estimation"], summary="Apparent age."),
    ]


def test_websearch_syntax_phrases_and_exclusions(client, tools):
    assert set(names(client.get(URL, {"q": '"face matching"'}))) == {"FaceThread", "Likeness Link"}
    assert names(client.get(URL, {"q": '"face matching" -cloud'})) == ["Likeness Link"]
    assert set(names(client.get(URL, {"q": "hash or age"}))) == {"HashHarbor", "AgeLens"}


def test_name_weighs_more_than_description(client, db):
    ToolFactory(name="Alpha", description="mentions lantern once")
    ToolFactory(name="Lantern", description="nothing")
    assert names(client.get(URL, {"q": "lantern"})) == ["Lantern", "Alpha"]


def test_snippets_highlight_matches_and_escape_text(client, db):
    ToolFactory(name="Marker", summary="Detects <script>alert(1)</script> grooming patterns")
    response = client.get(URL, {"q": "grooming"})
    assert "<mark>grooming</mark>" in response.text
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("fotodna", "HashHarbor"), ("age estmation", "AgeLens"), ("facethred", "FaceThread")],
)
def test_misspelled_searches_still_find_tools(client, tools, typo, expected):
    response = client.get(URL, {"q": typo})
    assert expected in names(response)
    # Never silent: a correction by the catalogue's words or by the finder's vocabulary.
    assert "Showing results for" in response.text or "Did you mean" in response.text


def test_site_search_contract(tools, verified_user):
    ToolFactory(name="Hidden Face Tool", capabilities=["face-matching"], visibility="verified")
    results = selectors.site_search(query="face matching", user=None, limit=5)
    assert {r["title"] for r in results} == {"FaceThread", "Likeness Link"}
    assert set(results[0]) == {"title", "url", "summary"}
    assert results[0]["url"].startswith("/tools/")
    assert len(selectors.site_search(query="face matching", user=verified_user, limit=5)) == 3
    assert selectors.site_search(query="fotodna", user=None)[0]["title"] == "HashHarbor"
    assert selectors.site_search(query="", user=None) == []
    assert len(selectors.site_search(query="face", user=None, limit=1)) == 1


def test_site_wide_search_page_lists_tools(client, tools):
    response = client.get(reverse("hub:search"), {"q": "age estmation"})
    assert response.status_code == 200
    assert "AgeLens" in response.text


def test_correction_that_finds_nothing_is_not_announced(client, tools):
    response = client.get(URL, {"q": "fotodna", "stage": "prevention"})
    assert names(response) == []
    assert "Showing results for" not in response.text


def test_snippets_drop_markdown_marks(client, db):
    ToolFactory(name="Marker", description="**Bold claim** about _hash matching_ in `code`.")
    response = client.get(reverse("catalogue:tool-list"), {"q": "hash"})
    snippet = re.search(r'class="tool-card__snippet">(.*?)</p>', response.text, re.S)
    assert snippet, "the card shows a snippet"
    assert "**" not in snippet.group(1) and "`" not in snippet.group(1)
    assert "<mark>hash</mark>" in snippet.group(1)
