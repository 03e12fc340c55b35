"""The catalogue list's responsible-use facets: "Independently tested", "Documents human
review of every decision" and "Spares analysts' exposure".

The catalogue reads its own columns; the responsible app's services copy them from each
tool's profile and evidence whenever either changes (views, admin, demo loader), and cached
list pages are invalidated. Only public claims make a tool "independently tested", so the
counts never reveal a restricted claim to a visitor.
"""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalogue.models import Tool
from responsible import services
from responsible.models import Evidence, ToolProfile
from tests.catalogue.factories import ToolFactory
from tests.catalogue.test_list import count, names
from tests.responsible.test_admin import change_data

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:tool-list")


def claim_for(tool, *, visibility="public", level=Evidence.Level.INDEPENDENTLY_TESTED, n=1):
    return services.evidence_record(
        tool=tool,
        claim=f"Evaluation {n} by a university lab",
        kind=Evidence.Kind.INDEPENDENT_EVALUATION,
        date=datetime.date(2025, 3, n),
        source_url="https://example.org/evaluation",
        level=level,
        visibility=visibility,
    )


def flags(tool) -> tuple[bool, bool, list[str]]:
    tool = Tool.objects.get(pk=tool.pk)
    return tool.independently_tested, tool.human_review_documented, tool.exposure_safeguards


@pytest.fixture
def profiles(tool):
    """HashHarbor (the conftest's ``tool``): a restricted-only independently tested claim,
    human review, blurring and de-duplication. Tested: a public independent test, grey-scaling.
    Claimed: a public vendor claim only, all four safeguards. Plain: no profile at all."""
    tested = ToolFactory(name="Tested")
    claim_for(tested)
    services.profile_update(tool=tested, exposure_safeguards=["greyscale"])
    claimed = ToolFactory(name="Claimed")
    claim_for(claimed, level=Evidence.Level.VENDOR_CLAIMED)
    services.profile_update(
        tool=claimed,
        exposure_safeguards=["blurring", "greyscale", "auto-categorisation", "de-duplication"],
        human_review_documented=True,
    )
    plain = ToolFactory(name="Plain")
    return {"hash": tool, "tested": tested, "claimed": claimed, "plain": plain}


@pytest.mark.parametrize("who", ["anonymous", "verified"])
def test_a_restricted_only_claim_makes_a_tool_independently_tested_for_nobody(
    client_for, verified_user, profiles, who
):
    client = client_for(verified_user if who == "verified" else None)
    response = client.get(URL)
    assert count(response, "independently_tested", "yes") == 1
    assert count(response, "independently_tested", "no") == 3
    response = client.get(URL, {"independently_tested": "yes"})
    assert names(response) == ["Tested"]
    assert "Independently tested: Yes" in response.text  # the chip
    assert names(client.get(URL, {"independently_tested": "no"})) == [
        "Claimed",
        "HashHarbor",
        "Plain",
    ]


def test_human_review_facet_counts_and_filters(client, profiles):
    response = client.get(URL)
    assert count(response, "human_review", "yes") == 2
    assert count(response, "human_review", "no") == 2
    response = client.get(URL, {"human_review": "yes"})
    assert names(response) == ["Claimed", "HashHarbor"]
    assert "Documents human review of every decision: Yes" in response.text


def test_exposure_facet_keeps_tools_with_any_chosen_safeguard(client, profiles):
    response = client.get(URL)
    assert count(response, "exposure", "blurring") == 2
    assert count(response, "exposure", "greyscale") == 2
    assert count(response, "exposure", "auto-categorisation") == 1
    assert count(response, "exposure", "de-duplication") == 2
    # Like deployment and languages, values within the facet are alternatives.
    response = client.get(URL, {"exposure": ["greyscale", "de-duplication"]})
    assert names(response) == ["Claimed", "HashHarbor", "Tested"]
    assert "Spares analysts’ exposure: Grey-scaling" in response.text
    assert "Spares analysts’ exposure: De-duplication" in response.text
    # Facets combine: with human review, the grey-scaling count keeps only "Claimed".
    response = client.get(URL, {"exposure": "greyscale", "human_review": "yes"})
    assert names(response) == ["Claimed"]
    assert count(response, "exposure", "blurring") == 2  # counted over the other facets


def test_an_unknown_safeguard_is_reported_not_a_500(client, profiles):
    response = client.get(URL, {"exposure": "x-ray"})
    assert response.status_code == 400
    assert "Spares analysts’ exposure" in response.text
    assert "not one of the available choices" in response.text


def test_flags_follow_every_profile_and_evidence_write(other_tool):
    assert flags(other_tool) == (False, False, [])
    services.profile_update(
        tool=other_tool, exposure_safeguards=["greyscale", "blurring"], human_review_documented=True
    )
    assert flags(other_tool) == (False, True, ["blurring", "greyscale"])
    claim = claim_for(other_tool, visibility="verified")
    assert flags(other_tool)[0] is False  # restricted: counts for nobody
    claim.visibility = "public"
    services.evidence_save(evidence=claim)
    assert flags(other_tool)[0] is True
    second = claim_for(other_tool, n=2)
    services.evidence_delete(evidence=claim)
    assert flags(other_tool)[0] is True  # the second public claim still counts
    services.evidence_delete(evidence=second)
    assert flags(other_tool)[0] is False
    services.profile_delete(profile=ToolProfile.objects.get(tool=other_tool))
    assert flags(other_tool) == (False, False, [])


