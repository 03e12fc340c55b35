from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pghistory.models import Events

from catalogue import taxonomy
from catalogue.models import Capability, Stage, Tool
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_reference_taxonomy_exists_in_every_database():
    assert list(Stage.objects.order_by("position").values_list("slug", flat=True)) == [
        "prevention",
        "content-generation",
        "text-speech-analysis",
        "image-analysis",
        "process-workflow-optimisation",
    ]
    assert set(Capability.objects.values_list("slug", flat=True)) == set(
        taxonomy.slugs("catalogue.capability")
    )
    assert len(taxonomy.slugs("catalogue.capability")) == 20


def test_taxonomy_fixture_loads_with_natural_keys():
    from django.core.management import call_command

    Stage.objects.filter(slug="prevention").update(name="Renamed")
    call_command("loaddata", "catalogue_taxonomy", verbosity=0)
    assert Stage.objects.get(slug="prevention").name == "Prevention"
    assert Stage.objects.count() == 5


def test_search_vector_is_stored_and_weighted(verified_user):
    tool = ToolFactory(name="Lantern Matcher", capabilities=["age-estimation"])
    tool.refresh_from_db()
    vector = str(tool.search_vector)
    assert "'lantern':1A" in vector
    assert "estim" in vector  # the capability name, through the denormalised keywords


def test_denormalised_term_ids_follow_relations():
    tool = ToolFactory(stages=["prevention", "image-analysis"], capabilities=["ocr"])
    tool.refresh_from_db()
    assert sorted(tool.stage_ids) == sorted(
        Stage.objects.filter(slug__in=["prevention", "image-analysis"]).values_list("pk", flat=True)
    )
    tool.capabilities.set(Capability.objects.filter(slug="triage"))
    tool.refresh_denormalised()
    tool.refresh_from_db()
    assert tool.capability_ids == [Capability.objects.get(slug="triage").pk]
    assert "Triage" in tool.keywords


def test_visible_to_hides_unpublished_and_restricted(pending_user, verified_user):
    public = ToolFactory()
    restricted = ToolFactory(visibility="verified")
    ToolFactory(status=Tool.Status.DRAFT, published_at=None)
    assert set(Tool.objects.visible_to(None)) == {public}
    assert set(Tool.objects.visible_to(pending_user)) == {public}
    assert set(Tool.objects.visible_to(verified_user)) == {public, restricted}


def test_published_tool_needs_a_publication_date():
    tool = ToolFactory(status=Tool.Status.DRAFT, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tool.objects.filter(pk=tool.pk).update(status=Tool.Status.PUBLISHED)


def test_stale_after_twelve_months(time_machine):
    time_machine.move_to("2026-06-01")
    fresh = ToolFactory(last_verified=timezone.localdate() - timedelta(days=30))
    old = ToolFactory(last_verified=timezone.localdate() - timedelta(days=400))
    never = ToolFactory(last_verified=None)
    assert not fresh.is_stale
    assert old.is_stale and never.is_stale
    assert set(Tool.objects.stale()) == {old, never}


def test_audit_trail_records_saves_and_bulk_updates():
    tool = ToolFactory(name="Before")
    tool.name = "After"
    tool.save()
    Tool.objects.filter(pk=tool.pk).update(visibility="verified")  # bulk: no save() at all
    events = Events.objects.tracks(tool).order_by("pgh_created_at")
    labels = [event.pgh_label for event in events]
    assert labels[0] == "insert"
    assert labels.count("update") >= 2
    diffs = [event.pgh_diff or {} for event in events]
    assert any(diff.get("name") == ["Before", "After"] for diff in diffs)
    assert any(diff.get("visibility") == ["public", "verified"] for diff in diffs)
