"""Curators edit profiles and evidence in the admin; every save passes the services' checks."""

import pytest

from responsible.models import Evidence, ProfileEntry, ToolProfile
from tests.responsible.conftest import sub

pytestmark = pytest.mark.django_db


def change_data(profile, **extra):
    data = {
        "tool": profile.tool_id,
        "exposure_safeguards": ["blurring", "greyscale"],
        "human_review_documented": "on",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-sub_principle": sub("privacy").pk,
        "entries-0-status": "documented",
        "entries-0-text": "Data stays on premises.",
        "entries-0-sources": "https://example.org/dpia",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-date": "2025-09-01",
        "evidence-0-claim": "Data-protection impact assessment published",
        "evidence-0-kind": "data-protection",
        "evidence-0-level": "peer-reported",
        "evidence-0-source_url": "https://example.org/dpia",
        "evidence-0-visibility": "public",
    }
    # Existing rows of the fixture's profile are left as they are.
    data.update(extra)
    return data


def test_curator_edits_a_profile_with_its_entries_and_evidence(client_for, curator, other_tool):
    profile = ToolProfile.objects.create(tool=other_tool)
    client = client_for(curator)
    assert client.get("/admin/responsible/toolprofile/").status_code == 200
    url = f"/admin/responsible/toolprofile/{profile.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, change_data(profile))
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.exposure_safeguards == ["blurring", "greyscale"]
    assert profile.human_review_documented
    entry = ProfileEntry.objects.get(profile=profile)
    assert (entry.status, entry.sources) == ("documented", ["https://example.org/dpia"])
    assert Evidence.objects.get(profile=profile).level == "peer-reported"


def test_admin_refuses_over_long_text_and_bad_levels(client_for, curator, other_tool):
    profile = ToolProfile.objects.create(tool=other_tool)
    response = client_for(curator).post(
        f"/admin/responsible/toolprofile/{profile.pk}/change/",
        change_data(profile, **{"entries-0-text": "x" * 1001, "evidence-0-level": "rumour"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 1000 characters" in html
    assert "Select a valid choice" in html
    assert not ProfileEntry.objects.filter(profile=profile).exists()


def test_reference_data_admin_pages(client_for, curator):
    client = client_for(curator)
    assert client.get("/admin/responsible/principle/").status_code == 200
    assert client.get("/admin/responsible/subprinciple/").status_code == 200
    assert client.get("/admin/responsible/proposal/").status_code == 200


def test_assessments_have_no_admin(client_for, curator):
    assert client_for(curator).get("/admin/responsible/assessment/").status_code == 404
