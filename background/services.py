"""Curator-facing writes on stored tasks: run again, and recover tasks of a dead worker."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# A task still "running" after this long belonged to a worker that died (emails take seconds).
STALE_AFTER = timedelta(minutes=30)


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
    """Put tasks left running by a worker that died back in the queue."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - STALE_AFTER
    ).update(status=TaskResultStatus.READY, run_after=now)
