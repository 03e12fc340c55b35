import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory, admin_change_data

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

    data = admin_change_data(
        tool,
        summary="Now reads geolocation",
        capabilities=[Capability.objects.get(slug="geolocation").pk],
        cost_model="free",
    )
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


def tool_form_data(provider, **changes) -> dict:
    from catalogue.models import Capability, Stage

    return {
        "name": "Added Directly",
        "slug": "added-directly",
        "provider": provider.pk,
        "status": "draft",
        "visibility": "public",
        "summary": "Added by a curator",
        "stages": [Stage.objects.get(slug="prevention").pk],
        "capabilities": [Capability.objects.get(slug="triage").pk],
        "cost_model": "free",
        "skill_level": "basic",
        **changes,
    }


def test_a_tool_added_in_the_admin_is_verified_today_and_moves_through_review(client_for, curator):
    from tests.catalogue.factories import ProviderFactory

    data = tool_form_data(ProviderFactory(), status="in_review")
    response = client_for(curator).post(reverse("admin:catalogue_tool_add"), data)
    assert response.status_code == 302
    tool = Tool.objects.get(slug="added-directly")
    assert tool.status == Tool.Status.IN_REVIEW and tool.published_at is None
    assert tool.last_verified == timezone.localdate() and not tool.is_stale
    assert "Triage" in tool.keywords


def test_a_tool_cannot_be_added_straight_to_published(client_for, curator):
    from tests.catalogue.factories import ProviderFactory

    data = tool_form_data(ProviderFactory(), status="published")
    response = client_for(curator).post(reverse("admin:catalogue_tool_add"), data)
    assert response.status_code == 200
    assert "A tool cannot go from “Draft” to “Published”" in response.text
    assert "is violated" not in response.text
    assert not Tool.objects.filter(slug="added-directly").exists()


def test_the_change_form_refuses_a_draft_going_straight_to_published(client_for, curator):
    draft = ToolFactory(status=Tool.Status.DRAFT, published_at=None, slug="added-directly")
    data = tool_form_data(draft.provider, status="published", name=draft.name)
    page = client_for(curator).get(reverse("admin:catalogue_tool_change", args=[draft.pk]))
    assert "it can move to “In review”" in page.text
    response = client_for(curator).post(
        reverse("admin:catalogue_tool_change", args=[draft.pk]), data
    )
    assert response.status_code == 200
    assert "A tool cannot go from “Draft” to “Published”" in response.text
    draft.refresh_from_db()
    assert draft.status == Tool.Status.DRAFT and draft.published_at is None


