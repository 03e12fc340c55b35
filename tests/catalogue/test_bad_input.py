"""Hostile or malformed input gets a message or a 4xx, never a 500."""

import pytest
from django.urls import reverse

from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")


@pytest.fixture(autouse=True)
def some_tools(db):
    for n in range(3):
        ToolFactory(name=f"Tool {n}")


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "no-such-stage"},
        {"capability": "' OR 1=1 --"},
        {"deployment": "moon"},
        {"open_source": "maybe"},
        {"provider_country": "ZZ"},
        {"sort": "price"},
        {"q": "x" * 201},
    ],
)
def test_invalid_values_get_a_400_with_a_message(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "not valid and were ignored" in response.text
    assert "Tool 0" in response.text  # the valid part of the request still lists tools


@pytest.mark.parametrize(
    "query",
    ["'\":*&|!<->()", "(((", "-", "or or or", "!!!", "\\", "a:*", '"unclosed', "<script>", "😀"],
)
def test_hostile_search_strings_are_harmless(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1].split("</main>", 1)[0].replace(
        '<script src="', ""
    )


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "", "9" * 40])
def test_malformed_page_numbers(client, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert "Tool 0" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/tools/export.csv?stage=nope",
        "/tools/export.json?q=" + "y" * 300,
    ],
)
def test_exports_refuse_invalid_filters(client, url):
    assert client.get(url).status_code == 400


def test_unknown_tool_and_shortlist(client_for, verified_user):
    assert client_for(None).get("/tools/does-not-exist/").status_code == 404
    assert client_for(verified_user).get("/tools/shortlists/999999/").status_code == 404


def test_fragment_with_bad_input(client):
    response = client.get(URL, {"stage": "nope"}, HTTP_X_CATALOGUE_FRAGMENT="browser")
    assert response.status_code == 400
    assert "not valid" in response.text


@pytest.mark.parametrize("tools", [["\x00"], ["tool-0", "tool-1\x00"], ["tool-0,\x00,tool-1"]])
def test_compare_with_a_nul_byte_is_a_bad_request(client, tools):
    # Refused before the view by hub.middleware.RejectControlCharactersMiddleware.
    response = client.get(reverse("catalogue:tool-compare"), {"tools": tools})
    assert response.status_code == 400
