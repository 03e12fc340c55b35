"""Reference data: the Toolkit's principles and sub-principles, with the portal's questions.

``fixtures/responsible_principles.json`` holds them with their source. The data migration
carries a frozen copy (so an old migration never changes when the file does); ``load`` brings
a database in line with the file and is safe to run again (browser tests, which run on a
flushed database, call it).
"""

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "responsible_principles.json"


def data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def sub_principle_slugs() -> list[str]:
    return [s["slug"] for p in data()["principles"] for s in p["sub_principles"]]


def load(apps, principles: list[dict] | None = None) -> None:
    """Create or update every principle and sub-principle by slug."""
    Principle = apps.get_model("responsible", "Principle")
    SubPrinciple = apps.get_model("responsible", "SubPrinciple")
    principles = data()["principles"] if principles is None else principles
    position = 0
    for p_position, entry in enumerate(principles):
        principle, _ = Principle.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "position": p_position,
            },
        )
        for sub in entry["sub_principles"]:
            SubPrinciple.objects.update_or_create(
                slug=sub["slug"],
                defaults={
                    "principle": principle,
                    "name": sub["name"],
                    "description": sub["description"],
                    "question": sub["question"],
                    "course_topics": sub["course_topics"],
                    "position": position,
                },
            )
            position += 1