def test_the_flags_leave_the_tools_own_history_and_date_alone(other_tool):
    before = Tool.objects.get(pk=other_tool.pk).updated_at
    services.profile_update(tool=other_tool, human_review_documented=True)
    assert Tool.objects.get(pk=other_tool.pk).updated_at == before


def test_cached_list_pages_change_when_flags_change(client, profiles):
    assert count(client.get(URL), "independently_tested", "yes") == 1
    claim_for(profiles["plain"])
    assert count(client.get(URL), "independently_tested", "yes") == 2
    services.profile_update(tool=profiles["plain"], exposure_safeguards=["auto-categorisation"])
    assert count(client.get(URL), "exposure", "auto-categorisation") == 2


def test_curators_admin_edits_refresh_the_flags(client_for, curator, other_tool):
    profile = ToolProfile.objects.create(tool=other_tool)
    client = client_for(curator)
    url = f"/admin/responsible/toolprofile/{profile.pk}/change/"
    data = change_data(profile, **{"evidence-0-level": "independently-tested"})
    assert client.post(url, data).status_code == 302
    assert flags(other_tool) == (True, True, ["blurring", "greyscale"])
    claim = Evidence.objects.get(profile=profile)
    data = change_data(
        profile,
        **{
            "entries-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "1",
            "evidence-0-id": claim.pk,
            "evidence-0-profile": profile.pk,
            "evidence-0-DELETE": "on",
            "exposure_safeguards": ["de-duplication"],
            "human_review_documented": "",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Evidence.objects.filter(pk=claim.pk).exists()
    assert flags(other_tool) == (False, False, ["de-duplication"])
    delete = f"/admin/responsible/toolprofile/{profile.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert flags(other_tool) == (False, False, [])


def test_admin_bulk_delete_of_profiles_refreshes_the_flags(client_for, curator, profiles):
    response = client_for(curator).post(
        "/admin/responsible/toolprofile/",
        {
            "action": "delete_selected",
            "_selected_action": [profiles["tested"].pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert flags(profiles["tested"]) == (False, False, [])


def test_the_export_carries_the_flags_anyone_may_see(client, profiles):
    response = client.get(reverse("catalogue:tool-export-json"), {"exposure": "greyscale"})
    rows = {row["name"]: row for row in json.loads(b"".join(response.streaming_content))}
    assert set(rows) == {"Claimed", "Tested"}
    assert rows["Tested"]["independently_tested"] is True
    assert rows["Tested"]["exposure_safeguards"] == ["greyscale"]
    assert rows["Claimed"]["human_review_documented"] is True
    response = client.get(reverse("catalogue:tool-export-csv"), {"human_review": "yes"})
    text = b"".join(response.streaming_content).decode()
    table = list(csv.DictReader(io.StringIO(text)))
    assert {"independently_tested", "human_review_documented", "exposure_safeguards"} <= set(
        table[0]
    )
    hash_row = next(row for row in table if row["name"] == "HashHarbor")
    assert hash_row["independently_tested"] == "False"  # its only test is restricted


def test_the_demo_loader_sets_the_flags(sample_file, db):
    from responsible.demo import load_tools

    tool = ToolFactory(slug="sample-hash-tool")
    load_tools(path=sample_file)
    # Its independent evaluation is for verified members only: not "independently tested".
    assert flags(tool) == (False, True, ["blurring", "greyscale"])


def test_the_new_facets_cost_no_query(
    client_for, verified_user, profiles, django_assert_max_num_queries
):
    # The flags are columns of the tool row: the one listing statement counts and filters
    # them, with no query per tool or per profile (the same budget as the plain list).
    client = client_for(verified_user)
    params = {"independently_tested": "no", "human_review": "yes", "exposure": "blurring"}
    with django_assert_max_num_queries(10):
        response = client.get(URL, params)
    assert names(response) == ["Claimed", "HashHarbor"]


def exposure_fieldset(response) -> str:
    text = response.text
    start = text.index('id="facet-exposure"')
    return text[start : text.index("</fieldset>", start)]


@pytest.mark.parametrize("who", ["anonymous", "verified"])
def test_the_exposure_facet_links_the_wellbeing_course_the_visitor_may_see(
    client_for, verified_user, profiles, who
):
    from tests.training.factories import CourseFactory

    CourseFactory(title="Draft wellbeing", topic="wellbeing", is_published=False)
    CourseFactory(title="Hashing basics", topic="tool_training")
    client = client_for(verified_user if who == "verified" else None)
    assert "course" not in exposure_fieldset(client.get(URL))  # nothing published yet
    course = CourseFactory(
        title="Resilience for analysts", topic="wellbeing", visibility="verified"
    )
    cache.clear()
    fieldset = exposure_fieldset(client.get(URL))
    if who == "verified":
        assert f'<a href="{course.get_absolute_url()}">Resilience for analysts</a>' in fieldset
    else:
        assert "Resilience for analysts" not in fieldset  # for verified members only
    assert "Draft wellbeing" not in fieldset


def test_a_facet_panel_must_name_a_facet_of_the_list():
    from django.core.exceptions import ImproperlyConfigured

    from catalogue.panels import register_facet_panel

    with pytest.raises(ImproperlyConfigured):
        register_facet_panel("x", facet="no-such-facet", template="x.html", context_fn=dict)
