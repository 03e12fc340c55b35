from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db

RESTRICTED = [
    "sales@example.org",
    "Secret price list",
    "Air-gapped install notes",
    "synthetic benchmark",
]


def url(tool) -> str:
    return reverse("catalogue:tool-detail", args=[tool.slug])


def test_tool_page_groups_every_field(client, db):
    tool = ToolFactory(
        name="GeoClue",
        description="**Bold** claim <script>alert(1)</script>",
        rai_fairness="Error rates per skin tone",
        hardware="16 GB RAM",
        integrations="Works with CaseHub",
        is_demo=True,
    )
    response = client.get(url(tool))
    assert response.status_code == 200
    for heading in [
        "What it does",
        "Data it works on",
        "Deployment and requirements",
        "Evidence of accuracy",
        "Responsible-AI notes",
        "Provider",
    ]:
        assert heading in response.text
    assert "<strong>Bold</strong>" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "Error rates per skin tone" in response.text
    assert "fictional demo entry" in response.text
    assert "Last verified" in response.text


def test_restricted_fields_only_for_verified_members(client_for, pending_user, verified_user):
    tool = ToolFactory()
    for user in (None, pending_user):
        text = client_for(user).get(url(tool)).text
        assert not any(secret in text for secret in RESTRICTED)
        assert "shown to verified members" in text
    text = client_for(verified_user).get(url(tool)).text
    assert all(secret in text for secret in RESTRICTED)


def test_restricted_tool_page_access(client_for, pending_user, verified_user):
    tool = ToolFactory(visibility="verified")
    anonymous = client_for(None).get(url(tool))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(pending_user).get(url(tool)).status_code == 403
    assert client_for(verified_user).get(url(tool)).status_code == 200


def test_unpublished_tools_are_404_except_for_curators_and_submitters(
    client_for, verified_user, curator
):
    tool = ToolFactory(status=Tool.Status.IN_REVIEW, published_at=None, submitted_by=verified_user)
    assert client_for(None).get(url(tool)).status_code == 404
    mine = client_for(verified_user).get(url(tool))
    assert mine.status_code == 200 and "Preview" in mine.text
    assert client_for(curator).get(url(tool)).status_code == 200
    assert client_for(None).get("/tools/no-such-tool/").status_code == 404


def test_stale_warning(client, time_machine):
    time_machine.move_to("2026-06-01")
    old = ToolFactory(last_verified=timezone.localdate() - timedelta(days=400))
    fresh = ToolFactory()
    assert "more than 12 months" in client.get(url(old)).text
    assert "more than 12 months" not in client.get(url(fresh)).text


def test_related_tools_share_capabilities(client, db):
    tool = ToolFactory(name="Main", capabilities=["ocr", "triage"])
    ToolFactory(name="Both", capabilities=["ocr", "triage"])
    ToolFactory(name="One", capabilities=["ocr"])
    ToolFactory(name="None", capabilities=["geolocation"])
    text = client.get(url(tool)).text
    related = text[text.index("Related tools") :]
    assert related.index("Both") < related.index("One")
    assert "None</a>" not in related