def test_the_change_form_publishes_through_the_workflow(client_for, curator):
    tool = ToolFactory(
        status=Tool.Status.IN_REVIEW, published_at=None, last_verified=None, slug="added-directly"
    )
    data = tool_form_data(tool.provider, status="published", name=tool.name)
    response = client_for(curator).post(
        reverse("admin:catalogue_tool_change", args=[tool.pk]), data
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    assert tool.published_at is not None and tool.last_verified == timezone.localdate()


def test_a_verification_date_to_come_is_a_form_error(client_for, curator):
    from tests.catalogue.factories import ProviderFactory

    data = tool_form_data(ProviderFactory(), last_verified="2999-01-01")
    response = client_for(curator).post(reverse("admin:catalogue_tool_add"), data)
    assert response.status_code == 200
    assert "cannot be verified on a date still to come" in response.text


# The CSV import -----------------------------------------------------------------------------


def import_rows(rows: list[dict], *, dry_run: bool):
    import tablib

    from catalogue.admin import ToolResource

    headers = ToolResource().export().headers
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append([row.get(header, "") for header in headers])
    return ToolResource().import_data(dataset, dry_run=dry_run)


def exported(tool: Tool, **changes) -> dict:
    from catalogue.admin import ToolResource

    dataset = ToolResource().export(queryset=Tool.objects.filter(pk=tool.pk))
    return {**dict(zip(dataset.headers, dataset[0], strict=True)), **changes}


def row_errors(result) -> list[str]:
    return [
        message
        for row in result.invalid_rows
        for messages in row.error_dict.values()
        for message in messages
    ]


def test_import_publishes_through_the_workflow(db):
    tool = ToolFactory(status=Tool.Status.IN_REVIEW, published_at=None, last_verified=None)
    result = import_rows([exported(tool, status="published")], dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    assert tool.published_at is not None and tool.last_verified == timezone.localdate()


def test_import_refuses_a_move_the_workflow_forbids_row_by_row(db):
    draft = ToolFactory(status=Tool.Status.DRAFT, published_at=None, name="Draft one")
    fine = ToolFactory(status=Tool.Status.PUBLISHED, name="Fine one")
    rows = [
        exported(draft, status="published"),
        exported(fine, summary="Still fine"),
        exported(fine, slug="brand-new", name="Brand new", status="published"),
        exported(fine, slug="no-such-status", name="Odd", status="archived"),
    ]
    preview = import_rows(rows, dry_run=True)
    assert [row.number for row in preview.invalid_rows] == [1, 3, 4]
    errors = row_errors(preview)
    assert (
        "A tool cannot go from “Draft” to “Published”. From “Draft” it can go to “In review”."
        in (errors)
    )
    assert any("“archived” is not a status" in error for error in errors)
    assert not any("is violated" in error for error in errors)
    draft.refresh_from_db()
    assert draft.status == Tool.Status.DRAFT
    assert not Tool.objects.filter(slug="brand-new").exists()


def test_the_import_preview_shows_a_refused_move_on_its_row(client_for, curator):
    import tablib
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = ToolFactory(status=Tool.Status.DRAFT, published_at=None)
    row = exported(draft, status="published")
    csv_text = tablib.Dataset(list(row.values()), headers=list(row)).csv
    response = client_for(curator).post(
        reverse("admin:catalogue_tool_import"),
        {"format": "0", "import_file": SimpleUploadedFile("tools.csv", csv_text.encode())},
    )
    assert response.status_code == 200
    assert "A tool cannot go from “Draft” to “Published”." in response.text
    assert "is violated" not in response.text
    draft.refresh_from_db()
    assert draft.status == Tool.Status.DRAFT


def test_import_creates_drafts_verified_today_and_ignores_publication_dates(db):
    model = ToolFactory(name="Model")
    row = exported(model, slug="imported", name="Imported", status="draft", last_verified="")
    row["published_at"] = "2020-01-01 00:00:00"
    result = import_rows([row], dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    tool = Tool.objects.get(slug="imported")
    assert tool.status == Tool.Status.DRAFT and tool.published_at is None
    assert tool.last_verified == timezone.localdate()


# Constraints speak plain words ----------------------------------------------------------------


def test_every_catalogue_constraint_has_a_plain_message():
    from django.apps import apps

    for model in apps.get_app_config("catalogue").get_models():
        for constraint in model._meta.constraints:
            message = str(constraint.violation_error_message)
            assert message != str(constraint.default_violation_error_message), constraint.name
            assert constraint.name not in message


def test_constraint_violations_read_as_sentences(client_for, curator, verified_user):
    from django.core.exceptions import ValidationError

    from tests.catalogue.factories import ShortlistFactory

    tool = ToolFactory.build(status=Tool.Status.PUBLISHED, published_at=None)
    tool.provider.save()
    tool.provider_id = tool.provider.pk
    with pytest.raises(ValidationError) as raised:
        tool.validate_constraints()
    assert "A published tool needs a first publication date" in str(raised.value)
    ShortlistFactory(owner=verified_user, name="Pilot")
    response = client_for(curator).post(
        reverse("admin:catalogue_shortlist_add"),
        {
            "owner": verified_user.pk,
            "name": "Pilot",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "This member already has a shortlist with this name." in response.text
