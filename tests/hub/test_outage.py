"""PostgreSQL down, for real: the connection points at a port where nothing listens."""

import logging

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse


@pytest.fixture
def database_down(transactional_db):
    """Every new connection from now on fails, as when PostgreSQL is stopped."""
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def test_a_page_during_an_outage_is_a_503_logged_in_one_line(database_down, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("hub:search"), {"q": "grooming"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach its database" in response.text
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "\n" not in records[0].getMessage()
    assert "/search/" in records[0].getMessage()
    assert "PostgreSQL unreachable" in records[0].getMessage()
    assert records[0].exc_text is None


def test_healthz_during_an_outage_says_503(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
