"""Data migrations, run for real: back to the state before, data in, forward again."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("hub", "0002_user_history")]
AFTER = [("hub", "0004_user_email_unique_ignoring_case_security_log")]


@pytest.mark.django_db(transaction=True)
def test_accounts_that_differ_only_in_case_are_separated_keeping_the_oldest():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    User = executor.loader.project_state(BEFORE).apps.get_model("hub", "User")
    now = timezone.now()
    real = User.objects.create(
        email="investigator@demo.globalhub.test", full_name="Real", date_joined=now
    )
    copy = User.objects.create(
        email="Investigator@Demo.GlobalHub.test",
        full_name="Copy",
        date_joined=now + timedelta(days=1),
    )
    shouting = User.objects.create(email="OTHER@AGENCY.TEST", full_name="Other", date_joined=now)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    User = executor.loader.project_state(AFTER).apps.get_model("hub", "User")

    real = User.objects.get(pk=real.pk)
    copy = User.objects.get(pk=copy.pk)
    assert (real.email, real.is_active) == ("investigator@demo.globalhub.test", True)
    assert (copy.email, copy.is_active) == (f"duplicate-{copy.pk}@duplicates.invalid", False)
    assert "Investigator@Demo.GlobalHub.test" in copy.verification_note
    assert f"#{real.pk}" in copy.verification_note
    assert User.objects.get(pk=shouting.pk).email == "other@agency.test"


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
