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


ASSESSMENT_HEADER = (
    "jurisdiction,criterion,answer,instrument,articles,note,source_url,assessed_on,verified\n"
)
PARTICIPATION_HEADER = (
    "state,treaty,signed,consent,consent_kind,entry_into_force,reservations,source_url,"
    "read_on,verified\n"
)


def _upload(client, url, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.get(url)
    form = page.context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    return client.post(
        url,
        {
            "resource": "0",
            "format": csv_choice,
            "import_file": SimpleUploadedFile("rows.csv", text.encode(), "text/csv"),
        },
    )


def test_assessment_csv_import_previews_and_refuses_an_uncited_yes(curator_client, shipped):
    url = reverse("admin:legislation_assessment_import")
    good = "DE,portal-grooming,yes,eu-directive-2011-93,Art. 6,,https://eur-lex.europa.eu/x,2026-12-01,unverified\n"
    bad = "FR,icmec-possession,yes,eu-directive-2011-93,,,,2026-12-01,yes\n"
    foreign = "FR,portal-removal,yes,uk-online-safety-act-2023,s.10,,,2026-12-01,yes\n"
    response = _upload(curator_client, url, ASSESSMENT_HEADER + good + bad + foreign)
    body = response.content.decode()
    assert response.status_code == 200
    # The preview names each faulty row and its reason; nothing is written yet.
    assert "Name the articles or sections that carry this answer." in body
    assert "does not bind France" in body
    assert not Assessment.objects.filter(jurisdiction__code="DE").exists()
    # The good row alone imports, through the service, with its date and its flag.
    response = _upload(curator_client, url, ASSESSMENT_HEADER + good)
    assert "confirm" in response.content.decode().lower()
    import tablib

    from legislation.admin import AssessmentResource

    result = AssessmentResource().import_data(
        tablib.Dataset().load(ASSESSMENT_HEADER + good, format="csv"), dry_run=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    saved = Assessment.objects.get(jurisdiction__code="DE", criterion__slug="portal-grooming")
    assert (saved.article, saved.verified, saved.assessed_on.isoformat()) == (
        "Art. 6",
        False,
        "2026-12-01",
    )
    assert saved.history.exists()  # audit trail


def test_participation_csv_import(curator_client, shipped):
    import tablib

    from legislation.admin import ParticipationResource
    from legislation.models import Participation

    rows = (
        PARTICIPATION_HEADER
        + "FR,cets201,2007-10-25,2010-09-27,ratification,2011-01-01,,https://www.coe.int/x,"
        "2026-12-01,yes\n" + "GB,uncc,2025-10,,,,,https://treaties.un.org/x,2026-12-01,unverified\n"
    )
    result = ParticipationResource().import_data(
        tablib.Dataset().load(rows, format="csv"), dry_run=True
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert not Participation.objects.exists()  # a preview writes nothing
    ParticipationResource().import_data(tablib.Dataset().load(rows, format="csv"), dry_run=False)
    france = Participation.objects.get(jurisdiction__code="FR")
    assert (france.status, france.consent_kind, france.ratified_on.isoformat()) == (
        "ratified",
        "ratification",
        "2010-09-27",
    )
    uk = Participation.objects.get(jurisdiction__code="GB")
    assert (uk.status, uk.signed_precision, uk.verified) == ("signed", "month", False)
    bad = PARTICIPATION_HEADER + "FR,opsc,,2003-13-40,,,,https://x.org,,yes\n"
    result = ParticipationResource().import_data(
        tablib.Dataset().load(bad, format="csv"), dry_run=True
    )
    assert result.has_validation_errors()
    response = _upload(curator_client, reverse("admin:legislation_participation_import"), bad)
    assert "is not a date" in response.content.decode()


def test_stale_jurisdictions_and_mark_checked(curator_client, shipped):
    from legislation.models import Jurisdiction

    url = reverse("admin:legislation_jurisdiction_changelist")
    response = curator_client.get(url, {"stale": "stale"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 193  # nobody has checked any state yet
    assert "Data checks" in response.content.decode()
    gb = Jurisdiction.objects.get(code="GB")
    curator_client.post(url, {"action": "mark_checked_today", "_selected_action": [gb.pk]})
    gb.refresh_from_db()
    assert gb.last_checked == datetime.date.today()
    assert gb.history.exists()
    assert curator_client.get(url, {"stale": "stale"}).context["cl"].result_count == 192


def test_data_checks_page(curator_client, shipped, client_for, verified_user):
    url = reverse("admin:legislation_jurisdiction_data_checks")
    response = curator_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Only an EU directive" in body and "France" in body
    assert client_for(verified_user).get(url).status_code == 302
