"""The daily limit of contact requests under real concurrency: many requests from one
member released at the same moment, each on its own connection. Locking the sender's row
makes the count and the insert one step, so the limit holds exactly."""

import pytest
from django.core.exceptions import ValidationError

from community import services
from community.models import REQUESTS_PER_DAY, ContactRequest
from tests.community.factories import ListedProfileFactory
from tests.factories import UserFactory
from tests.training.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifteen_simultaneous_requests_respect_the_daily_limit():
    sender = UserFactory(verified=True)
    recipients = [ListedProfileFactory().user for _ in range(REQUESTS_PER_DAY + 5)]

    def ask(recipient):
        return lambda: services.contact_request_create(
            sender=sender, recipient=recipient, message="Hello"
        )

    results = run_at_once([ask(recipient) for recipient in recipients])

    refused = [r for r in results if isinstance(r, ValidationError)]
    others = [r for r in results if isinstance(r, Exception) and r not in refused]
    assert others == []
    assert len(refused) == 5
    assert ContactRequest.objects.filter(sender=sender).count() == REQUESTS_PER_DAY


def test_one_member_clicking_ten_times_sends_one_request():
    sender = UserFactory(verified=True)
    recipient = ListedProfileFactory().user
    results = run_at_once(
        [
            lambda: services.contact_request_create(
                sender=sender, recipient=recipient, message="Hello"
            )
            for _ in range(10)
        ]
    )
    assert sum(isinstance(r, ContactRequest) for r in results) == 1
    assert ContactRequest.objects.count() == 1
