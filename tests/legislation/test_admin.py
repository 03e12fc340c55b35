"""Curators edit the tracker in the admin: inlines, bulk actions, CSV, audit trail."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from legislation import services
from legislation.models import Assessment, Instrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client_for, curator):
    return client_for(curator)


@pytest.mark.parametrize(
    "name",
    [
        "instrument",
        "jurisdiction",
        "assessment",
        "event",
        "topic",
        "criterion",
        "participation",
        "coverage",
    ],
)
def test_changelists_open_for_curators(curator_client, shipped, name):
    response = curator_client.get(reverse(f"admin:legislation_{name}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_instrument_form_has_the_inlines(curator_client, shipped):
    instrument = Instrument.objects.get(slug="eu-ai-act")
    response = curator_client.get(
        reverse("admin:legislation_instrument_change", args=[instrument.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    for prefix in ["events", "coverages", "sources", "relations_out", "participations"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in body, prefix
    assert "Show changes" in body
    jurisdiction = instrument.jurisdiction
    response = curator_client.get(
        reverse("admin:legislation_jurisdiction_change", args=[jurisdiction.pk])
    )
    assert 'name="assessments-TOTAL_FORMS"' in response.content.decode()


def test_members_cannot_open_the_admin(client_for, verified_user):
    response = client_for(verified_user).get(reverse("admin:legislation_instrument_changelist"))
    assert response.status_code == 302


@time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC))
def test_mark_verified_today(curator_client, shipped):
    ids = list(Instrument.objects.filter(jurisdiction__code="GB").values_list("pk", flat=True))
    response = curator_client.post(
        reverse("admin:legislation_instrument_changelist"),
        {"action": "mark_verified_today", "_selected_action": ids},
        follow=True,
    )
    assert f"{len(ids)} instruments marked as verified today" in response.content.decode()
    assert set(Instrument.objects.filter(pk__in=ids).values_list("last_verified", flat=True)) == {
        datetime.date(2026, 11, 30)
    }
    ids = list(Assessment.objects.filter(jurisdiction__code="US").values_list("pk", flat=True))
    curator_client.post(
        reverse("admin:legislation_assessment_changelist"),
        {"action": "mark_verified_today", "_selected_action": ids},
    )
    assert not Assessment.objects.filter(pk__in=ids, last_verified__isnull=True).exists()


def test_matrix_csv_export_action(curator_client, shipped):
    from legislation.models import Jurisdiction

    ids = list(Jurisdiction.objects.filter(code__in=["GB", "US"]).values_list("pk", flat=True))
    response = curator_client.post(
        reverse("admin:legislation_jurisdiction_changelist"),
        {"action": "export_matrix_csv", "_selected_action": ids},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("GB,") or lines[1].startswith("US,")


def test_changes_are_kept_in_the_audit_trail(shipped):
    instrument = Instrument.objects.get(slug="uk-crime-and-policing-act-2026")
    before = instrument.history.count()
    services.instrument_change_status(
        instrument=instrument,
        status=Instrument.Status.IN_FORCE,
        on=datetime.date(2026, 6, 1),
        source_url="https://www.legislation.gov.uk/ukpga/2026/20",
        title="Commenced",
        kind="in_force",
    )
    assert instrument.history.count() == before + 1
    assert instrument.history.order_by("pgh_id").last().status == "in_force"
    # The status change is also a dated step on the timeline (and so in the feed).
    assert instrument.events.filter(title="Commenced").exists()


def test_assessment_record_service(shipped):
    from tests.legislation.factories import criterion, jurisdiction

    instrument = Instrument.objects.get(slug="eu-directive-2011-93")
    assessment = services.assessment_record(
        jurisdiction=jurisdiction("DE"),
        criterion=criterion("portal-grooming"),
        answer="yes",
        instrument=instrument,
        article="—",
    )
    assert assessment.pk and assessment.history.count() == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.assessment_record(
            jurisdiction=jurisdiction("DE"), criterion=criterion("portal-removal"), answer="yes"
        )


def test_a_status_change_in_the_admin_reaches_the_feed(curator_client, shipped, client):
    instrument = Instrument.objects.get(slug="uk-crime-and-policing-act-2026")
    url = reverse("admin:legislation_instrument_change", args=[instrument.pk])
    form = curator_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["status"] = Instrument.Status.PARTLY_IN_FORCE
    # No inline rows sent: the existing ones are left as they are.
    for prefix in ["events", "coverages", "sources", "relations_out", "participations"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    instrument.refresh_from_db()
    assert instrument.status == Instrument.Status.PARTLY_IN_FORCE
    feed = client.get(reverse("legislation:feed")).content.decode()
    assert "Status in the tracker: Partly in force" in feed
