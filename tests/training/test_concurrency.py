"""Seats under real concurrency: PostgreSQL, one connection per thread, all released at once.

Moodle, Open edX and Indico check the seat count and then insert without a lock, so two
requests can both see "one seat left". These tests start many requests at the same moment
(a barrier) and check that the session lock makes the count and the insert one step.
"""

import random
import threading

import pytest
from django.db import connection

from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.training.factories import SessionFactory
from training import services
from training.models import Enrolment, Session
from training.services import EnrolmentRefused

Status = Enrolment.Status
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def patient_lock(monkeypatch):
    """These tests are about who gets a seat, not about how long anyone waits: on a busy
    machine fifty threads of one process can queue past the production lock timeout, which
    would refuse them as "busy" (the timeout has its own test below)."""
    monkeypatch.setattr(services, "LOCK_TIMEOUT", "60s")


def enrol(session_id, user):
    def job():
        return services.enrolment_create(session=Session.objects.get(pk=session_id), user=user)

    return job


def test_fifty_five_simultaneous_enrolments_for_ten_seats():
    session = SessionFactory(capacity=10)
    users = [UserFactory(verified=True) for _ in range(55)]

    results = run_at_once([enrol(session.pk, user) for user in users])

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    rows = list(Enrolment.objects.filter(session=session).order_by("pk"))
    assert len(rows) == 55
    assert len({row.user_id for row in rows}) == 55
    confirmed = [row for row in rows if row.status == Status.CONFIRMED]
    waiting = [row for row in rows if row.status == Status.WAITLISTED]
    assert len(confirmed) == 10
    assert len(waiting) == 45
    # The waiting list is in the order the lock was granted: the ten seats went to the first
    # ten rows, and the queue numbers follow the insert order with no gap or repeat.
    assert max(row.pk for row in confirmed) < min(row.pk for row in waiting)
    assert [row.queue_number for row in waiting] == list(range(1, 46))
    positions = dict(session.enrolments.waitlisted().with_position().values_list("pk", "position"))
    assert sorted(positions.values()) == list(range(1, 46))


def test_one_person_clicking_twenty_times_gets_one_enrolment():
    session = SessionFactory(capacity=10)
    user = UserFactory(verified=True)

    results = run_at_once([enrol(session.pk, user) for _ in range(20)])

    created = [r for r in results if isinstance(r, Enrolment)]
    refused = [r for r in results if isinstance(r, EnrolmentRefused)]
    assert len(created) == 1
    assert len(refused) == 19
    assert {r.code for r in refused} == {"duplicate"}
    assert Enrolment.objects.filter(session=session).count() == 1


def test_cancellations_and_enrolments_at_once_never_overbook_and_promote_in_order():
    session = SessionFactory(capacity=10)
    holders = [UserFactory(verified=True) for _ in range(10)]
    waiting = [UserFactory(verified=True) for _ in range(10)]
    newcomers = [UserFactory(verified=True) for _ in range(44)]
    for user in holders + waiting:
        services.enrolment_create(session=session, user=user)
    seats = list(Enrolment.objects.filter(session=session, status=Status.CONFIRMED))
    to_cancel = random.Random(4).sample(seats, 8)

    samples = []
    done = threading.Event()

    def watch():
        # Every committed state, seen from a separate connection, respects the capacity.
        try:
            while not done.is_set():
                samples.append(Enrolment.objects.filter(session=session).holding_seats().count())
        finally:
            connection.close()

    def cancel(enrolment):
        return lambda: services.enrolment_cancel(enrolment=enrolment)

    watcher = threading.Thread(target=watch)
    watcher.start()
    jobs = [cancel(e) for e in to_cancel] + [enrol(session.pk, u) for u in newcomers]
    random.Random(7).shuffle(jobs)
    results = run_at_once(jobs)
    done.set()
    watcher.join()

    assert [r for r in results if isinstance(r, Exception)] == []
    assert samples and max(samples) <= 10
    rows = list(Enrolment.objects.filter(session=session))
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    still_waiting = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(confirmed) == 10
    assert len([r for r in rows if r.status == Status.CANCELLED]) == 8
    assert len(still_waiting) == 10 + 44 - 8
    # Promotion followed the queue: everyone promoted stood before everyone still waiting.
    promoted = [r for r in confirmed if r.queue_number is not None]
    assert len(promoted) == 8
    assert max(r.queue_number for r in promoted) < min(r.queue_number for r in still_waiting)
    assert sorted(r.queue_number for r in promoted) == list(range(1, 9))
    assert len({r.queue_number for r in rows if r.queue_number}) == 54


def test_a_session_locked_too_long_gives_a_busy_message_not_an_error(client, monkeypatch):
    """Nobody waits forever: past the lock timeout the person is told to try again."""
    from django.db import transaction
    from django.urls import reverse

    session = SessionFactory(capacity=10)
    user = UserFactory(verified=True)
    client.force_login(user)
    monkeypatch.setattr(services, "LOCK_TIMEOUT", "200ms")
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        try:
            with transaction.atomic():
                Session.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        response = client.post(reverse("training:session-enrol", args=[session.pk]), follow=True)
    finally:
        release.set()
        holder.join(timeout=30)
    assert response.status_code == 200
    assert "Many people are enrolling in this session right now" in response.content.decode()
    assert not Enrolment.objects.filter(session=session).exists()
    # Once the lock is free, the same click works.
    client.post(reverse("training:session-enrol", args=[session.pk]))
    assert Enrolment.objects.get(session=session).status == Status.CONFIRMED
