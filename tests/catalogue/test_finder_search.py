"""The list search forgives: stems and prefixes, the finder's vocabulary as synonyms, glued
words split, corrections always said; and with a query it ranks by relevance by default."""

import re

import pytest
from django.urls import reverse

from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")


def names(response) -> list[str]:
    return re.findall(r'class="tool-card__title"><a href="[^"]+">([^<]+)<', response.text)


@pytest.fixture
def tools(db):
    return [
        ToolFactory(
            name="CaseWriter",
            capabilities=["report-automation"],
            summary="Drafts court reports; mentions hash matching results in passing.",
        ),
        ToolFactory(
            name="HashHarbor",
            capabilities=["hash-matching"],
            summary="Hash matching against known files, on premises.",
        ),
        ToolFactory(
            name="Audio Scribe",
            capabilities=["speech-to-text"],
            summary="Transcribes interviews and voice notes.",
        ),
        ToolFactory(
            name="SynthSpotter",
            capabilities=["ai-media-detection"],
            summary="Tells synthetic pictures from camera originals.",
        ),
        ToolFactory(
            name="GroomGuard",
            capabilities=["grooming-detection"],
            summary="Flags risky conversations.",
        ),
        ToolFactory(
            name="FaceThread",
            capabilities=["face-matching"],
            summary="Links faces across series to identify victims.",
        ),
    ]


def test_a_query_is_ranked_by_relevance_not_by_name(client, tools):
    response = client.get(URL, {"q": "hash matching"})
    assert names(response)[0] == "HashHarbor"
    # The form does not send a sort of its own with the query: "Best match" is chosen.
    assert '<option value="" selected>' in response.text
    assert '<option value="name" selected>' not in response.text
    # Sorting stays a choice.
    by_name = client.get(URL, {"q": "hash matching", "sort": "name"})
    assert names(by_name) == ["CaseWriter", "HashHarbor"]
    assert '<option value="name" selected>' in by_name.text


def test_an_empty_sort_from_the_form_without_javascript_is_relevance(client, tools):
    response = client.get(URL, {"q": "hash matching", "sort": ""})
    assert response.status_code == 200
    assert names(response)[0] == "HashHarbor"


def test_transcription_finds_the_tool_that_transcribes(client, tools):
    assert "Audio Scribe" in names(client.get(URL, {"q": "transcription"}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [("deepfake", "SynthSpotter"), ("sextorsion", "GroomGuard"), ("knownfile", "HashHarbor")],
)
def test_the_vocabulary_applies_to_the_list_search(client, tools, query, expected):
    response = client.get(URL, {"q": query})
    assert names(response)[0] == expected
    assert "Also searched for" in response.text


def test_misspelt_words_are_read_and_the_page_says_so(client, tools):
    response = client.get(URL, {"q": "victim identfication"})
    assert "FaceThread" in names(response)
    assert "Did you mean “victim identification”?" in response.text


def test_a_glued_word_is_split_into_catalogue_words(client, db):
    from catalogue import search

    ToolFactory(name="Plain", summary="Finds known file matches.", integrations="known file")
    assert search.corrected_text("knownfile") == "known file"


def test_search_syntax_cannot_break_the_query(client, tools):
    for query in ["hash & | ! :* <->", "'quoted", '"unclosed', "-", "or or", "ø:*"]:
        assert client.get(URL, {"q": query}).status_code == 200
