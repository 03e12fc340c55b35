from django.core.management.base import BaseCommand

from community.services import contact_requests_expire


class Command(BaseCommand):
    help = "Mark contact requests left unanswered past their expiry (30 days) as expired."

    def handle(self, *args, **options):
        count = contact_requests_expire()
        self.stdout.write(f"Contact requests marked expired: {count}.")
