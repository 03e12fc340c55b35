import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from background import schedule, services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (seat offers that expired, reminders…) when they are due, "
        "for the worker to run. Safe to run twice: a job is never enqueued while one is pending."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=15, help="Seconds between two looks (default 15)."
        )
        parser.add_argument("--once", action="store_true", help="Look once, then exit (cron).")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            close_old_connections()
            try:
                recovered = services.tasks_recover()
                if recovered:
                    logger.warning("%d tasks of a stopped worker put back in the queue", recovered)
                for path in schedule.jobs_enqueue_due():
                    logger.info("Enqueued %s", path)
            except Exception:  # the database may be restarting: look again next time
                logger.exception("Scheduler tick failed")
            close_old_connections()
            if once:
                return
            slept = 0.0
            while running and slept < interval:
                time.sleep(0.5)
                slept += 0.5
