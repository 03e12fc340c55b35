from django.core.management.base import BaseCommand

from responsible import services


class Command(BaseCommand):
    help = (
        "Email the authors of risk assessments whose risks have reached their review date. "
        "Idempotent: each review date is reminded once. Run it daily (cron)."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"Assessment review reminders sent: {sent}.")
