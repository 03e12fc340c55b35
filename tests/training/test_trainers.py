"""Trainers and curators: rosters, attendance, completion, CSV, emails, cancelling."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory
from training import services
from training.models import Enrolment

Status = Enrolment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return UserFactory(trainer=True)


@pytest.fixture
def taught(trainer):
    return SessionFactory(capacity=2, trainers=[trainer])


@pytest.mark.parametrize("name", ["roster", "roster-csv", "session-email", "session-cancel"])
def test_roster_pages_access(client_for, taught, trainer, curator, name):
    url = reverse(f"training:{name}", args=[taught.pk])
    assert client_for(None).get(url).status_code == 302
    assert client_for(UserFactory()).get(url).status_code == 403
    assert client_for(UserFactory(verified=True)).get(url).status_code == 403
    assert client_for(UserFactory(trainer=True)).get(url).status_code == 403  # not this session
    assert client_for(trainer).get(url).status_code == 200
    assert client_for(curator).get(url).status_code == 200
    assert client_for(trainer).get(url.replace(str(taught.pk), "999999")).status_code == 404


def test_teach_list_and_roster_query_counts(client_for, trainer, django_assert_max_num_queries):
    sessions = [SessionFactory(trainers=[trainer]) for _ in range(8)]
    for session in sessions:
        for _ in range(4):
            EnrolmentFactory(session=session)
    client = client_for(trainer)
    # Guards the N+1 on each session's course and seat counts (one annotated query): session +
    # user, the second factor used, count, the page of sessions, nav check.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("training:teach-sessions")).status_code == 200
    # Guards the N+1 on each trainee's user, agency and waiting-list position: session + user,
    # the second factor used, the session, can-manage check, roster rows, nav check.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("training:roster", args=[sessions[0].pk]))
    assert response.content.decode().count('name="enrolments"') == 4


def test_bulk_attendance_completion_and_csv(client_for, trainer, taught, mailoutbox, on_commit):
    rows = [
        services.enrolment_create(session=taught, user=UserFactory(verified=True)) for _ in range(3)
    ]
    client = client_for(trainer)
    url = reverse("training:roster", args=[taught.pk])
    ids = [r.pk for r in rows]
    before = client.post(url, {"action": "complete", "enrolments": ids[:2]}, follow=True)
    assert b"once the session has started" in before.content

    with time_machine.travel(taught.ends_at + timedelta(minutes=5)):
        client.post(url, {"action": "attended", "enrolments": ids[:2]})
        with on_commit():
            done = client.post(url, {"action": "complete", "enrolments": ids[:2]}, follow=True)
        assert b"2 trainees updated" in done.content
        bad = client.post(url, {"action": "complete", "enrolments": [999999]})
        assert bad.status_code == 400
        assert client.post(url, {"action": "explode", "enrolments": ids}).status_code == 400
        assert client.post(url, {}).status_code == 400

    statuses = dict(Enrolment.objects.filter(session=taught).values_list("pk", "status"))
    assert [statuses[pk] for pk in ids] == [Status.COMPLETED, Status.COMPLETED, Status.WAITLISTED]
    assert len([m for m in mailoutbox if "certificate" in m.subject.lower()]) == 2

    response = client.get(reverse("training:roster-csv", args=[taught.pk]))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["status"] for row in table] == ["completed", "completed", "waitlisted"]
    assert table[2]["waiting_list_position"] == "1"
    assert table[0]["certificate_code"]


def test_csv_cells_cannot_become_formulas(client_for, trainer, taught):
    EnrolmentFactory(session=taught, user=UserFactory(verified=True, full_name="=HYPERLINK(1)"))
    response = client_for(trainer).get(reverse("training:roster-csv", args=[taught.pk]))
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_approve_and_reject_from_the_roster(client_for, trainer, on_commit, mailoutbox):
    session = SessionFactory(capacity=1, requires_approval=True, trainers=[trainer])
    with on_commit():
        services.enrolment_create(session=session, user=UserFactory(verified=True))
    to_trainer = [m for m in mailoutbox if m.to == [trainer.email]]
    assert len(to_trainer) == 1 and "to approve" in to_trainer[0].subject
    assert reverse("training:roster", args=[session.pk]) in to_trainer[0].body
    a, b = (
        services.enrolment_create(session=session, user=UserFactory(verified=True))
        for _ in range(2)
    )
    url = reverse("training:roster", args=[session.pk])
    with on_commit():
        client_for(trainer).post(url, {"action": "approve", "enrolments": [a.pk]})
        client_for(trainer).post(url, {"action": "reject", "enrolments": [b.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (Status.CONFIRMED, Status.REJECTED)
    subjects = [m.subject for m in mailoutbox]
    assert any("confirmed" in s for s in subjects) and any("not approved" in s for s in subjects)


def test_email_all_confirmed(client_for, trainer, taught, mailoutbox):
    confirmed = [EnrolmentFactory(session=taught) for _ in range(2)]
    EnrolmentFactory(session=taught, status=Status.CANCELLED)
    url = reverse("training:session-email", args=[taught.pk])
    assert client_for(trainer).post(url, {"subject": "", "message": ""}).status_code == 400
    client_for(trainer).post(
        url, {"audience": "confirmed", "subject": "Room change", "message": "Room 4 & 5"}
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.user.email for e in confirmed)
    assert "Room 4 & 5" in mailoutbox[0].body  # plain text is not HTML-escaped
    assert "Room change" in mailoutbox[0].subject


def test_cancel_session_from_the_roster(client_for, trainer, taught, on_commit, mailoutbox):
    EnrolmentFactory(session=taught)
    url = reverse("training:session-cancel", args=[taught.pk])
    assert client_for(trainer).post(url, {"reason": ""}).status_code == 400  # a reason is asked
    with on_commit():
        client_for(trainer).post(url, {"reason": "The trainer is ill; a new date follows."})
    taught.refresh_from_db()
    assert taught.is_cancelled
    assert len(mailoutbox) == 1 and "cancelled" in mailoutbox[0].subject.lower()
    assert "The trainer is ill; a new date follows." in mailoutbox[0].body  # quoted
    again = client_for(trainer).post(
        reverse("training:session-cancel", args=[taught.pk]), follow=True
    )
    assert b"already cancelled" in again.content


def test_reminders_are_sent_once(mailoutbox):
    soon = SessionFactory(starts_at=timezone.now() + timedelta(hours=20))
    later = SessionFactory(starts_at=timezone.now() + timedelta(days=9))
    EnrolmentFactory(session=soon)
    EnrolmentFactory(session=soon, status=Status.WAITLISTED, queue_number=1)
    EnrolmentFactory(session=later)
    out = io.StringIO()
    call_command("send_training_reminders", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    call_command("send_training_reminders", stdout=out)
    assert len(mailoutbox) == 1
    reminder = mailoutbox[0]
    assert "Reminder" in reminder.subject
    assert soon.online_url in reminder.body
    assert reminder.attachments


def test_expire_offers_command(on_commit):
    session = SessionFactory(capacity=1, waitlist_mode="offer", offer_hours=1)
    users = [UserFactory(verified=True) for _ in range(3)]
    seat, first, second = (services.enrolment_create(session=session, user=u) for u in users)
    services.enrolment_cancel(enrolment=seat)
    out = io.StringIO()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("expire_training_offers", stdout=out)
        call_command("expire_training_offers", stdout=out)
    assert "passed on: 1." in out.getvalue() and "passed on: 0." in out.getvalue()
    assert session.enrolments.get(pk=second.pk).status == Status.OFFERED


def test_tool_page_panel_lists_courses(django_assert_max_num_queries):
    from django.template.loader import render_to_string

    from tests.training.factories import CourseFactory, make_tool
    from training.panels import tool_courses

    tool = make_tool(name="Demo hasher")
    for i in range(5):
        course = CourseFactory(title=f"Teaches hasher {i}")
        course.tools.add(tool)
        SessionFactory(course=course)
    CourseFactory(title="Hidden", is_published=False).tools.add(tool)
    # The panel runs one query for any number of courses; its template none.
    with django_assert_max_num_queries(1):
        context = tool_courses(tool=tool, user=None)
        html = render_to_string("training/_tool_courses.html", {"tool": tool, **context})
    assert html.count("Teaches hasher") == 5 and "Hidden" not in html
