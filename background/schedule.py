"""Periodic jobs, registered by the apps that own them and enqueued by ``run_scheduler``.

An app registers in its ``AppConfig.ready``: ``schedule.every(60, tasks.expire_offers)``. Each
tick enqueues every job that is due, unless the same job is still pending or running, so a
slow worker or two schedulers never pile up copies. The jobs themselves are idempotent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import Task
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class Periodic:
    task: Task
    seconds: int


JOBS: list[Periodic] = []


def every(seconds: int, task: Task) -> None:
    """Run ``task`` (no arguments) every ``seconds``."""
    if not any(job.task.module_path == task.module_path for job in JOBS):
        JOBS.append(Periodic(task=task, seconds=seconds))


def jobs_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every job whose last run is at least its interval old; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for job in JOBS:
        path = job.task.module_path
        with transaction.atomic():
            # One scheduler at a time decides for this job (the lock ends with the transaction).
            transaction.get_connection().cursor().execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"schedule:{path}"]
            )
            runs = DBTaskResult.objects.filter(task_path=path)
            if runs.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
                continue
            if runs.filter(enqueued_at__gt=now - timedelta(seconds=job.seconds)).exists():
                continue
            job.task.enqueue()
            enqueued.append(path)
    return enqueued
