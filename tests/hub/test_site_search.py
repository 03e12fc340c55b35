"""Site-wide search: a total per part, a link into each part's own list with the query, and
typo correction for courses and laws as for tools."""

import pytest
from django.urls import reverse

from tests.catalogue.factories import ToolFactory
from tests.legislation.factories import InstrumentFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db
URL = reverse("hub:search")


def sections(response) -> dict:
    return {s["app"]: s for s in response.context["sections"]}


def test_totals_and_see_all_links(client):
    for i in range(7):
        ToolFactory(name=f"Grooming Radar {i}", capabilities=["grooming-detection"])
    CourseFactory(title="Grooming in chat logs", summary="Recognising grooming.")
    response = client.get(URL, {"q": "grooming"})
    found = sections(response)
    assert found["catalogue"]["total"] == 7 and len(found["catalogue"]["results"]) == 5
    assert found["training"]["total"] == 1
    assert 'Tools <span class="muted search-section__total">(7)</span>' in response.text
    assert 'href="/tools/?q=grooming"' in response.text
    assert 'href="/training/?q=grooming"' in response.text
    assert "See all in Legislation" not in response.text  # nothing there to see


def test_more_than_a_hundred_is_said_as_such(client):
    for i in range(101):
        ToolFactory(name=f"Hash Tool {i}", slug=f"hash-tool-{i}")
    response = client.get(URL, {"q": "hash"})
    assert sections(response)["catalogue"]["more"]
    assert "more than 100" in response.text


def test_misspelt_words_are_corrected_for_courses_and_laws(client):
    CourseFactory(title="Sextortion casework", summary="Handling sextortion reports.")
    InstrumentFactory(short_title="Sextortion Act", summary="Criminalises sextortion.")
    response = client.get(URL, {"q": "sextortin"})
    found = sections(response)
    assert found["training"]["results"] and found["training"]["corrected"] == "sextortion"
    assert found["legislation"]["results"]
    assert "Showing results for “sextortion”" in response.text
    assert 'href="/legislation/?q=sextortion"' in response.text


def test_short_words_are_not_corrected_into_other_words(client):
    CourseFactory(title="What the law has to say")
    response = client.get(URL, {"q": "hash"})
    assert not sections(response)["training"]["results"]
