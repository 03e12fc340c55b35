"""``seed_demo`` loads the finder's starting vocabulary (real reference data, not demo)."""

from catalogue.finder import services


def seed(*, stdout) -> None:
    added = services.vocabulary_load(rows=services.read_fixture())
    stdout.write(f"Case finder vocabulary: {added} new entries.")