def test_tool_page_renders_the_panels_other_apps_register(client, db, settings, tmp_path):
    from catalogue.panels import register_tool_panel, unregister_tool_panel

    (tmp_path / "_test_panel.html").write_text(
        '<section id="test-panel">{{ tool.name }}: {{ panel_text }}</section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    tool = ToolFactory(name="Panelled")
    seen = []

    def context_fn(*, tool, user):
        seen.append((tool.pk, user.is_authenticated))
        return {"panel_text": "A word from another app"}

    register_tool_panel("test-panel", template="_test_panel.html", context_fn=context_fn, order=1)
    try:
        text = client.get(url(tool)).text
    finally:
        unregister_tool_panel("test-panel")
    assert seen == [(tool.pk, False)]
    assert '<section id="test-panel">Panelled: A word from another app</section>' in text
    assert "A word from another app" not in client.get(url(tool)).text


def test_tool_page_query_count(client_for, verified_user, django_assert_max_num_queries):
    tool = ToolFactory(capabilities=["ocr", "triage"], stages=["prevention", "image-analysis"])
    for _ in range(10):
        ToolFactory(capabilities=["ocr"])
    client = client_for(verified_user)
    # Terms come as arrays in the tool's own query and related tools in one more: the page
    # does not query per term or per related tool. The registered panels add a fixed number
    # each: courses and legal points 2 each, responsible use 1 (no profile), field reports 2.
    with django_assert_max_num_queries(13):
        response = client.get(url(tool))
    assert response.status_code == 200


# Compare -----------------------------------------------------------------------------------

COMPARE = reverse("catalogue:tool-compare")


def test_compare_three_tools_side_by_side(client, db):
    a = ToolFactory(name="A", cost_model="free")
    b = ToolFactory(name="B", cost_model="free")
    c = ToolFactory(name="C", cost_model="subscription")
    response = client.get(COMPARE, {"tools": f"{a.slug},{b.slug},{c.slug}"})
    assert response.status_code == 200
    text = response.text
    assert text.index(">A<") < text.index(">B<") < text.index(">C<")
    assert 'compare__row compare__row--differs">\n            <th scope="row">Cost model' in text
    assert 'compare__row">\n            <th scope="row">Deployment' in text
    assert "Secret price list" not in text


def test_compare_accepts_repeated_parameters_and_shows_restricted_rows_to_verified(
    client_for, verified_user
):
    a, b = ToolFactory(), ToolFactory()
    response = client_for(verified_user).get(COMPARE, {"tools": [a.slug, b.slug]})
    assert response.status_code == 200
    assert "Secret price list" in response.text


def test_compare_bad_input(client_for, pending_user):
    tools = [ToolFactory() for _ in range(5)]
    client = client_for(None)
    too_many = client.get(COMPARE, {"tools": ",".join(t.slug for t in tools)})
    assert too_many.status_code == 400 and "up to 4 tools" in too_many.text
    unknown = client.get(COMPARE, {"tools": "nope,nada"})
    assert unknown.status_code == 404 and "not found" in unknown.text
    one = client.get(COMPARE, {"tools": tools[0].slug})
    assert one.status_code == 400 and "at least two" in one.text
    partly = client.get(COMPARE, {"tools": f"{tools[0].slug},{tools[1].slug},ghost"})
    assert partly.status_code == 200 and "ghost" in partly.text
    hidden = ToolFactory(visibility="verified")
    response = client_for(pending_user).get(COMPARE, {"tools": f"{tools[0].slug},{hidden.slug}"})
    assert hidden.name not in response.text
    assert client.get(COMPARE).status_code == 200


def test_compare_query_count(client_for, verified_user, django_assert_max_num_queries):
    tools = [ToolFactory(capabilities=["ocr", "triage"]) for _ in range(4)]
    client = client_for(verified_user)
    # One query brings the four tools with provider and every term: nothing per tool.
    with django_assert_max_num_queries(10):
        response = client.get(COMPARE, {"tools": ",".join(t.slug for t in tools)})
    assert response.status_code == 200


def test_related_tools_come_from_the_newest_tools_of_each_capability(client, db, monkeypatch):
    """The candidates are bounded per capability (the page's cost does not grow with the
    catalogue); among them, the tools sharing the most capabilities come first."""
    from catalogue.selectors import detail

    monkeypatch.setattr(detail, "RELATED_CANDIDATES_PER_CAPABILITY", 3)
    tool = ToolFactory(name="Main", capabilities=["ocr", "triage"])
    ToolFactory(name="Old ocr", capabilities=["ocr"])
    for i in range(3):
        ToolFactory(name=f"New ocr {i}", capabilities=["ocr"])
    ToolFactory(name="New both", capabilities=["ocr", "triage"])
    text = client.get(url(tool)).text
    related = text[text.index("Related tools") :]
    assert related.index("New both") < related.index("New ocr 1") < related.index("New ocr 2")
    assert "Old ocr" not in related  # beyond the three newest of either capability
    assert "New ocr 0" not in related
