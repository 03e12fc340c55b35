import datetime
from pathlib import Path

import pytest
from django.core.cache import cache

from responsible import services
from responsible.models import Evidence, SubPrinciple
from tests.catalogue.factories import ToolFactory
from tests.factories import AgencyFactory, UserFactory

SAMPLE = Path(__file__).resolve().parent / "sample_catalogue.json"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def sub(slug: str) -> SubPrinciple:
    return SubPrinciple.objects.get(slug=slug)


@pytest.fixture
def sample_file():
    return SAMPLE


@pytest.fixture
def unit(db):
    return AgencyFactory(name="Cyber Unit", country="FR")


@pytest.fixture
def author(unit):
    return UserFactory(verified=True, agency=unit, email="author@unit.test", full_name="Ada Author")


@pytest.fixture
def colleague(unit):
    return UserFactory(
        verified=True, agency=unit, email="colleague@unit.test", full_name="Carl Colleague"
    )


@pytest.fixture
def outsider(db):
    other = AgencyFactory(name="Other Police", country="DE")
    return UserFactory(verified=True, agency=other, email="outsider@other.test", country="DE")


@pytest.fixture
def tool(db):
    tool = ToolFactory(name="HashHarbor", slug="hashharbor")
    services.profile_entry_set(
        tool=tool,
        sub_principle=sub("human-control"),
        status="documented",
        text="Every match is confirmed by an analyst.",
        sources=["https://example.org/manual"],
    )
    services.profile_entry_set(tool=tool, sub_principle=sub("accuracy"), status="partly")
    services.evidence_record(
        tool=tool,
        claim="Recall of 97% on vendor benchmark",
        kind=Evidence.Kind.ACCURACY,
        date=datetime.date(2025, 1, 10),
        source_url="https://example.org/claim",
        level=Evidence.Level.VENDOR_CLAIMED,
    )
    services.evidence_record(
        tool=tool,
        claim="Restricted lab evaluation",
        kind=Evidence.Kind.INDEPENDENT_EVALUATION,
        date=datetime.date(2025, 2, 10),
        source_url="https://example.org/lab",
        level=Evidence.Level.INDEPENDENTLY_TESTED,
        visibility="verified",
    )
    services.profile_update(
        tool=tool, exposure_safeguards=["blurring", "de-duplication"], human_review_documented=True
    )
    return tool


@pytest.fixture
def other_tool(db):
    return ToolFactory(name="AgeLens", slug="agelens", capabilities=["age-estimation"])


@pytest.fixture
def assessment(author, tool):
    from legislation.models import Jurisdiction

    return services.assessment_create(
        tool=tool,
        author=author,
        intended_use="Triage of seized phones",
        jurisdiction=Jurisdiction.objects.get(code="FR"),
        lifecycle_stage="procurement",
    )


def rate_all(assessment, *, likelihood=2, impact=2, **extra):
    values = {
        "answer": "Reviewed by the unit.",
        "likelihood": likelihood,
        "impact": impact,
        "mitigation": "Analyst checks every match.",
        **extra,
    }
    services.assessment_update(
        assessment=assessment,
        by=assessment.author,
        risks={r.pk: values for r in assessment.risks.all()},
    )
