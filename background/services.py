"""Curator-facing writes on stored tasks: run again, and recover tasks of a dead worker."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@transaction.atomic
def tasks_rerun(*, results: QuerySet[DBTaskResult], now: datetime | None = None) -> int:
    """Run failed (or waiting) tasks again now, with a fresh count of tries. A task that
    succeeded is never run twice: that would send its email again."""
    now = now or timezone.now()
    return results.filter(status__in=[TaskResultStatus.FAILED, TaskResultStatus.READY]).update(
        status=TaskResultStatus.READY, run_after=now, worker_ids=[], finished_at=None
    )


@transaction.atomic
def tasks_recover(*, now: datetime | None = None) -> int:
    """Put back in the queue what a broken try left behind, so no email waits for a curator:

    - tasks still "running" ``TASK_STALE_SECONDS`` after they started (their worker died, or
      the database restarted before their end was written);
    - tasks marked failed with tries left, whose retry was never written (the database went
      away between the failure and the retry). Tasks that used all their tries stay failed
      until a curator runs them again."""
    from background.worker import attempts, retry_policy, schedule_retry

    now = now or timezone.now()
    stale_after = timedelta(seconds=settings.TASK_STALE_SECONDS)
    recovered = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after
    ).update(status=TaskResultStatus.READY, run_after=now)
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.FAILED):
        if attempts(result) < retry_policy(result.backend_name)[0] and schedule_retry(result):
            recovered += 1
    return recovered
