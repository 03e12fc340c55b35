import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from hub import demo

# Each app's demo.seed(stdout=...) runs in this order; each is idempotent.
DEMO_APPS = [
    "hub",
    "catalogue",
    "catalogue.finder",
    "training",
    "legislation",
    "responsible",
    "community",
]


class Command(BaseCommand):
    help = "Load reference data and fictional demo data (text only). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        for label in DEMO_APPS:
            try:
                module = importlib.import_module(f"{label}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{label}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(demo.describe()))
