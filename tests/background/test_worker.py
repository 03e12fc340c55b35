"""Nothing lost when the mail server fails: emails are stored tasks, and the worker retries.

These tests use the database task backend (the one production runs) and the real worker
loop, with the mail server made to refuse connections and then to recover."""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background import schedule, services
from background.worker import RetryingWorker, attempts
from tests.factories import UserFactory
from tests.training.factories import SessionFactory
from training import services as training_services

pytestmark = pytest.mark.django_db
STORED = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
        "OPTIONS": {"MAX_ATTEMPTS": 3, "RETRY_BASE_SECONDS": 30, "RETRY_MAX_SECONDS": 3600},
    }
}


@pytest.fixture(autouse=True)
def stored_tasks(monkeypatch):
    # The worker closes stale connections between tasks, which would end the test's own
    # transaction; inside a test there is nothing stale to close.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with override_settings(TASKS=STORED):
        yield


@pytest.fixture
def mail_down(monkeypatch):
    state = {"down": True}
    real = EmailBackend.send_messages

    def send_messages(self, messages):
        if state["down"]:
            raise ConnectionRefusedError(111, "Connection refused (mail server down)")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return state


def run_worker() -> None:
    RetryingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def enrol() -> None:
    session = SessionFactory(capacity=5)
    training_services.enrolment_create(session=session, user=UserFactory(verified=True))


def test_the_email_is_stored_with_the_enrolment_not_sent_in_the_request(mailoutbox):
    enrol()
    assert mailoutbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "training.tasks.deliver_enrolment_email"
    assert task.status == TaskResultStatus.READY
    run_worker()
    assert len(mailoutbox) == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_a_refused_enrolment_stores_no_email(mailoutbox):
    session = SessionFactory(capacity=5)
    user = UserFactory(verified=True)
    training_services.enrolment_create(session=session, user=user)
    with pytest.raises(training_services.EnrolmentRefused):
        training_services.enrolment_create(session=session, user=user)
    assert DBTaskResult.objects.count() == 1


def test_mail_server_down_keeps_the_email_pending_then_delivers_it(mail_down, mailoutbox):
    enrol()
    run_worker()
    task = DBTaskResult.objects.get()
    # Back to pending, with the error kept for the curators, to be tried again later.
    assert task.status == TaskResultStatus.READY
    assert attempts(task) == 1
    assert "ConnectionRefusedError" in task.exception_class_path
    assert "mail server down" in task.traceback
    assert task.run_after > timezone.now() + timedelta(seconds=20)
    run_worker()  # not due yet: nothing happens
    assert attempts(DBTaskResult.objects.get()) == 1

    mail_down["down"] = False
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=True):
        run_worker()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert attempts(task) == 2
    assert len(mailoutbox) == 1


def test_after_the_last_try_the_task_stays_failed_until_a_curator_reruns_it(
    mail_down, mailoutbox, admin_client
):
    enrol()
    later = timezone.now()
    for _ in range(3):
        with time_machine.travel(later, tick=True):
            run_worker()
        later += timedelta(hours=2)
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert attempts(task) == 3

    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    page = admin_client.get(changelist, {"status__exact": "FAILED"}).content.decode()
    assert "deliver_enrolment_email" in page and "mail server down" in page

    mail_down["down"] = False
    admin_client.post(changelist, {"action": "run_again", "_selected_action": [task.pk]})
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and attempts(task) == 0
    run_worker()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(mailoutbox) == 1


def test_a_task_that_succeeded_is_never_rerun():
    enrol()
    run_worker()
    assert services.tasks_rerun(results=DBTaskResult.objects.all()) == 0


def test_password_reset_and_account_emails_are_stored_tasks(client, mailoutbox):
    user = UserFactory(verified=True)
    client.post(reverse("hub:password-reset"), {"email": user.email})
    assert mailoutbox == []
    assert DBTaskResult.objects.get().task_path == "hub.tasks.deliver_password_reset"
    run_worker()
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_scheduler_enqueues_each_job_once_while_pending():
    first = schedule.jobs_enqueue_due()
    assert "training.tasks.expire_offers" in first
    assert schedule.jobs_enqueue_due() == []  # still pending: not enqueued again
    run_worker()
    assert schedule.jobs_enqueue_due() == []  # ran less than a minute ago
    # Six minutes later the jobs due every few minutes run again, the hourly ones do not.
    frequent = sorted(job.task.module_path for job in schedule.JOBS if job.seconds <= 360)
    assert (
        "community.tasks.send_digests" in first and "community.tasks.send_digests" not in frequent
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=True):
        assert sorted(schedule.jobs_enqueue_due()) == frequent


def test_a_task_left_running_by_a_dead_worker_goes_back_to_the_queue():
    enrol()
    task = DBTaskResult.objects.get()
    task.claim("dead-worker")
    assert services.tasks_recover() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=True):
        assert services.tasks_recover() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_a_failure_whose_retry_was_never_written_is_retried(mail_down):
    # The database went away between a failed try and its retry: the row says "failed"
    # with tries left. The scheduler's look puts it back; a task out of tries stays failed.
    enrol()
    run_worker()
    task = DBTaskResult.objects.get()
    task.status = TaskResultStatus.FAILED
    task.save(update_fields=["status"])
    assert services.tasks_recover() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    task.status, task.worker_ids = TaskResultStatus.FAILED, ["w"] * 3  # MAX_ATTEMPTS is 3
    task.save(update_fields=["status", "worker_ids"])
    assert services.tasks_recover() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED


def test_curators_see_tasks_but_members_do_not(client_for, curator, verified_user):
    enrol()
    task = DBTaskResult.objects.get()
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    change = reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk])
    as_curator = client_for(curator)
    assert as_curator.get(changelist).status_code == 200
    assert as_curator.get(change).status_code == 200
    assert client_for(verified_user).get(changelist).status_code == 302  # to the admin sign-in
