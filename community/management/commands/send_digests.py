from django.core.management.base import BaseCommand

from community.services import digest_send_due


class Command(BaseCommand):
    help = (
        "Email each member the digest of what changed in what they follow, when due. "
        "Safe to run again: a window already covered is not sent twice."
    )

    def handle(self, *args, **options):
        counts = digest_send_due()
        self.stdout.write(
            f"Digests sent: {counts['sent']}; due with nothing new: {counts['empty']}."
        )
