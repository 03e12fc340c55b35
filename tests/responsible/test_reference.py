"""The Toolkit's principles and sub-principles are reference data in every database."""

import importlib

from django.apps import apps

from responsible import reference
from responsible.models import Principle, SubPrinciple

SLUGS = {
    "lawfulness": ["legitimacy", "necessity", "proportionality"],
    "minimisation-of-harm": ["well-being", "robustness-safety", "accuracy", "efficiency"],
    "human-autonomy": [
        "privacy",
        "human-control",
        "human-agency",
        "transparency-explainability",
    ],
    "fairness": [
        "diversity-accessibility",
        "non-discrimination",
        "protection-of-vulnerable-groups",
        "contestability-redress",
    ],
    "good-governance": ["accountability", "traceability-auditability"],
}


def test_five_principles_and_their_sub_principles_in_order(db):
    found = {
        p.slug: list(p.sub_principles.order_by("position").values_list("slug", flat=True))
        for p in Principle.objects.all()
    }
    assert found == SLUGS
    assert list(Principle.objects.values_list("slug", flat=True)) == list(SLUGS)
    assert all(s.question for s in SubPrinciple.objects.all())


def test_fixture_cites_the_toolkit_and_says_what_is_the_portals_own():
    source = reference.data()["source"]
    assert "Toolkit for Responsible AI Innovation in Law Enforcement" in source["title"]
    assert all(url.startswith("https://") for url in source["urls"])
    assert "portal's own" in source["note"]


def test_migration_carries_a_frozen_copy_of_the_fixture():
    migration = importlib.import_module("responsible.migrations.0002_principles")
    assert migration.PRINCIPLES == reference.data()["principles"]


def test_loading_again_changes_nothing(db):
    before = list(SubPrinciple.objects.values_list("pk", "slug", "principle_id", "position"))
    reference.load(apps)
    after = list(SubPrinciple.objects.values_list("pk", "slug", "principle_id", "position"))
    assert before == after
    assert Principle.objects.count() == 5


def test_course_topics_name_real_training_topics():
    from training.models import Topic

    for principle in reference.data()["principles"]:
        for sub in principle["sub_principles"]:
            assert set(sub["course_topics"]) <= set(Topic.values), sub["slug"]
