"""The shipped facts: loaded once, never overwriting a curator, never claiming without a source."""

import io

import pytest
from django.db import IntegrityError, transaction

from legislation import data, demo, services
from legislation.models import Assessment, Coverage, Event, Instrument, Relation

pytestmark = pytest.mark.django_db


def test_seed_loads_the_shipped_instruments_and_is_idempotent():
    out = io.StringIO()
    demo.seed(stdout=out)
    counts = (
        Instrument.objects.count(),
        Event.objects.count(),
        Coverage.objects.count(),
        Assessment.objects.count(),
        Relation.objects.count(),
    )
    assert counts[0] == len(data.INSTRUMENTS) == 14
    assert counts[3] == len(data.ASSESSMENTS)
    demo.seed(stdout=out)
    assert counts == (
        Instrument.objects.count(),
        Event.objects.count(),
        Coverage.objects.count(),
        Assessment.objects.count(),
        Relation.objects.count(),
    )


def test_reloading_keeps_a_curators_corrections(shipped):
    instrument = Instrument.objects.get(slug="uk-online-safety-act-2023")
    instrument.summary = "Corrected by a curator."
    instrument.save()
    services.shipped_data_load()
    instrument.refresh_from_db()
    assert instrument.summary == "Corrected by a curator."


def test_every_instrument_cites_an_official_source(shipped):
    for instrument in Instrument.objects.all():
        assert instrument.official_url.startswith("https://"), instrument
        assert instrument.summary
    for event in Event.objects.all():
        assert event.source_url.startswith("https://"), event


def test_every_shipped_assessment_cites_an_instrument(shipped):
    assert not Assessment.objects.filter(instrument__isnull=True).exclude(answer="unknown")
    # Only the three states with shipped national law are assessed at all.
    assert set(Assessment.objects.values_list("jurisdiction__code", flat=True)) == {
        "GB",
        "US",
        "AU",
    }


def test_unverified_facts_are_not_shipped_as_fact(shipped):
    # The fact sheet marks the UK duty to report to the NCA and US §2258A as unverified.
    assert not Coverage.objects.filter(topic__slug="provider-reporting").exclude(
        instrument__status__in=["proposed", "under_deliberation"]
    )
    assert not Assessment.objects.filter(criterion__slug="icmec-isp-reporting").exists()
    australia = Instrument.objects.get(slug="au-online-safety-act-2021")
    assert "not been verified" in australia.status_note
    # Month-only dates are stored with their precision, not as an invented day.
    parliament = Event.objects.get(title="European Parliament adopts its position")
    assert parliament.date_precision == "month"


def test_an_answer_without_a_cited_instrument_is_refused(db):
    from tests.legislation.factories import criterion, jurisdiction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            jurisdiction=jurisdiction("FR"), criterion=criterion("icmec-definition"), answer="yes"
        )


def test_relations(shipped):
    recast = Instrument.objects.get(slug="eu-csa-directive-recast-proposal")
    assert recast.relations_out.get().target.slug == "eu-directive-2011-93"


def test_reference_data_is_restored_in_an_emptied_database(db):
    from legislation.models import Criterion, Jurisdiction, Topic

    assert services.reference_data_ensure() == 0  # the migrations made everything
    Assessment.objects.all().delete()
    Jurisdiction.objects.filter(code__in=["FR", "EU"]).delete()
    Topic.objects.filter(slug="grooming").delete()
    Criterion.objects.filter(slug="portal-grooming").delete()
    assert services.reference_data_ensure() == 4
    assert Jurisdiction.objects.get(code="EU").members.count() == 27
    assert Topic.objects.get(slug="grooming").capabilities.exists()
