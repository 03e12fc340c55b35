"""The curators' admin for courses, sessions and enrolments: lists, search, filters, actions."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory
from training import services
from training.models import Course, Enrolment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, params",
    [
        ("course", {"q": "hash", "format__exact": "online_live"}),
        ("session", {"q": "hash", "status__exact": "scheduled"}),
        ("enrolment", {"q": "member", "status__exact": "confirmed"}),
        ("calendartoken", {"q": "x"}),
    ],
)
def test_changelists_render_with_search_and_filters(admin_client, name, params):
    session = SessionFactory(course=CourseFactory(title="Hash course"))
    EnrolmentFactory(session=session)
    url = reverse(f"admin:training_{name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, params).status_code == 200


def test_change_forms_render(admin_client):
    enrolment = EnrolmentFactory()
    for name, pk in [
        ("course", enrolment.session.course_id),
        ("session", enrolment.session_id),
        ("enrolment", enrolment.pk),
    ]:
        response = admin_client.get(reverse(f"admin:training_{name}_change", args=[pk]))
        assert response.status_code == 200
    assert admin_client.get(reverse("admin:training_course_add")).status_code == 200


def test_bulk_actions(admin_client, mailoutbox):
    course = CourseFactory(is_published=False)
    admin_client.post(
        reverse("admin:training_course_changelist"),
        {"action": "publish", "_selected_action": [course.pk]},
    )
    assert Course.objects.get(pk=course.pk).is_published

    session = SessionFactory(capacity=1, requires_approval=True)
    pending = services.enrolment_create(session=session, user=UserFactory(verified=True))
    admin_client.post(
        reverse("admin:training_enrolment_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
    )
    assert Enrolment.objects.get(pk=pending.pk).status == "confirmed"

    admin_client.post(
        reverse("admin:training_session_changelist"),
        {"action": "cancel_sessions", "_selected_action": [session.pk]},
    )
    assert Enrolment.objects.get(pk=pending.pk).status == "cancelled"


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(admin_client):
    session = SessionFactory(capacity=1)
    users = [UserFactory(verified=True) for _ in range(3)]
    for user in users:
        services.enrolment_create(session=session, user=user)
    url = reverse("admin:training_session_change", args=[session.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "course": session.course_id,
            "capacity": 2,
            "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
        }
    )
    for key in (
        "enrolment_opens_at",
        "enrolment_closes_at",
        "starts_at",
        "ends_at",
        "cancelled_at",
    ):
        data.pop(key, None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert session.enrolments.filter(status="confirmed").count() == 2


def _session_form_data(admin_client, session, **changes):
    url = reverse("admin:training_session_change", args=[session.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    for key in ("enrolment_opens_at", "enrolment_closes_at", "starts_at", "ends_at"):
        data.pop(key, None)
    data.update(
        {
            "course": session.course_id,
            "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
            **changes,
        }
    )
    return url, data


def test_fewer_seats_than_taken_is_a_form_error_in_plain_words(admin_client):
    session = SessionFactory(capacity=3)
    for _ in range(2):
        services.enrolment_create(session=session, user=UserFactory(verified=True))
    url, data = _session_form_data(admin_client, session, capacity=1)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "2 seats are already taken" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 3


def test_constraint_violation_in_the_admin_reads_as_plain_words(admin_client):
    session = SessionFactory(capacity=3)
    url, data = _session_form_data(
        admin_client,
        session,
        ends_at_0=(session.starts_at - timedelta(days=1)).strftime("%Y-%m-%d"),
    )
    page = admin_client.post(url, data).content.decode()
    assert "A session must end after it starts." in page
    assert "is violated" not in page


def test_every_training_constraint_has_a_plain_message():
    from django.apps import apps

    for model in apps.get_app_config("training").get_models():
        for constraint in model._meta.constraints:
            message = str(constraint.violation_error_message)
            assert "violated" not in message, (model.__name__, constraint.name)


def test_enrolment_change_form_only_shows_the_record(admin_client):
    enrolment = EnrolmentFactory()
    url = reverse("admin:training_enrolment_change", args=[enrolment.pk])
    form = admin_client.get(url).context["adminform"].form
    assert list(form.fields) == []  # status, attendance… change through the actions only


def test_attendance_actions_use_the_service(admin_client):
    enrolment = EnrolmentFactory(session=SessionFactory())
    admin_client.post(
        reverse("admin:training_enrolment_changelist"),
        {"action": "mark_attended", "_selected_action": [enrolment.pk]},
    )
    enrolment.refresh_from_db()
    assert enrolment.attended is None  # the session has not started: the service refuses
