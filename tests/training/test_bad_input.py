"""Every training URL, every method, odd input, three kinds of visitor: never a 500."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

ODD = {"action": "../../etc", "enrolments": ["x", "-1", "9" * 30], "code": "\x00", "q": "%"}


def urls(session, enrolment):
    return [
        reverse("training:course-list"),
        reverse("training:course-detail", args=[session.course.slug]),
        reverse("training:course-detail", args=["no-such-course"]),
        reverse("training:session-detail", args=[session.pk]),
        reverse("training:session-detail", args=[2**70]),
        reverse("training:session-enrol", args=[session.pk]),
        reverse("training:session-enrol", args=[2**70]),
        reverse("training:enrolment-cancel", args=[enrolment.pk]),
        reverse("training:enrolment-cancel", args=[2**70]),
        reverse("training:offer-accept", args=[enrolment.pk]),
        reverse("training:offer-decline", args=[enrolment.pk]),
        reverse("training:enrolment-ics", args=[enrolment.pk]),
        reverse("training:offer-respond", args=["x" * 500]),
        reverse("training:offer-respond", args=["99999999999999999999:abc"]),
        reverse("training:my-training"),
        reverse("training:calendar-token"),
        reverse("training:calendar-feed", args=["%00"]),
        reverse("training:certificate", args=["ZZZZ-ZZZZ-ZZZZ"]),
        reverse("training:certificate-lookup"),
        reverse("training:certificate-verify", args=["'; drop table x; --"]),
        reverse("training:teach-sessions"),
        reverse("training:roster", args=[session.pk]),
        reverse("training:roster-csv", args=[session.pk]),
        reverse("training:session-email", args=[session.pk]),
        reverse("training:session-cancel", args=[2**70]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "pending", "verified", "trainer"])
def test_no_url_answers_500(client_for, who):
    trainer = UserFactory(trainer=True)
    session = SessionFactory(capacity=1, trainers=[trainer])
    enrolment = EnrolmentFactory(session=session)
    user = {
        "anonymous": None,
        "pending": UserFactory(),
        "verified": UserFactory(verified=True),
        "trainer": trainer,
    }[who]
    client = client_for(user)
    client.raise_request_exception = True
    for url in urls(session, enrolment):
        for method in ("get", "post"):
            response = getattr(client, method)(url, ODD)
            assert response.status_code < 500, (method, url, response.status_code)
    for params in ({"page": "-1"}, {"starts_before": "2026-02-31"}, {"language": "klingon"}):
        assert client.get(reverse("training:course-list"), params).status_code in (200, 400)


def test_calendar_feed_with_a_nul_byte_in_the_token_is_a_bad_request(client):
    # Refused before the view by hub.middleware.RejectControlCharactersMiddleware.
    response = client.get("/training/calendar/a%00b.ics")
    assert response.status_code == 400
