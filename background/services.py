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
    """Put tasks left running by a worker that died, or whose end was never written because
    the database went away mid-task, back in the queue (``TASK_STALE_SECONDS`` after they
    started: longer than any task of the portal takes)."""
    now = now or timezone.now()
    stale_after = timedelta(seconds=settings.TASK_STALE_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after
    ).update(status=TaskResultStatus.READY, run_after=now)
