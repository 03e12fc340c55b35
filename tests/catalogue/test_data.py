import io

import pytest
from django.core.management import call_command

from catalogue import demo
from catalogue.models import Capability, Stage, Tool

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_spread_over_every_facet():
    demo.seed(stdout=io.StringIO())
    first = list(Tool.objects.order_by("pk").values_list("pk", "updated_at"))
    demo.seed(stdout=io.StringIO())
    assert list(Tool.objects.order_by("pk").values_list("pk", "updated_at")) == first
    tools = Tool.objects.all()
    assert tools.count() >= 80
    assert all(t.is_demo for t in tools)
    published = Tool.objects.published()
    for stage in Stage.objects.all():
        assert published.filter(stages=stage).exists(), stage
    for capability in Capability.objects.all():
        assert tools.filter(capabilities=capability).exists(), capability
    assert {d for t in tools for d in t.deployment} == {
        "on-premises",
        "cloud",
        "desktop",
        "mobile",
        "api",
    }
    assert set(tools.values_list("cost_model", flat=True)) == {
        "free",
        "free-for-le",
        "subscription",
        "licence",
        "on-request",
    }
    assert tools.filter(visibility="verified").exists()
    assert tools.filter(status="in_review").exists()
    assert all("demo" in t.provider.name for t in tools)


def test_generate_catalogue_command_bulk_creates_searchable_tools():
    out = io.StringIO()
    call_command("generate_catalogue", tools=250, batch_size=100, stdout=out)
    assert "Created 250 synthetic tools" in out.getvalue()
    tools = Tool.objects.filter(slug__startswith="synthetic-")
    assert tools.count() == 250
    tool = tools.first()
    assert tool.stages.exists() and tool.capability_ids
    assert sorted(tool.capability_ids) == sorted(tool.capabilities.values_list("pk", flat=True))
    assert Tool.objects.filter(search_vector="synthetic").count() == 250
    call_command("generate_catalogue", tools=10, stdout=io.StringIO())
    assert tools.count() == 260
