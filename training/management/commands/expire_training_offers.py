from django.core.management.base import BaseCommand

from training import services


class Command(BaseCommand):
    help = (
        "Withdraw seat offers that were not accepted in time and offer each seat to the next "
        "person on the waiting list. Safe to run as often as you like (cron, every minute)."
    )

    def handle(self, *args, **options):
        expired = services.offers_expire()
        self.stdout.write(f"Expired seat offers passed on: {expired}.")
