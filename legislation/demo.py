"""Initial data for ``manage.py seed_demo``.

Unlike the other apps' demo data, nothing here is fictional: the tracker ships real
instruments, assessments and treaty participation with their sources (``fixtures/legislation/``),
so none of it carries a demo badge. Loading is idempotent and never overwrites a curator's edits.
"""

from legislation.loader import reference_data_load


def seed(*, stdout) -> None:
    created = reference_data_load()
    stdout.write(
        "Legislation: " + ", ".join(f"{n} {kind}" for kind, n in created.items()) + " added."
    )
