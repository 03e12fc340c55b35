"""Seat rules of the enrolment service: confirmed, waiting list, promotion, offers."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory
from training import services
from training.models import Enrolment, Session
from training.services import EnrolmentRefused

Status = Enrolment.Status


def verified(n):
    return [UserFactory(verified=True) for _ in range(n)]


@pytest.mark.django_db
def test_confirmed_while_seats_remain_then_waitlisted_in_order(on_commit, mailoutbox):
    session = SessionFactory(capacity=2)
    users = verified(4)
    with on_commit():
        results = [services.enrolment_create(session=session, user=u) for u in users]
    assert [e.status for e in results] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 2
    queue = list(session.enrolments.waitlisted().with_position())
    assert [(e.user, e.position) for e in queue] == [(users[2], 1), (users[3], 2)]
    assert len(mailoutbox) == 4
    confirmation = mailoutbox[0]
    assert confirmation.to == [users[0].email]
    assert "confirmed" in confirmation.subject
    names = [a.filename if hasattr(a, "filename") else a[0] for a in confirmation.attachments]
    assert names == [f"training-session-{session.pk}.ics"]
    assert "number 2 on the waiting list" in mailoutbox[3].body
    assert mailoutbox[3].attachments == []


@pytest.mark.django_db
def test_cancelling_promotes_first_waiting_in_the_same_transaction(on_commit, mailoutbox):
    session = SessionFactory(capacity=1)
    first, second, third = verified(3)
    with on_commit():
        mine = services.enrolment_create(session=session, user=first)
        services.enrolment_create(session=session, user=second)
        services.enrolment_create(session=session, user=third)
    mailoutbox.clear()
    with on_commit():
        services.enrolment_cancel(enrolment=mine)
    statuses = dict(session.enrolments.values_list("user", "status"))
    assert statuses[first.pk] == Status.CANCELLED
    assert statuses[second.pk] == Status.CONFIRMED
    assert statuses[third.pk] == Status.WAITLISTED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    promoted = next(m for m in mailoutbox if m.to == [second.email])
    assert "seat freed up" in promoted.subject
    assert promoted.attachments


@pytest.mark.django_db
def test_offer_mode_offers_then_passes_on_after_expiry(on_commit, mailoutbox):
    session = SessionFactory(capacity=1, waitlist_mode=Session.WaitlistMode.OFFER, offer_hours=24)
    first, second, third = verified(3)
    with on_commit():
        mine = services.enrolment_create(session=session, user=first)
        services.enrolment_create(session=session, user=second)
        services.enrolment_create(session=session, user=third)
        services.enrolment_cancel(enrolment=mine)
    offer = session.enrolments.get(user=second)
    assert offer.status == Status.OFFERED
    assert offer.offer_expires_at is not None
    # Seats held by a live offer are not given to newcomers.
    late = UserFactory(verified=True)
    assert services.enrolment_create(session=session, user=late).status == Status.WAITLISTED

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        with on_commit():
            assert services.offers_expire() == 1
        with pytest.raises(EnrolmentRefused, match="expired"):
            services.offer_accept(enrolment=offer)
    offer.refresh_from_db()
    assert offer.status == Status.CANCELLED
    assert offer.end_reason == Enrolment.Reason.OFFER_EXPIRED
    nxt = session.enrolments.get(user=third)
    assert nxt.status == Status.OFFERED
    with on_commit():
        services.offer_accept(enrolment=nxt)
    nxt.refresh_from_db()
    assert nxt.status == Status.CONFIRMED
    assert session.enrolments.get(user=late).status == Status.WAITLISTED


@pytest.mark.django_db
def test_declining_an_offer_passes_it_on():
    session = SessionFactory(capacity=1, waitlist_mode=Session.WaitlistMode.OFFER)
    first, second, third = verified(3)
    mine = services.enrolment_create(session=session, user=first)
    services.enrolment_create(session=session, user=second)
    services.enrolment_create(session=session, user=third)
    services.enrolment_cancel(enrolment=mine)
    services.offer_decline(enrolment=session.enrolments.get(user=second))
    assert session.enrolments.get(user=third).status == Status.OFFERED
    with pytest.raises(EnrolmentRefused):
        services.offer_decline(enrolment=session.enrolments.get(user=second))


@pytest.mark.django_db
def test_duplicate_enrolment_is_refused_and_forbidden_by_the_database(verified_user):
    session = SessionFactory()
    services.enrolment_create(session=session, user=verified_user)
    with pytest.raises(EnrolmentRefused, match="already enrolled"):
        services.enrolment_create(session=session, user=verified_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            session=session, user=verified_user, status=Status.WAITLISTED, queue_number=99
        )
    # After cancelling, enrolling again is allowed (the constraint is partial).
    services.enrolment_cancel(enrolment=session.enrolments.get())
    assert services.enrolment_create(session=session, user=verified_user).status == "confirmed"


@pytest.mark.django_db
def test_closed_cancelled_and_not_yet_open_sessions_refuse(verified_user):
    now = timezone.now()
    closed = SessionFactory(enrolment_closes_at=now - timedelta(hours=1))
    later = SessionFactory(enrolment_opens_at=now + timedelta(days=1))
    cancelled = SessionFactory(status=Session.Status.CANCELLED)
    started = SessionFactory(starts_at=now - timedelta(hours=1))
    for session, code in [
        (closed, "closed"),
        (later, "not_open"),
        (cancelled, "cancelled"),
        (started, "closed"),
    ]:
        with pytest.raises(EnrolmentRefused) as refusal:
            services.enrolment_create(session=session, user=verified_user)
        assert refusal.value.code == code
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_eligibility_and_prerequisites(pending_user, verified_user):
    basics = CourseFactory(title="Basics")
    advanced = CourseFactory(title="Advanced")
    advanced.prerequisite_courses.add(basics)
    session = SessionFactory(course=advanced)
    with pytest.raises(EnrolmentRefused) as refusal:
        services.enrolment_create(session=session, user=pending_user)
    assert refusal.value.code == "verification"
    with pytest.raises(EnrolmentRefused, match="Basics"):
        services.enrolment_create(session=session, user=verified_user)
    EnrolmentFactory(
        session=SessionFactory(course=basics, starts_at=timezone.now() - timedelta(days=30)),
        user=verified_user,
        status=Status.COMPLETED,
        certificate_code="AAAA-BBBB-CCCC",
    )
    assert services.enrolment_create(session=session, user=verified_user).status == "confirmed"
    open_course = CourseFactory(eligibility="registered")
    enrolment = services.enrolment_create(
        session=SessionFactory(course=open_course), user=pending_user
    )
    assert enrolment.status == Status.CONFIRMED


@pytest.mark.django_db
def test_approval_flow(trainer_user):
    session = SessionFactory(capacity=1, requires_approval=True, trainers=[trainer_user])
    first, second, third = verified(3)
    a = services.enrolment_create(session=session, user=first)
    b = services.enrolment_create(session=session, user=second)
    c = services.enrolment_create(session=session, user=third)
    assert {a.status, b.status, c.status} == {Status.PENDING}
    assert services.enrolment_approve(enrolment=a, by=trainer_user).status == Status.CONFIRMED
    assert services.enrolment_approve(enrolment=b, by=trainer_user).status == Status.WAITLISTED
    assert services.enrolment_reject(enrolment=c, by=trainer_user).status == Status.REJECTED
    with pytest.raises(EnrolmentRefused):
        services.enrolment_approve(enrolment=c, by=trainer_user)
    services.enrolment_cancel(enrolment=a)
    b.refresh_from_db()
    assert b.status == Status.CONFIRMED


@pytest.mark.django_db
def test_cancellation_deadline(verified_user):
    session = SessionFactory(starts_at=timezone.now() + timedelta(hours=10), cancel_hours=24)
    enrolment = services.enrolment_create(session=session, user=verified_user)
    with pytest.raises(EnrolmentRefused) as refusal:
        services.enrolment_cancel(enrolment=enrolment)
    assert refusal.value.code == "too_late"
    # Staff can still cancel it.
    services.enrolment_cancel(enrolment=enrolment, by_staff=True)


@pytest.mark.django_db
def test_session_cancel_notifies_everyone(on_commit, mailoutbox, trainer_user):
    session = SessionFactory(capacity=1)
    first, second = verified(2)
    services.enrolment_create(session=session, user=first)
    services.enrolment_create(session=session, user=second)
    mailoutbox.clear()
    with on_commit():
        assert services.session_cancel(session=session, by=trainer_user) == 2
    assert set(session.enrolments.values_list("status", flat=True)) == {Status.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    to_first = next(m for m in mailoutbox if m.to == [first.email])
    assert to_first.attachments  # a CANCEL calendar file for the one who held a seat
    with pytest.raises(EnrolmentRefused):
        services.session_cancel(session=session, by=trainer_user)


@pytest.mark.django_db
def test_completion_issues_verifiable_certificates(trainer_user, on_commit, mailoutbox):
    session = SessionFactory(capacity=3)
    users = verified(2)
    enrolments = [services.enrolment_create(session=session, user=u) for u in users]
    with pytest.raises(EnrolmentRefused):
        services.enrolments_complete(
            session=session, enrolment_ids=[e.pk for e in enrolments], by=trainer_user
        )
    with time_machine.travel(session.ends_at + timedelta(hours=1)):
        with on_commit():
            done = services.enrolments_complete(
                session=session, enrolment_ids=[enrolments[0].pk], by=trainer_user
            )
        assert done == 1
        assert (
            services.enrolments_no_show(
                session=session, enrolment_ids=[enrolments[1].pk], by=trainer_user
            )
            == 1
        )
    first = Enrolment.objects.get(pk=enrolments[0].pk)
    assert first.status == Status.COMPLETED
    assert services.normalise_certificate_code(first.certificate_code.lower().replace("-", " "))
    assert (
        services.normalise_certificate_code(first.certificate_code.lower())
        == first.certificate_code
    )
    assert "certificate" in mailoutbox[-1].subject.lower()


@pytest.mark.django_db
def test_added_seats_go_to_the_waiting_list_in_order(on_commit, mailoutbox):
    session = SessionFactory(capacity=1)
    users = verified(4)
    for user in users:
        services.enrolment_create(session=session, user=user)
    Session.objects.filter(pk=session.pk).update(capacity=3)
    with on_commit():
        assert services.session_fill_seats(session=session) == 2
    statuses = [session.enrolments.get(user=u).status for u in users]
    assert statuses == [Status.CONFIRMED] * 3 + [Status.WAITLISTED]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_failure_does_not_undo_or_break_an_enrolment(monkeypatch, caplog):
    from training import emails

    def broken(**kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(emails, "send_enrolment_email", broken)
    session = SessionFactory(capacity=1)
    enrolment = services.enrolment_create(session=session, user=UserFactory(verified=True))
    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.CONFIRMED
    assert "mail server unreachable" in caplog.text
