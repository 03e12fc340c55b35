"""Send the verification reminders due and remove unused accounts (idempotent; the
scheduler runs the same services as tasks)."""

from django.core.management.base import BaseCommand

from hub import lifecycle


class Command(BaseCommand):
    help = (
        "Email verification reminders (30 and 7 days before), warn lapsed members, remove "
        "accounts never confirmed and lapsed ones past LAPSED_ACCOUNT_DAYS. Safe to re-run."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = lifecycle.verification_reminders_send()
        counts = lifecycle.accounts_purge()
        self.stdout.write(
            f"reminders sent: {sent}; unconfirmed removed: {counts['unconfirmed_removed']}; "
            f"lapsed warned: {counts['warned']}; lapsed removed: {counts['lapsed_removed']}"
        )
