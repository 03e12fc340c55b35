import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_atom_feed_lists_new_and_reverified_public_tools(client, db):
    ToolFactory(name="Fresh Tool", is_demo=True)
    ToolFactory(name="Members Tool", visibility="verified")
    ToolFactory(name="Draft Tool", status=Tool.Status.DRAFT, published_at=None)
    response = client.get(reverse("catalogue:tool-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Fresh Tool (fictional demo)" in response.text
    assert "Members Tool" not in response.text and "Draft Tool" not in response.text


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_export_follows_the_filters_and_hides_restricted_fields(client_for, verified_user):
    ToolFactory(name="Keep", stages=["prevention"])
    ToolFactory(name="Drop", stages=["image-analysis"])
    ToolFactory(name="Members", stages=["prevention"], visibility="verified")
    url = reverse("catalogue:tool-export-csv")
    rows = _csv(client_for(None).get(url, {"stage": "prevention"}))
    assert [row["name"] for row in rows] == ["Keep"]
    assert "contact" not in rows[0] and "pricing_details" not in rows[0]
    assert rows[0]["stages"] == "Prevention"
    rows = _csv(client_for(verified_user).get(url, {"stage": "prevention"}))
    assert [row["name"] for row in rows] == ["Keep", "Members"]
    assert rows[0]["contact"] == "Sales desk: sales@example.org"


def test_json_export(client_for, verified_user):
    ToolFactory(name="Alpha", capabilities=["ocr"])
    response = client_for(None).get(reverse("catalogue:tool-export-json"), {"q": "alpha"})
    data = json.loads(b"".join(response.streaming_content))
    assert data[0]["name"] == "Alpha" and data[0]["capabilities"] == ["OCR"]
    assert "contact" not in data[0]
    assert data[0]["url"].endswith("/tools/" + Tool.objects.get().slug + "/")
    assert "attachment" in response["Content-Disposition"]


def test_export_matches_the_list_count(client, db):
    for n in range(7):
        ToolFactory(name=f"Twin {n}", deployment=["cloud"] if n % 2 else ["api"])
    params = {"deployment": "cloud", "q": "twin"}
    listed = client.get(reverse("catalogue:tool-list"), params)
    assert "3 tools" in listed.text
    assert len(_csv(client.get(reverse("catalogue:tool-export-csv"), params))) == 3


def test_feed_uses_latest_of_publication_and_verification(client, time_machine):
    time_machine.move_to("2026-03-01")
    old = ToolFactory(name="Old", published_at=timezone.now(), last_verified=None)
    time_machine.move_to("2026-09-01")
    ToolFactory(name="New")
    old.last_verified = timezone.localdate()
    old.save()
    text = client.get(reverse("catalogue:tool-feed")).text
    assert "<updated>2026-09-01" in text


def test_csv_export_keeps_formulas_as_text(client, db):
    ToolFactory(name="=HYPERLINK(1)", summary="@SUM(A1) counts", integrations="-rm")
    rows = _csv(client.get(reverse("catalogue:tool-export-csv")))
    assert rows[0]["name"] == "'=HYPERLINK(1)"
    assert rows[0]["summary"] == "'@SUM(A1) counts" and rows[0]["integrations"] == "'-rm"
