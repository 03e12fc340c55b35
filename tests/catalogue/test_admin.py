import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:catalogue_tool_changelist")


def action(client, name: str, tools) -> object:
    return client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [t.pk for t in tools]},
        follow=True,
    )


def test_curator_publishes_a_submitted_tool_and_sees_its_history(
    client_for, curator, verified_user
):
    tool = ToolFactory(
        name="Submitted",
        status=Tool.Status.IN_REVIEW,
        published_at=None,
        last_verified=None,
        submitted_by=verified_user,
    )
    client = client_for(curator)
    response = action(client, "set_status_published", [tool])
    assert "1 tool updated" in response.text
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    assert tool.published_at and tool.last_verified == timezone.localdate()
    change = client.get(reverse("admin:catalogue_tool_change", args=[tool.pk]))
    assert change.status_code == 200
    assert "audit trail" in change.text.lower()
    assert curator.email in change.text  # who published it, recorded by the trigger
    assert "in_review → published" in change.text
    assert "Public page" in change.text


def test_workflow_refuses_skipping_review(client_for, curator):
    draft = ToolFactory(status=Tool.Status.DRAFT, published_at=None)
    response = action(client_for(curator), "set_status_published", [draft])
    assert "cannot go from" in response.text
    draft.refresh_from_db()
    assert draft.status == Tool.Status.DRAFT


def test_retire_and_mark_verified_today(client_for, curator):
    tools = [ToolFactory(last_verified=None) for _ in range(2)]
    client = client_for(curator)
    assert "2 tools marked as verified today" in action(client, "mark_verified_today", tools).text
    assert all(t.last_verified == timezone.localdate() for t in Tool.objects.all())
    action(client, "set_status_retired", tools)
    assert set(Tool.objects.values_list("status", flat=True)) == {"retired"}


def test_changelist_filters_search_and_autocomplete(client_for, curator):
    ToolFactory(name="Findable", capabilities=["ocr"])
    client = client_for(curator)
    for params in [
        {"q": "Findable"},
        {"status__exact": "published"},
        {"stale": "stale"},
        {"stale": "current"},
        {"visibility__exact": "verified"},
        {"capabilities__id__exact": "1"},
        {"provider__kind__exact": "company"},
        {"deployment": "cloud"},
        {"language": "fr"},
    ]:
        assert client.get(CHANGELIST, params).status_code == 200, params
    auto = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "catalogue",
            "model_name": "tool",
            "field_name": "capabilities",
            "term": "oc",
        },
    )
    assert auto.status_code == 200 and "OCR" in auto.text
    for model in ("stage", "capability", "datatype", "phase", "provider", "shortlist"):
        assert client.get(reverse(f"admin:catalogue_{model}_changelist")).status_code == 200


def test_admin_edit_refreshes_search_fields(client_for, curator):
    tool = ToolFactory(name="Editable", capabilities=["ocr"])
    client = client_for(curator)
    page = client.get(reverse("admin:catalogue_tool_change", args=[tool.pk]))
    assert page.status_code == 200
    from catalogue.models import Capability

    data = {
        "name": "Editable",
        "slug": tool.slug,
        "provider": tool.provider.pk,
        "status": "published",
        "visibility": "public",
        "summary": "Now reads geolocation",
        "description": "",
        "stages": [s.pk for s in tool.stages.all()],
        "capabilities": [Capability.objects.get(slug="geolocation").pk],
        "languages": "en",
        "deployment": "cloud",
        "cost_model": "free",
        "skill_level": "basic",
        "last_verified": "2026-01-02",
    }
    response = client.post(reverse("admin:catalogue_tool_change", args=[tool.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    tool.refresh_from_db()
    assert "Geolocation" in tool.keywords
    assert tool.capability_ids == [Capability.objects.get(slug="geolocation").pk]


def test_csv_export_and_import_round_trip(client_for, curator):
    import tablib

    from catalogue.admin import ToolResource

    tool = ToolFactory(name="Exported", capabilities=["ocr", "triage"])
    dataset = ToolResource().export()
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["capabilities"] in ("ocr|triage", "triage|ocr")
    assert "search_vector" not in dataset.headers and "keywords" not in dataset.headers
    changed = tablib.Dataset(headers=dataset.headers)
    changed.append(
        [
            {"name": "Re-imported", "capabilities": "geolocation", "deployment": "cloud|api"}.get(
                h, v
            )
            for h, v in row.items()
        ]
    )
    result = ToolResource().import_data(changed, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    tool.refresh_from_db()
    assert tool.name == "Re-imported" and tool.deployment == ["cloud", "api"]
    assert "Geolocation" in tool.keywords  # search fields refreshed after the import
    page = client_for(curator).get(reverse("admin:catalogue_tool_import"))
    assert page.status_code == 200


def test_taxonomy_and_history_need_staff(client_for, verified_user):
    response = client_for(verified_user).get(reverse("admin:catalogue_stage_changelist"))
    assert response.status_code == 302


def test_adding_a_published_tool_in_the_admin_stamps_the_date(client_for, curator):
    from catalogue.models import Capability, Stage
    from tests.catalogue.factories import ProviderFactory

    provider = ProviderFactory()
    data = {
        "name": "Added Directly",
        "slug": "added-directly",
        "provider": provider.pk,
        "status": "published",
        "visibility": "public",
        "summary": "Added by a curator",
        "stages": [Stage.objects.get(slug="prevention").pk],
        "capabilities": [Capability.objects.get(slug="triage").pk],
        "cost_model": "free",
        "skill_level": "basic",
    }
    response = client_for(curator).post(reverse("admin:catalogue_tool_add"), data)
    assert response.status_code == 302
    tool = Tool.objects.get(slug="added-directly")
    assert tool.published_at is not None
    assert "Triage" in tool.keywords
