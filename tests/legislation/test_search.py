import pytest

from legislation.selectors import site_search

pytestmark = pytest.mark.django_db


def test_site_search_finds_instruments_and_jurisdictions(shipped):
    results = site_search(query="Lanzarote", user=None)
    assert results[0]["url"] == "/legislation/instruments/coe-lanzarote-convention/"
    assert {"title", "url", "summary"} <= set(results[0])
    results = site_search(query="Kenya", user=None)
    assert results[0]["url"] == "/legislation/jurisdictions/KE/"
    assert site_search(query="  ", user=None) == []
    assert len(site_search(query="a", user=None, limit=3)) == 3
