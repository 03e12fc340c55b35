"""Trainers run their sessions from the portal: change time, place, link and seats; add a
named member; message the confirmed trainees or the waiting list; cancel with a reason. And
the trainee's side: reasons shown before "Enrol", the right email when leaving the waiting
list, a way to write to the trainers, certificates as PDF files."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory
from training import services
from training.models import Enrolment, Session

Status = Enrolment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return UserFactory(trainer=True)


@pytest.fixture
def full(trainer):
    """A session with its one seat taken and two people waiting."""
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    session = SessionFactory(
        capacity=1,
        trainers=[trainer],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        timezone_name="Europe/Madrid",
    )
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=Status.WAITLISTED, queue_number=1)
    EnrolmentFactory(session=session, status=Status.WAITLISTED, queue_number=2)
    return session


def edit_data(session: Session, **changes) -> dict:
    """The form as the page fills it: times in the session's own zone."""
    zone = zoneinfo.ZoneInfo(session.timezone_name)
    data = {
        "starts_at": session.starts_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": session.ends_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "timezone_name": session.timezone_name,
        "location": session.location,
        "online_url": session.online_url,
        "capacity": session.capacity,
    }
    return {**data, **changes}


def test_trainer_raises_capacity_and_the_first_waiting_trainee_is_confirmed(
    client_for, trainer, full, mailoutbox
):
    first, second = full.enrolments.waitlisted()
    response = client_for(trainer).post(
        reverse("training:session-edit", args=[full.pk]), edit_data(full, capacity=2)
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert [m.to for m in mailoutbox] == [[first.user.email]]
    assert "your place is confirmed" in mailoutbox[0].subject.lower()


def test_fewer_seats_than_taken_is_refused_and_nobody_loses_a_place(client_for, trainer, full):
    page = client_for(trainer).get(reverse("training:session-edit", args=[full.pk]))
    assert "no confirmed trainee is ever removed" in page.content.decode()
    extra = EnrolmentFactory(session=full)  # two seats taken now, on a one-seat session
    full.capacity = 2
    full.save()
    response = client_for(trainer).post(
        reverse("training:session-edit", args=[full.pk]), edit_data(full, capacity=1)
    )
    assert response.status_code == 400
    assert "cannot have fewer" in response.content.decode()
    full.refresh_from_db()
    extra.refresh_from_db()
    assert full.capacity == 2 and extra.status == Status.CONFIRMED


def test_times_are_typed_in_the_session_zone_and_trainees_are_told(
    client_for, trainer, full, mailoutbox
):
    data = edit_data(
        full,
        timezone_name="Europe/Madrid",
        starts_at="2030-07-01T10:00",
        ends_at="2030-07-01T12:00",
        location="Room 4",
    )
    page = client_for(trainer).get(reverse("training:session-edit", args=[full.pk]))
    assert "Europe/Madrid" in page.content.decode()
    client_for(trainer).post(reverse("training:session-edit", args=[full.pk]), data)
    full.refresh_from_db()
    assert full.starts_at == datetime(2030, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 in Madrid
    assert full.location == "Room 4"
    (changed,) = mailoutbox
    assert "Session changed" in changed.subject and "Room 4" in changed.body
    assert changed.attachments and changed.attachments[0][2] == "text/calendar"


def test_trainer_adds_a_named_member(client_for, trainer, mailoutbox):
    session = SessionFactory(capacity=1, trainers=[trainer])
    url = reverse("training:enrolment-add", args=[session.pk])
    first, second = UserFactory(verified=True), UserFactory(verified=True)
    client_for(trainer).post(url, {"email": first.email.upper()})
    client_for(trainer).post(url, {"email": second.email})
    statuses = dict(session.enrolments.values_list("user_id", "status"))
    assert statuses == {first.pk: Status.CONFIRMED, second.pk: Status.WAITLISTED}
    assert len(mailoutbox) == 2
    again = client_for(trainer).post(url, {"email": first.email}, follow=True)
    assert "already enrolled" in again.content.decode()
    unknown = client_for(trainer).post(url, {"email": "nobody@example.test"}, follow=True)
    assert "No member of the portal has this address" in unknown.content.decode()


def test_message_the_waiting_list_only(client_for, trainer, full, mailoutbox):
    waiting = {e.user.email for e in full.enrolments.waitlisted()}
    client_for(trainer).post(
        reverse("training:session-email", args=[full.pk]),
        {"audience": "waitlisted", "subject": "Extra date", "message": "A second run in May."},
    )
    assert {m.to[0] for m in mailoutbox} == waiting
    assert "Write to the trainers" in mailoutbox[0].body


def test_session_page_shows_the_waiting_list_in_order_to_trainers_only(client_for, trainer, full):
    first, second = full.enrolments.waitlisted()
    page = client_for(trainer).get(full.get_absolute_url()).content.decode()
    assert page.index(first.user.full_name) < page.index(second.user.full_name)
    assert "Change time, place, link or seats" in page
    other = client_for(UserFactory(verified=True)).get(full.get_absolute_url()).content.decode()
    assert first.user.full_name not in other and "For the trainers" not in other


def test_bulk_cancel_asks_first_row_cancel_acts(client_for, trainer, mailoutbox):
    session = SessionFactory(capacity=5, trainers=[trainer])
    rows = [EnrolmentFactory(session=session) for _ in range(3)]
    url = reverse("training:roster", args=[session.pk])
    client = client_for(trainer)
    ask = client.post(url, {"action": "cancel", "enrolments": [rows[0].pk, rows[1].pk]})
    assert ask.status_code == 200 and "Cancel these enrolments?" in ask.content.decode()
    assert session.enrolments.filter(status=Status.CONFIRMED).count() == 3  # nothing yet
    client.post(url, {"action": "cancel", "enrolments": [rows[0].pk, rows[1].pk], "confirmed": "1"})
    assert session.enrolments.filter(status=Status.CANCELLED).count() == 2
    client.post(url, {"row": f"cancel:{rows[2].pk}"})
    rows[2].refresh_from_db()
    assert rows[2].status == Status.CANCELLED


def test_badges_count_seats_after_completion_and_past_sessions_show_as_held(client_for, trainer):
    session = SessionFactory(
        capacity=2,
        trainers=[trainer],
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=3),
    )
    rows = [EnrolmentFactory(session=session) for _ in range(2)]
    services.enrolments_complete(session=session, enrolment_ids=[r.pk for r in rows], by=trainer)
    roster = client_for(trainer).get(reverse("training:roster", args=[session.pk]))
    text = roster.content.decode()
    assert "2 of 2 seats taken" in text and "Held" in text
    page = client_for(trainer).get(session.get_absolute_url()).content.decode()
    assert "Held, with 2 trainees." in page and "free" not in page.split("Seats", 1)[1][:80]


def test_cancelled_session_never_shows_free_seats(client_for, trainer):
    session = SessionFactory(capacity=5, trainers=[trainer])
    services.session_cancel(session=session, by=trainer, reason="Venue closed.")
    page = client_for(None).get(session.get_absolute_url()).content.decode()
    assert "5 of 5 free" not in page and "None: the session is cancelled." in page
    assert "Venue closed." in page


def test_pending_member_sees_why_before_clicking_enrol(client_for):
    session = SessionFactory()
    page = client_for(UserFactory()).get(session.get_absolute_url()).content.decode()
    assert "This course is for verified members" in page
    assert 'action="' + reverse("training:session-enrol", args=[session.pk]) not in page


def test_leaving_the_waiting_list_sends_a_waiting_list_email(client_for, full, mailoutbox):
    waiting = full.enrolments.waitlisted().first()
    client_for(waiting.user).post(reverse("training:enrolment-cancel", args=[waiting.pk]))
    (message,) = mailoutbox
    assert "waiting list" in message.subject.lower()
    assert "is cancelled" not in message.body


def test_trainee_writes_to_the_trainers(client_for, trainer, full, mailoutbox):
    trainee = full.enrolments.first().user
    url = reverse("training:contact-trainers", args=[full.pk])
    assert client_for(trainee).post(url, {"message": ""}).status_code == 400
    client_for(trainee).post(url, {"message": "Can I bring a colleague?"})
    (message,) = mailoutbox
    assert message.to == [trainer.email] and message.reply_to == [trainee.email]
    assert "Can I bring a colleague?" in message.body


def test_course_description_is_sanitised_markdown(client_for):
    course = CourseFactory(description="**Bold** <script>alert(1)</script>")
    page = client_for(None).get(course.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in page and "<script>alert(1)" not in page


def test_certificate_pdf(client_for, trainer):
    session = SessionFactory(
        trainers=[trainer],
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(hours=20),
    )
    row = EnrolmentFactory(session=session)
    services.enrolments_complete(session=session, enrolment_ids=[row.pk], by=trainer)
    row.refresh_from_db()
    url = reverse("training:certificate-pdf", args=[row.certificate_code])
    for reader in (row.user, trainer):
        response = client_for(reader).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert client_for(UserFactory(verified=True)).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_certificate_pdf_carries_code_and_verification_address(trainer, settings):
    """Read with the PDF's own Helvetica, whose text stays legible in the file."""
    from training import pdf

    settings.CERTIFICATE_FONT = ""
    session = SessionFactory(
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(hours=20),
    )
    row = EnrolmentFactory(session=session)
    services.enrolments_complete(session=session, enrolment_ids=[row.pk], by=trainer)
    row.refresh_from_db()
    data = pdf.certificate_pdf(
        enrolment=row, verify_url="https://hub.example/verify/X/", compress=False
    )
    text = data.decode("latin-1")
    assert row.certificate_code in text
    assert "https://hub.example/verify/X/" in text


# Access: every new trainer page, for everyone who must not use it --------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [("session-edit", "get"), ("session-edit", "post"), ("enrolment-add", "post")],
)
def test_trainer_pages_refuse_everyone_else(client_for, trainer, curator, full, name, method):
    url = reverse(f"training:{name}", args=[full.pk])

    def call(user):
        return getattr(client_for(user), method)(url, {})

    assert call(None).status_code == 302  # sign in first
    assert call(UserFactory()).status_code == 403  # pending
    assert call(UserFactory(verified=True)).status_code == 403  # a member
    assert call(UserFactory(trainer=True)).status_code == 403  # trains another session
    assert call(trainer).status_code in (200, 302, 400)
    assert call(curator).status_code in (200, 302, 400)
    missing = reverse(f"training:{name}", args=[999999])
    assert getattr(client_for(trainer), method)(missing, {}).status_code == 404
    full.refresh_from_db()
    assert full.capacity == 1


def test_contact_page_is_for_the_session_s_trainees(client_for, full):
    url = reverse("training:contact-trainers", args=[full.pk])
    assert client_for(None).get(url).status_code == 302
    assert client_for(UserFactory(verified=True)).get(url).status_code == 403
    assert client_for(full.enrolments.first().user).get(url).status_code == 200
    missing = reverse("training:contact-trainers", args=[999999])
    assert client_for(full.enrolments.first().user).get(missing).status_code == 404


# Reads never write, and pages do not grow with the waiting list ----------------------------


def test_trainer_pages_make_no_write_when_read(client_for, trainer, full):
    """Session page with the waiting list, the edit form, message, cancel and roster pages:
    looking changes nothing, even with an offer past its time (the job passes it on)."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    EnrolmentFactory(
        session=full,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() - timedelta(minutes=5),
    )
    write = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b|\bFOR UPDATE\b", re.I)
    client = client_for(trainer)
    for name in ["session-edit", "session-email", "session-cancel", "roster"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"training:{name}", args=[full.pk])).status_code == 200
        assert not [q for q in queries.captured_queries if write.search(q["sql"])], name
    with CaptureQueriesContext(connection) as queries:
        assert client.get(full.get_absolute_url()).status_code == 200
    assert not [q for q in queries.captured_queries if write.search(q["sql"])]


def test_session_page_for_trainers_query_count(
    client_for, trainer, full, django_assert_max_num_queries
):
    for number in range(3, 13):
        EnrolmentFactory(session=full, status=Status.WAITLISTED, queue_number=number)
    # Guards the N+1 on each waiting person's user and agency (one query for the whole list):
    # session + user, the session with counts, trainers, my enrolment, can-manage, the
    # eligibility check (prerequisites), waiting list, nav check, the session's second factor.
    client = client_for(trainer)
    with django_assert_max_num_queries(10):
        page = client.get(full.get_absolute_url())
    assert page.content.decode().count("<li>") >= 12


def test_session_edit_page_query_count(client_for, trainer, full, django_assert_max_num_queries):
    # The form reads the session once: session + user, the session, can-manage, nav check.
    client = client_for(trainer)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("training:session-edit", args=[full.pk])).status_code == 200
