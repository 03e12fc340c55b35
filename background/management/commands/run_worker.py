from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from background.worker import RetryingWorker


class Command(db_worker.Command):
    help = (
        "Run the background worker: emails and scheduled jobs stored in PostgreSQL, with "
        "retries and exponential backoff (a failed task goes back to pending). Stop it with "
        "Ctrl+C or SIGTERM: the task in hand is finished first. (--reload is ignored.)"
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: object,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RetryingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
