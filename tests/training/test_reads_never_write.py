"""Reads never write: the pages that show seat offers compute "still live" without locking or
changing anything. Offers expire only through the scheduled job (or a POST's service)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import EnrolmentFactory, SessionFactory
from training import services
from training.emails import offer_token
from training.models import Enrolment, Session

Status = Enrolment.Status
pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b|\bFOR UPDATE\b|\bFOR NO KEY UPDATE\b", re.I)


@pytest.fixture
def expired_offer():
    session = SessionFactory(capacity=1, waitlist_mode=Session.WaitlistMode.OFFER)
    offer = EnrolmentFactory(
        session=session,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() - timedelta(minutes=5),
    )
    EnrolmentFactory(session=session, status=Status.WAITLISTED, queue_number=1)
    return offer


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITE.search(q["sql"])]


def test_pages_showing_offers_make_no_write(client_for, expired_offer):
    session = expired_offer.session
    client = client_for(expired_offer.user)
    urls = [
        reverse("training:course-detail", args=[session.course.slug]),
        reverse("training:session-detail", args=[session.pk]),
        reverse("training:offer-respond", args=[offer_token(expired_offer.pk)]),
        reverse("training:my-training"),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert _writes(queries.captured_queries) == [], url
        # The offer's time is up: it shows as expired and offers no button to accept it.
        page = response.content.decode()
        assert "Accept the seat" not in page, url
    expired_offer.refresh_from_db()
    assert expired_offer.status == Status.OFFERED  # nothing was changed by looking


def test_expired_offer_cannot_be_accepted_and_passes_on(client_for, expired_offer):
    client = client_for(expired_offer.user)
    response = client.post(reverse("training:offer-accept", args=[expired_offer.pk]), follow=True)
    assert "This offer expired" in response.content.decode()
    expired_offer.refresh_from_db()
    assert expired_offer.status == Status.CANCELLED
    assert expired_offer.session.enrolments.filter(status=Status.OFFERED).count() == 1


def test_live_offer_shows_its_buttons(client_for):
    session = SessionFactory(capacity=1, waitlist_mode=Session.WaitlistMode.OFFER)
    offer = EnrolmentFactory(
        session=session, status=Status.OFFERED, offer_expires_at=timezone.now() + timedelta(hours=5)
    )
    page = client_for(offer.user).get(reverse("training:my-training")).content.decode()
    assert "Accept the seat" in page


def test_the_scheduled_job_passes_expired_offers_on(expired_offer):
    assert services.offers_expire() == 1
    expired_offer.refresh_from_db()
    assert expired_offer.status == Status.CANCELLED
