"""Pages: who may see what, what bad input gets, and query counts that do not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory
from training import emails, services
from training.models import Enrolment, Session

Status = Enrolment.Status
pytestmark = pytest.mark.django_db


def test_course_list_filters_and_shows_seats(client_for):
    online = CourseFactory(title="Hash matching live", format="online_live", level="advanced")
    SessionFactory(course=online, capacity=1)
    full = CourseFactory(title="Full course", format="in_person")
    full_session = SessionFactory(course=full, capacity=1)
    EnrolmentFactory(session=full_session)
    CourseFactory(title="Draft course", is_published=False)
    CourseFactory(title="Members course", visibility="verified")
    client = client_for(None)

    page = client.get(reverse("training:course-list")).content.decode()
    assert "Hash matching live" in page and "Full course" in page
    assert "Draft course" not in page and "Members course" not in page

    page = client.get(reverse("training:course-list"), {"format": "in_person"}).content.decode()
    assert "Full course" in page and "Hash matching live" not in page
    page = client.get(reverse("training:course-list"), {"seats": "on"}).content.decode()
    assert "Hash matching live" in page and "Full course" not in page
    page = client.get(reverse("training:course-list"), {"q": "hash"}).content.decode()
    assert "Hash matching live" in page and "Full course" not in page
    soon = (timezone.now() + timedelta(days=9)).date().isoformat()
    page = client.get(
        reverse("training:course-list"), {"starts_after": soon, "starts_before": soon}
    ).content.decode()
    assert "Hash matching live" not in page
    verified = client_for(UserFactory(verified=True))
    assert "Members course" in verified.get(reverse("training:course-list")).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"format": "hologram"},
        {"starts_after": "31-31-2026"},
        {"level": ["x", "y"]},
        {"q": "x" * 500},
        {"page": "banana"},
        {"page": "99999"},
        {"seats": "maybe"},
    ],
)
def test_course_list_bad_input_is_never_a_500(client_for, params):
    CourseFactory()
    response = client_for(None).get(reverse("training:course-list"), params)
    assert response.status_code in (200, 400)


def test_course_list_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    for _ in range(15):
        session = SessionFactory()
        EnrolmentFactory(session=session)
    client = client_for(UserFactory(verified=True))
    # Guards the N+1 on each card's next session, free seats and tools (annotations and one
    # prefetch): session + user, count, nav check, the page of courses, the tools prefetch.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("training:course-list"))
    assert response.status_code == 200
    for _ in range(15):
        SessionFactory()
    with django_assert_max_num_queries(6):
        client.get(reverse("training:course-list"))


def test_course_detail_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    course = CourseFactory()
    user = UserFactory(verified=True)
    for i in range(12):
        session = SessionFactory(course=course, trainers=[UserFactory(trainer=True)])
        EnrolmentFactory(session=session)
        if i % 2:
            EnrolmentFactory(session=session, user=user)
    client = client_for(user)
    # Guards the N+1 on sessions' seats, trainers and "my enrolment" per session row: session +
    # user, course, tools, prerequisites, offer expiry check, sessions, trainers, my enrolments,
    # nav check.
    with django_assert_max_num_queries(10):
        response = client.get(course.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("You are confirmed") == 6


def test_session_detail_query_count(client_for, django_assert_max_num_queries):
    session = SessionFactory(trainers=[UserFactory(trainer=True) for _ in range(3)])
    enrolments = [EnrolmentFactory(session=session) for _ in range(8)]
    client = client_for(enrolments[0].user)
    # Guards the N+1 on trainers and seat counts: session + user, offer expiry check, the
    # session with seats, trainers, my enrolment, can-manage check, nav check.
    with django_assert_max_num_queries(8):
        response = client.get(session.get_absolute_url())
    assert session.online_url.encode() in response.content


def test_unknown_or_hidden_course_is_404(client_for):
    hidden = CourseFactory(visibility="verified")
    assert client_for(None).get(hidden.get_absolute_url()).status_code == 404
    assert client_for(UserFactory()).get(hidden.get_absolute_url()).status_code == 404
    assert client_for(UserFactory(verified=True)).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(None).get("/training/courses/nope/").status_code == 404
    assert client_for(None).get("/training/sessions/999999/").status_code == 404


def test_enrol_as_anonymous_pending_and_verified(client_for, session, mailoutbox, on_commit):
    url = reverse("training:session-enrol", args=[session.pk])
    anonymous = client_for(None).post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    pending = client_for(UserFactory()).post(url)
    assert pending.status_code == 403
    assert b"verified" in pending.content
    assert client_for(None).get(url).status_code == 405

    user = UserFactory(verified=True)
    client = client_for(user)
    with on_commit():
        response = client.post(url, follow=True)
    assert b"Your place is confirmed" in response.content
    again = client.post(url, follow=True)
    assert b"already enrolled" in again.content
    assert Enrolment.objects.filter(session=session, user=user).count() == 1
    assert len(mailoutbox) == 1


def test_full_session_shows_waiting_position(client_for, mailoutbox):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    client = client_for(UserFactory(verified=True))
    response = client.post(reverse("training:session-enrol", args=[session.pk]), follow=True)
    assert b"number 1 on the waiting list" in response.content
    assert b"Leave the waiting list" in response.content


def test_closed_and_cancelled_sessions_give_a_message(client_for):
    client = client_for(UserFactory(verified=True))
    closed = SessionFactory(enrolment_closes_at=timezone.now() - timedelta(minutes=1))
    cancelled = SessionFactory(status=Session.Status.CANCELLED)
    for session, text in [(closed, b"has closed"), (cancelled, b"has been cancelled")]:
        response = client.post(reverse("training:session-enrol", args=[session.pk]), follow=True)
        assert response.status_code == 200
        assert text in response.content
    assert not Enrolment.objects.exists()


def test_cancelling_someone_elses_enrolment_is_404(client_for, session):
    theirs = EnrolmentFactory(session=session)
    me = UserFactory(verified=True)
    for name in ("enrolment-cancel", "offer-accept", "offer-decline"):
        response = client_for(me).post(reverse(f"training:{name}", args=[theirs.pk]))
        assert response.status_code == 404
    assert (
        client_for(me).get(reverse("training:enrolment-ics", args=[theirs.pk])).status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED


def test_cancel_own_and_leave_waiting_list(client_for):
    session = SessionFactory(capacity=1)
    holder, waiting = UserFactory(verified=True), UserFactory(verified=True)
    seat = services.enrolment_create(session=session, user=holder)
    queued = services.enrolment_create(session=session, user=waiting)
    response = client_for(waiting).post(
        reverse("training:enrolment-cancel", args=[queued.pk]), follow=True
    )
    assert b"You left the waiting list" in response.content
    response = client_for(holder).post(
        reverse("training:enrolment-cancel", args=[seat.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("training:my-training")
    again = client_for(holder).post(
        reverse("training:enrolment-cancel", args=[seat.pk]), follow=True
    )
    assert b"no longer active" in again.content


def test_joining_link_only_for_confirmed_and_trainers(client_for):
    trainer = UserFactory(trainer=True)
    session = SessionFactory(capacity=1, trainers=[trainer])
    confirmed = EnrolmentFactory(session=session).user
    waiting = UserFactory(verified=True)
    services.enrolment_create(session=session, user=waiting)
    link = session.online_url.encode()
    url = session.get_absolute_url()
    assert link in client_for(confirmed).get(url).content
    assert link in client_for(trainer).get(url).content
    assert link not in client_for(waiting).get(url).content
    assert link not in client_for(UserFactory(verified=True)).get(url).content
    assert link not in client_for(None).get(url).content


def test_offer_link_from_email_and_tampered_tokens(client_for):
    session = SessionFactory(capacity=1, waitlist_mode="offer")
    holder, waiting = UserFactory(verified=True), UserFactory(verified=True)
    seat = services.enrolment_create(session=session, user=holder)
    queued = services.enrolment_create(session=session, user=waiting)
    services.enrolment_cancel(enrolment=seat)
    url = reverse("training:offer-respond", args=[emails.offer_token(queued.pk)])
    client = client_for(None)
    assert b"Accept the seat" in client.get(url).content
    response = client.post(url, {"action": "accept"}, follow=True)
    assert b"Your place is confirmed" in response.content
    queued.refresh_from_db()
    assert queued.status == Status.CONFIRMED
    # Accepting twice changes nothing and says so.
    assert b"no open offer" in client.post(url, {"action": "accept"}, follow=True).content
    for bad in [f"{queued.pk}:forged", "garbage", emails.offer_token(queued.pk) + "x"]:
        response = client.get(reverse("training:offer-respond", args=[bad]))
        assert response.status_code == 400
        assert client.post(reverse("training:offer-respond", args=[bad])).status_code == 400


def test_accepting_an_expired_offer_is_refused(client_for):
    import time_machine

    session = SessionFactory(capacity=1, waitlist_mode="offer", offer_hours=2)
    holder, first, second = (UserFactory(verified=True) for _ in range(3))
    seat = services.enrolment_create(session=session, user=holder)
    offered = services.enrolment_create(session=session, user=first)
    services.enrolment_create(session=session, user=second)
    services.enrolment_cancel(enrolment=seat)
    client = client_for(first)
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        response = client.post(reverse("training:offer-accept", args=[offered.pk]))
        assert response.status_code == 302
        # The refusal did not roll the expiry back: the next person already has the offer.
        assert session.enrolments.get(user=second).status == Status.OFFERED
        response = client.get(response["Location"])
    assert b"expired" in response.content
    assert session.enrolments.get(user=second).status == Status.OFFERED
    assert session.enrolments.holding_seats().count() == 1


def test_my_training_sections_and_query_count(client_for, django_assert_max_num_queries):
    user = UserFactory(verified=True)
    for i in range(10):
        session = SessionFactory(capacity=1)
        if i % 2:
            EnrolmentFactory(session=session, user=user)
        else:
            EnrolmentFactory(session=session)
            services.enrolment_create(session=session, user=user)
    past = SessionFactory(starts_at=timezone.now() - timedelta(days=20))
    EnrolmentFactory(
        session=past, user=user, status=Status.COMPLETED, certificate_code="ABCD-EFGH-JKLM"
    )
    client = client_for(user)
    # Guards the N+1 on each enrolment's session, course and waiting-list position: session +
    # user, offer expiry check, feed token, enrolments, nav check.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("training:my-training"))
    page = response.content.decode()
    assert page.count("Waiting list: number 1") == 5
    assert "ABCD-EFGH-JKLM" in page
    assert client_for(None).get(reverse("training:my-training")).status_code == 302


def test_calendar_feed_token_rotate_and_revoke(client_for):
    user = UserFactory(verified=True)
    session = SessionFactory(course=CourseFactory(title="Feed course"))
    EnrolmentFactory(session=session, user=user)
    client = client_for(user)
    client.post(reverse("training:calendar-token"), {"action": "rotate"})
    token = user.training_calendar.token
    feed = client_for(None).get(reverse("training:calendar-feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VCALENDAR" in body and "Feed course" in body
    assert "meet.example.test" in body
    client.post(reverse("training:calendar-token"), {"action": "rotate"})
    assert client_for(None).get(reverse("training:calendar-feed", args=[token])).status_code == 404
    client.post(reverse("training:calendar-token"), {"action": "revoke"})
    user.refresh_from_db()
    assert not hasattr(user, "training_calendar") or user.training_calendar is None
    assert client_for(None).get("/training/calendar/forged.ics").status_code == 404


def test_certificate_page_and_public_verification(client_for):
    enrolment = EnrolmentFactory(
        status=Status.COMPLETED,
        certificate_code="WXYZ-2345-ABCD",
        completed_at=timezone.now(),
        session=SessionFactory(course=CourseFactory(title="Verified course")),
    )
    owner = client_for(enrolment.user)
    page = owner.get(reverse("training:certificate", args=["WXYZ-2345-ABCD"]))
    assert page.status_code == 200 and b"Certificate of completion" in page.content
    other = client_for(UserFactory(verified=True))
    assert other.get(reverse("training:certificate", args=["WXYZ-2345-ABCD"])).status_code == 404

    public = client_for(None)
    result = public.get(reverse("training:certificate-verify", args=["wxyz 2345 abcd"]))
    assert result.status_code == 200
    assert enrolment.user.full_name.encode() in result.content
    assert b"Verified course" in result.content
    lookup = public.get(reverse("training:certificate-lookup"), {"code": "WXYZ2345ABCD"})
    assert b"Valid certificate" in lookup.content
    for bad in ["nope", "AAAA-AAAA-AAAA", "<script>", "x" * 300]:
        response = public.get(reverse("training:certificate-lookup"), {"code": bad})
        assert response.status_code in (200, 404)
        assert b"Valid certificate" not in response.content
    assert public.get(reverse("training:certificate-lookup")).status_code == 200


def test_site_search_returns_only_visible_courses():
    from training.selectors import site_search

    CourseFactory(title="Hash basics")
    CourseFactory(title="Hash secrets", visibility="verified")
    anonymous = site_search(query="hash", user=None, limit=5)
    assert [r["title"] for r in anonymous] == ["Hash basics"]
    assert len(site_search(query="hash", user=UserFactory(verified=True), limit=5)) == 2
    assert site_search(query="  ", user=None) == []


def test_session_page_shows_local_time_and_rejects_unknown_zones(client_for):
    from datetime import UTC, datetime

    from django.core.exceptions import ValidationError

    start = datetime(2030, 7, 1, 8, 0, tzinfo=UTC)
    session = SessionFactory(timezone_name="Europe/Madrid", starts_at=start)
    page = client_for(None).get(session.get_absolute_url()).content.decode()
    assert "1 July 2030, 10:00–13:00 CEST (Europe/Madrid)" in page
    assert "1 July 2030, 08:00 UTC" in page  # a visitor reads UTC, with the zone named
    session.timezone_name = "Mars/Olympus"
    with pytest.raises(ValidationError):
        session.full_clean()


def test_course_list_by_tool(client_for):
    from tests.training.factories import make_tool

    tool = make_tool(name="Hashy")
    secret = make_tool(name="Secret tool", visibility="verified")
    teaches = CourseFactory(title="Teaches Hashy")
    teaches.tools.add(tool, secret)
    CourseFactory(title="Other course")
    client = client_for(None)
    page = client.get(reverse("training:course-list"), {"tool": "hashy"}).content.decode()
    assert "Teaches Hashy" in page and "Other course" not in page
    assert "Courses that teach Hashy" in page
    hidden = client.get(reverse("training:course-list"), {"tool": "secret-tool"}).content.decode()
    assert "Teaches Hashy" not in hidden
    member = client_for(UserFactory(verified=True))
    page = member.get(reverse("training:course-list"), {"tool": "secret-tool"}).content.decode()
    assert "Teaches Hashy" in page


def test_pending_member_is_told_why_they_cannot_enrol(client_for, session):
    page = client_for(UserFactory()).get(session.course.get_absolute_url()).content.decode()
    assert "Your account is not verified yet" in page
    page = client_for(UserFactory(verified=True)).get(session.course.get_absolute_url())
    assert b"not verified yet" not in page.content


def test_an_enrolment_is_a_few_queries_and_a_full_session_puts_the_next_member_in_line(
    client_for, session, django_assert_num_queries
):
    """Under a rush every enrolment of a session queues on its lock: the request reads the
    member's session and account, the session with what the rules need, then takes the lock
    and counts the seats in one round trip, and writes the enrolment and its email task. In
    tests the transaction is a savepoint (two statements more) and the email task runs at once
    (reading the enrolment) instead of being stored: 8 here, 6 and the commit in production."""
    session.capacity = 1
    session.save()
    url = reverse("training:session-enrol", args=[session.pk])
    first, second = client_for(UserFactory(verified=True)), client_for(UserFactory(verified=True))
    first.get(reverse("training:my-training"))  # the second step and the session are settled
    second.get(reverse("training:my-training"))

    with django_assert_num_queries(8):
        assert first.post(url).status_code == 302
    with django_assert_num_queries(8):
        response = second.post(url)

    assert b"You are number 1 on the waiting list" in second.get(response["Location"]).content
    statuses = list(
        Enrolment.objects.filter(session=session)
        .order_by("pk")
        .values_list("status", "queue_number")
    )
    assert statuses == [("confirmed", None), ("waitlisted", 1)]
