"""The task worker: django-tasks-db's worker, plus retries with exponential backoff.

django-tasks-db marks a task that raised as failed and never runs it again. Here a failed task
that has tries left goes straight back to pending (its error kept for the admin) with
``run_after`` pushed back; only after ``MAX_ATTEMPTS`` tries does it stay failed.
"""

import logging
import time
from datetime import timedelta

from django.db import DatabaseError, close_old_connections
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DEFAULT_MAX_ATTEMPTS = 12
DEFAULT_RETRY_BASE_SECONDS = 30
DEFAULT_RETRY_MAX_SECONDS = 3600


def retry_policy(backend_name: str) -> tuple[int, int, int]:
    """(max attempts, first delay, longest delay) from the backend's ``OPTIONS``."""
    options = task_backends[backend_name].options
    return (
        int(options.get("MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)),
        int(options.get("RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS)),
        int(options.get("RETRY_MAX_SECONDS", DEFAULT_RETRY_MAX_SECONDS)),
    )


def retry_delay(*, attempt: int, base: int, longest: int) -> timedelta:
    """Wait after the ``attempt``-th failed try: base, 2×base, 4×base … at most ``longest``."""
    return timedelta(seconds=min(base * 2 ** (attempt - 1), longest))


def attempts(result: DBTaskResult) -> int:
    """Tries so far: every claim by a worker appends its id."""
    return len(result.worker_ids or [])


def schedule_retry(result: DBTaskResult) -> bool:
    """After a failed try: back to pending with a later ``run_after`` while tries remain.
    The error of the last try stays on the row. Returns whether it will run again."""
    max_attempts, base, longest = retry_policy(result.backend_name)
    tried = attempts(result)
    if tried >= max_attempts:
        return False
    result.status = TaskResultStatus.READY
    result.run_after = timezone.now() + retry_delay(attempt=tried, base=base, longest=longest)
    result.finished_at = None
    result.save(update_fields=["status", "run_after", "finished_at"])
    return True


logger = logging.getLogger(__name__)


class RetryingWorker(Worker):
    def run(self) -> None:
        """Keep going through a database restart: wait and look again, never exit."""
        while True:
            try:
                return super().run()
            except DatabaseError:
                logger.exception("Database unavailable; the worker tries again in 2 seconds")
                close_old_connections()
                if not self.running:
                    return None
                time.sleep(2)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            schedule_retry(db_task_result)
