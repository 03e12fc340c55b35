"""The case finder ranks from the facet index; the answer is the one the single SQL statement
over every candidate gives (kept as ``use_index=False``) for every case of the case file."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from catalogue.finder import ranking, reading

CASES = json.loads((Path(__file__).parent / "finder_cases.json").read_text(encoding="utf-8"))


def _answer(result: ranking.Ranking) -> tuple:
    fits = [(f.tool.pk, f.score, f.met, f.missing) for f in result.fits]
    return fits, result.total, result.complete, result.gaps, result.max_score


@pytest.fixture
def demo_catalogue(db):
    call_command("seed_demo", stdout=StringIO())


def test_the_index_ranks_every_case_as_the_database_does(demo_catalogue, verified_user):
    """For a signed-in member and a visitor alike (one test: seeding the demo takes ~20 s)."""
    readings = [reading.read(text=case["text"]) for case in CASES["cases"]]
    # Every kind of need: guided constraints, languages and each skill level.
    for skill in ("basic", "intermediate", "expert"):
        readings.append(
            reading.read(
                text="hash matching and transcription of audio",
                constraints=["on-premises", "free", "open-source"],
                languages=["es"],
                skill=skill,
            )
        )
    kinds = {need.kind for read in readings for need in read.needs}
    assert {"capability", "deployment", "cost", "open_source", "language", "skill"} <= kinds
    for user in (verified_user, AnonymousUser()):
        for read in readings:
            from_index = ranking.rank(reading=read, user=user)
            from_sql = ranking.rank(reading=read, user=user, use_index=False)
            assert _answer(from_index) == _answer(from_sql), (user, read.needs)
