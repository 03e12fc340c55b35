"""Load the legislation data files into this database (the same loader ``seed_demo`` and the
data migrations use). New rows are added; existing rows are kept as curators left them unless
``--overwrite``. ``--check`` loads inside a transaction that is rolled back, to test a new
delivery (e.g. researchers' CSV files dropped into ``fixtures/legislation/research/``), and
reports the data checks (the same contradictions the admin lists) on the loaded data."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from legislation.loader import FIXTURES, KINDS, LoadError, reference_data_load
from legislation.selectors import data_checks


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Load fixtures/legislation (or --directory) into the database; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=FIXTURES)
        parser.add_argument("--kind", action="append", choices=KINDS, dest="kinds")
        parser.add_argument("--overwrite", action="store_true", help="Let the files win.")
        parser.add_argument("--check", action="store_true", help="Validate only: nothing is kept.")

    def handle(self, *args, directory, kinds, overwrite, check, **options):
        if not directory.is_dir():
            raise CommandError(f"No directory at {directory}.")
        findings = Counter()
        try:
            with transaction.atomic():
                created = reference_data_load(directory=directory, kinds=kinds, overwrite=overwrite)
                if check:
                    findings = Counter(finding.kind for finding in data_checks())
                    raise _Rollback
        except LoadError as error:
            raise CommandError(str(error)) from error
        except _Rollback:
            pass
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items())
        verb = "would add" if check else "added"
        self.stdout.write(f"Legislation data: {verb} {summary}.")
        if check:
            kinds = (
                "answer-without-cover",
                "article-unconfirmed",
                "directive-only",
                "cover-unassessed",
            )
            counts = ", ".join(f"{findings[kind]} {kind}" for kind in kinds)
            self.stdout.write(f"Data checks: {counts}.")
