"""Assessments under real concurrency: PostgreSQL, one connection per thread, released at once.

Double clicks on "Co-sign" or "Reopen as a new version" and two reminder runs (two cron hosts)
must not sign twice, fork two version 2s, or email twice."""

import datetime

import pytest
from django.apps import apps
from django.core import mail

from catalogue import taxonomy
from legislation.models import Jurisdiction
from responsible import reference, services
from responsible.models import Assessment, Signature
from tests.catalogue.factories import ToolFactory
from tests.factories import AgencyFactory, UserFactory
from tests.responsible.conftest import rate_all
from tests.training.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def completed():
    # Transactional tests run on a flushed database: restore the reference data first.
    taxonomy.load(apps)
    reference.load(apps)
    france, _ = Jurisdiction.objects.get_or_create(
        code="FR", defaults={"name": "France", "kind": "state", "region": "europe"}
    )
    unit = AgencyFactory(name="Concurrency Unit", country="FR")
    author = UserFactory(verified=True, agency=unit)
    colleague = UserFactory(verified=True, agency=unit)
    assessment = services.assessment_create(
        tool=ToolFactory(),
        author=author,
        intended_use="Triage",
        jurisdiction=france,
        lifecycle_stage="deployment",
    )
    rate_all(assessment, review_date=datetime.date(2026, 3, 1))
    services.assessment_complete(assessment=assessment, by=author)
    services.assessment_share(assessment=assessment, by=author, email=colleague.email)
    return assessment, colleague


def test_double_clicked_cosign_signs_once(completed):
    assessment, colleague = completed
    results = run_at_once(
        [lambda: services.assessment_sign(assessment=assessment, by=colleague)] * 6
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert Signature.objects.filter(assessment=assessment, user=colleague).count() == 1


def test_double_clicked_reopen_makes_one_new_version(completed):
    assessment, _colleague = completed
    results = run_at_once(
        [lambda: services.assessment_reopen(assessment=assessment, by=assessment.author)] * 4
    )
    made = [r for r in results if isinstance(r, Assessment)]
    refused = [r for r in results if not isinstance(r, Assessment)]
    assert len(made) == 1 and len(refused) == 3
    assert all("newer version" in str(r) for r in refused)
    assert Assessment.objects.filter(previous=assessment).count() == 1


def test_parallel_reminder_runs_email_each_author_once(completed):
    assessment, colleague = completed
    others = []
    for _ in range(3):
        other = services.assessment_create(
            tool=assessment.tool,
            author=colleague,
            intended_use="Another use",
            jurisdiction=assessment.jurisdiction,
            lifecycle_stage="decision",
        )
        rate_all(other, review_date=datetime.date(2026, 2, 1))
        others.append(other)
    mail.outbox.clear()
    results = run_at_once([lambda: services.reminders_send(today=datetime.date(2026, 3, 1))] * 6)
    assert [r for r in results if isinstance(r, Exception)] == []
    # Each assessment is reminded by exactly one run, with all of its due risks in one email.
    assert sum(results) == 4
    assert len(mail.outbox) == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [assessment.author.email] + [colleague.email] * 3
    )
    assert services.reminders_send(today=datetime.date(2026, 3, 1)) == 0
