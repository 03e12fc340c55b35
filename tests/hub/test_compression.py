"""Pages travel gzipped to browsers that accept it (agency links are often slow), without
giving BREACH a secret to guess: anonymous pages carry no CSRF token, and a member's token is
masked afresh on every response while each gzip stream carries random padding."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_list_page_is_sent_gzipped_and_small(client):
    for i in range(20):
        ToolFactory(name=f"Compressed tool {i}", summary="A summary of what the tool does. " * 4)
    response = client.get(reverse("catalogue:tool-list"), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert b"Compressed tool 0" in html
    assert len(response.content) < 25_000
    assert len(response.content) < len(html) / 3


def test_pages_stay_plain_for_clients_that_do_not_accept_gzip(client):
    response = client.get(reverse("catalogue:tool-list"))
    assert "Content-Encoding" not in response
    assert b"</html>" in response.content


def test_anonymous_pages_carry_no_csrf_token_to_guess(client):
    for url in [reverse("hub:home"), reverse("catalogue:tool-list")]:
        html = gzip.decompress(client.get(url, **GZIP).content)
        assert not TOKEN.search(html), url


def test_a_members_token_and_the_compressed_bytes_differ_on_every_response(
    client_for, verified_user
):
    client = client_for(verified_user)
    url = reverse("catalogue:tool-list")
    first, second = client.get(url, **GZIP), client.get(url, **GZIP)
    tokens = [TOKEN.search(gzip.decompress(r.content)).group(1) for r in (first, second)]
    assert tokens[0] != tokens[1]  # masked per response: no constant secret in the stream
    assert first.content != second.content
