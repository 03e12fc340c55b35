import time

from django.core.management.base import BaseCommand, CommandError

from catalogue.demo import generate


class Command(BaseCommand):
    help = "Create N synthetic published tools (flagged as demo) for scale tests, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, required=True, help="How many tools to add.")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args, tools, batch_size, seed, **options):
        if tools < 1 or batch_size < 1:
            raise CommandError("--tools and --batch-size must be positive.")
        started = time.monotonic()
        created = generate(count=tools, stdout=self.stdout, batch_size=batch_size, rng_seed=seed)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Created {created} synthetic tools in {elapsed:.1f} s.")
        )
