"""The criteria matrix: 193 states × 10 criteria in a fixed number of queries."""

import csv
import io
import re

import pytest
from django.urls import reverse

from legislation.models import Assessment, Criterion, Jurisdiction
from tests.legislation.factories import InstrumentFactory

pytestmark = pytest.mark.django_db
MATRIX = reverse("legislation:matrix")


@pytest.fixture
def full_matrix(db):
    """An answer in every cell: 193 × 10 assessments, all citing one instrument."""
    instrument = InstrumentFactory()
    answers = ["yes", "partial", "no", "unknown"]
    Assessment.objects.bulk_create(
        Assessment(
            jurisdiction=state,
            criterion=criterion,
            answer=answers[(i + j) % 4],
            instrument=instrument,
            article="s. 1",
            assessed_on="2026-11-30",
        )
        for i, state in enumerate(Jurisdiction.objects.states())
        for j, criterion in enumerate(Criterion.objects.all())
    )


def test_matrix_with_every_cell_filled_stays_within_fixed_queries(
    client, full_matrix, django_assert_max_num_queries
):
    # Guards the N+1 over 1,930 cells and 193 × 5 treaty cells: states, criteria, assessments,
    # treaties and ratifications are one query each.
    with django_assert_max_num_queries(6):
        response = client.get(MATRIX)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 193
    summary = response.context["summary"]
    assert len(summary) == 10
    assert all(
        item["yes"] + item["partial"] + item["no"] + item["unknown"] == 193 for item in summary
    )


def test_matrix_reads_without_colour(client, shipped):
    body = client.get(MATRIX).content.decode()
    assert "✓" in body and "?" in body
    assert "<td class=y><i>Yes</i>" in body  # the word is there for screen readers
    # Unknown cells stay empty (the legend and caption say so) to keep 193 rows light.
    assert "Unknown (an empty cell)" in body and "<td><td>" in body
    assert "Portal&#x27;s own" in body or "Portal's own" in body


def test_matrix_sorts_and_filters(client, shipped):
    rows = client.get(MATRIX, {"sort": "score"}).context["rows"]
    assert rows[0]["jurisdiction"].code == "US"  # the most criteria met on shipped evidence
    rows = client.get(MATRIX, {"sort": "-name"}).context["rows"]
    assert rows[0]["name"] > rows[-1]["name"]
    rows = client.get(MATRIX, {"sort": "portal-removal"}).context["rows"]
    assert {r["jurisdiction"].code for r in rows[:2]} == {"GB", "AU"}
    europe = client.get(MATRIX, {"region": "europe"}).context["rows"]
    assert len(europe) == 43


@pytest.mark.parametrize("params", [{"sort": "shoe-size"}, {"region": "atlantis"}])
def test_matrix_bad_input(client, params):
    response = client.get(MATRIX, params)
    assert response.status_code == 400
    assert "notice--error" in response.content.decode()
    assert client.get(reverse("legislation:matrix-csv"), params).status_code == 400


def test_matrix_csv(client, shipped, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("legislation:matrix-csv"), {"region": "americas"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["code", "jurisdiction", "region", "criteria met"]
    assert len(rows) == 1 + 35
    us = next(row for row in rows if row[0] == "US")
    assert us[4] == "yes" and "18 U.S.C. §2252A" in us[5]


def test_matrix_csv_cells_cannot_run_as_formulas(client, db):
    from tests.legislation.factories import AssessmentFactory, InstrumentFactory

    AssessmentFactory(instrument=InstrumentFactory(short_title="=HYPERLINK(1)"))
    body = client.get(reverse("legislation:matrix-csv")).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_matrix_one_framework(client, shipped):
    response = client.get(MATRIX, {"framework": "icmec", "sort": "score"})
    assert [c.slug for c in response.context["criteria"]] == [
        "icmec-legislation",
        "icmec-definition",
        "icmec-technology",
        "icmec-possession",
        "icmec-isp-reporting",
    ]
    assert response.context["rows"][0]["met"] == 3  # the United States on ICMEC's five
    assert client.get(MATRIX, {"framework": "other"}).status_code == 400
    body = client.get(reverse("legislation:matrix-csv"), {"framework": "portal"}).content
    assert b"icmec-" not in body.splitlines()[0]


def test_a_full_matrix_stays_light(client, full_matrix, shipped):
    """193 states × 10 criteria, every cell answered, and every state bound by every treaty:
    the page stays under 100 KB uncompressed (it was 290 KB with empty cells), and the only
    aria-label the Nu checker refused (on a <p>) is gone."""
    import datetime

    from legislation.models import Instrument, Participation

    treaties = list(Instrument.objects.exclude(code=""))
    Participation.objects.bulk_create(
        Participation(
            jurisdiction=state,
            treaty=treaty,
            status="ratified",
            ratified_on=datetime.date(2010, 1, 1),
            source_url="https://example.org/treaty-office",
            verified=bool(i % 2),
        )
        for i, state in enumerate(Jurisdiction.objects.states())
        for treaty in treaties
    )
    response = client.get(MATRIX)
    body = response.content.decode()
    assert len(treaties) == 5
    assert len(response.content) < 90_000, len(response.content)
    assert body.count("<tr><th scope=row>") == 193
    assert "2010*" in body and "<p" in body
    assert not re.search(r"<p[^>]*aria-label", body)
