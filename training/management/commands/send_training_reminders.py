from django.core.management.base import BaseCommand

from training import services


class Command(BaseCommand):
    help = (
        "Email confirmed trainees of sessions starting soon, with a calendar file. "
        "Idempotent: each enrolment is reminded once. Run it every few minutes (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=48, help="Remind sessions starting within this many hours."
        )

    def handle(self, *args, hours, **options):
        expired = services.offers_expire()
        sent = services.reminders_send(hours=hours)
        self.stdout.write(f"Reminders sent: {sent}. Expired seat offers passed on: {expired}.")
