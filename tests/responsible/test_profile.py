"""A tool's responsible-AI profile and evidence ledger on the tool page, in compare, and as
facets; providers' proposals reviewed by curators."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from catalogue.models import Tool
from responsible import selectors, services
from responsible.models import Evidence, ProfileEntry, Proposal
from tests.catalogue.factories import ToolFactory
from tests.factories import UserFactory
from tests.responsible.conftest import sub
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_profile_entry_is_created_then_replaced(tool):
    services.profile_entry_set(
        tool=tool, sub_principle=sub("accuracy"), status="documented", text="Published tests."
    )
    entries = ProfileEntry.objects.filter(profile__tool=tool, sub_principle__slug="accuracy")
    assert [(e.status, e.text) for e in entries] == [("documented", "Published tests.")]


def test_profile_entry_rejects_bad_sources_and_over_long_text(tool):
    with pytest.raises(ValidationError):
        services.profile_entry_set(
            tool=tool, sub_principle=sub("privacy"), status="partly", sources=["not a url"]
        )
    with pytest.raises(ValidationError):
        services.profile_entry_set(
            tool=tool, sub_principle=sub("privacy"), status="partly", text="x" * 1001
        )
    with pytest.raises(ValidationError):
        services.profile_entry_set(tool=tool, sub_principle=sub("privacy"), status="maybe")


def test_tool_page_shows_profile_status_in_words(client_for, tool):
    html = client_for().get(tool.get_absolute_url()).content.decode()
    assert "Responsible-AI profile" in html
    assert "Every match is confirmed by an analyst." in html
    assert "Partly documented" in html
    assert "Nothing recorded" in html  # sub-principles without an entry say so
    assert "Documented by the provider" in html  # human review of every decision
    assert "2 of 4 safeguards" in html
    assert "Toolkit" in html and "portal's own" in html.replace("&#x27;", "'")


def test_restricted_evidence_is_hidden_from_visitors_and_pending_members(
    client_for, tool, pending_user, verified_user
):
    for user in (None, pending_user):
        html = client_for(user).get(tool.get_absolute_url()).content.decode()
        assert "Recall of 97% on vendor benchmark" in html
        assert "Vendor-claimed" in html
        assert "Restricted lab evaluation" not in html
        assert "1 more claim is shown to verified members." in html
    html = client_for(verified_user).get(tool.get_absolute_url()).content.decode()
    assert "Restricted lab evaluation" in html
    assert "Independently tested" in html


def test_assess_button_only_for_verified_members(client_for, tool, pending_user, verified_user):
    assert (
        "Assess this tool for our use"
        not in client_for().get(tool.get_absolute_url()).content.decode()
    )
    assert (
        "Assess this tool for our use"
        not in client_for(pending_user).get(tool.get_absolute_url()).content.decode()
    )
    assert (
        "Assess this tool for our use"
        in client_for(verified_user).get(tool.get_absolute_url()).content.decode()
    )


def test_wellbeing_course_is_offered_when_analysts_still_see_material(client_for, tool):
    CourseFactory(title="Resilience for analysts", topic="wellbeing")
    html = client_for().get(tool.get_absolute_url()).content.decode()
    assert "Resilience for analysts" in html
    services.profile_update(
        tool=tool,
        exposure_safeguards=["blurring", "greyscale", "auto-categorisation", "de-duplication"],
    )
    html = client_for().get(tool.get_absolute_url()).content.decode()
    assert "All four safeguards" in html
    assert "Resilience for analysts" not in html


def test_tool_page_query_count(client_for, tool, verified_user, django_assert_max_num_queries):
    # The panel reads the profile with its entries, the principles with their
    # sub-principles and the evidence in a fixed number of queries, whatever their number
    # (the page's other panels, field reports among them, add a fixed number too).
    client = client_for(verified_user)
    client.get(tool.get_absolute_url())
    with django_assert_max_num_queries(16):
        assert client.get(tool.get_absolute_url()).status_code == 200


# Facets ------------------------------------------------------------------------------------


def test_facet_columns_follow_the_profile(tool, other_tool):
    # The only independently tested claim is restricted: it counts for nobody on the list.
    tool = Tool.objects.get(pk=tool.pk)
    assert not tool.independently_tested
    assert tool.human_review_documented
    assert tool.exposure_safeguards == ["blurring", "de-duplication"]
    assert Tool.objects.filter(human_review_documented=True).get() == tool


def test_exposure_spared_levels():
    from responsible.models import ToolProfile

    assert selectors.exposure_spared(None)["count"] == 0
    assert (
        str(selectors.exposure_spared(ToolProfile(exposure_safeguards=["blurring"]))["label"])
        == "Some"
    )
    three = ToolProfile(exposure_safeguards=["blurring", "greyscale", "de-duplication"])
    assert str(selectors.exposure_spared(three)["label"]) == "Most"


# Compare -----------------------------------------------------------------------------------


def test_compare_marks_differences_in_words(client_for, tool, other_tool, verified_user):
    url = f"/tools/compare/?tools={tool.slug},{other_tool.slug}"
    html = client_for(verified_user).get(url).content.decode()
    assert "Responsible-AI profiles and evidence" in html
    assert "compare__row--differs" in html
    # Text, not only colour: the differing row says so.
    assert '<span class="rai-differs">differs</span>' in html
    assert "Restricted lab evaluation" in html
    anonymous_html = client_for().get(url).content.decode()
    assert "Restricted lab evaluation" not in anonymous_html
    assert "Recall of 97% on vendor benchmark" in anonymous_html


def test_compare_rows_say_which_differ(tool, other_tool, verified_user):
    data = selectors.compare(tools=[tool, other_tool], user=verified_user)
    rows = {r.label: r for r in data["profile_rows"]}
    assert rows["Human control"].differs
    assert not rows["Privacy"].differs  # nothing recorded for either
    levels = {r.label: [c["label"] for c in r.cells] for r in data["evidence_rows"]}
    assert levels["Independently tested"] == ["1", "0"]


def test_compare_query_count(
    client_for, tool, other_tool, verified_user, django_assert_max_num_queries
):
    # Profiles, entries, visible evidence and principles are read once for all tools.
    third = ToolFactory(name="Third")
    client = client_for(verified_user)
    url = f"/tools/compare/?tools={tool.slug},{other_tool.slug},{third.slug}"
    client.get(url)
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


# Proposals ---------------------------------------------------------------------------------


def test_provider_proposes_and_curator_approves(tool, curator):
    provider = UserFactory(verified=True, role="provider")
    proposal = services.proposal_submit(
        tool=tool,
        sub_principle=sub("privacy"),
        doc_status="documented",
        text="Data never leaves the agency's network.",
        sources=["https://example.org/privacy"],
        proposed_by=provider,
    )
    assert not ProfileEntry.objects.filter(
        profile__tool=tool, sub_principle__slug="privacy"
    ).exists()
    entry = services.proposal_approve(proposal=proposal, reviewed_by=curator)
    assert entry.status == "documented" and entry.sources == ["https://example.org/privacy"]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED and proposal.reviewed_by == curator
    with pytest.raises(ValidationError):
        services.proposal_reject(proposal=proposal, reviewed_by=curator)


def test_pending_member_cannot_propose(tool, pending_user):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            tool=tool,
            sub_principle=sub("privacy"),
            doc_status="partly",
            text="",
            sources=[],
            proposed_by=pending_user,
        )


def test_proposal_page(
    client_for, tool, verified_user, pending_user, django_capture_on_commit_callbacks
):
    url = f"/responsible-ai/tools/{tool.slug}/propose/"
    assert client_for().get(url).status_code == 302
    assert client_for(pending_user).get(url).status_code == 403
    client = client_for(verified_user)
    assert client.get("/responsible-ai/tools/no-such-tool/propose/").status_code == 404
    response = client.post(
        url,
        {
            "sub_principle": sub("privacy").pk,
            "doc_status": "partly",
            "text": "x" * 1001,
            "sources": "not a url",
        },
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert "is not a web address" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "sub_principle": sub("privacy").pk,
                "doc_status": "partly",
                "text": "Short note.",
                "sources": "https://example.org/a\nhttps://example.org/b",
            },
        )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.sources == ["https://example.org/a", "https://example.org/b"]
    assert "Waiting for a curator" in client.get(url).content.decode()
    notice = mail.outbox[-1]
    assert notice.to == ["curators@globalhub.test"]
    assert "HashHarbor" in notice.subject
    assert f"/admin/responsible/proposal/{proposal.pk}/change/" in notice.body


def test_curator_approves_in_the_admin(client_for, tool, curator, verified_user):
    proposal = services.proposal_submit(
        tool=tool,
        sub_principle=sub("necessity"),
        doc_status="partly",
        text="Backlog study.",
        sources=[],
        proposed_by=verified_user,
    )
    client = client_for(curator)
    assert client.get("/admin/responsible/proposal/").status_code == 200
    response = client.post(
        "/admin/responsible/proposal/",
        {"action": "approve", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    assert ProfileEntry.objects.get(profile__tool=tool, sub_principle__slug="necessity").text == (
        "Backlog study."
    )


def test_evidence_record_is_idempotent(tool):
    kwargs = {
        "tool": tool,
        "claim": "Recall of 97% on vendor benchmark",
        "kind": "accuracy",
        "date": datetime.date(2025, 1, 10),
        "source_url": "https://example.org/claim2",
        "level": "peer-reported",
    }
    services.evidence_record(**kwargs)
    claims = Evidence.objects.filter(profile__tool=tool, claim=kwargs["claim"])
    assert [(c.level, c.source_url) for c in claims] == [
        ("peer-reported", "https://example.org/claim2")
    ]


def test_tool_without_profile_says_nothing_is_recorded(client_for, other_tool, verified_user):
    html = client_for(verified_user).get(other_tool.get_absolute_url()).content.decode()
    assert "Nothing is recorded yet" in html
    assert "Assess this tool for our use" in html
    assert "Propose a change to this profile" in html


def test_proposals_are_listed_with_the_members_submissions(
    client_for, tool, verified_user, curator
):
    proposal = services.proposal_submit(
        tool=tool,
        sub_principle=sub("privacy"),
        doc_status="documented",
        text="",
        sources=[],
        proposed_by=verified_user,
    )
    services.proposal_reject(proposal=proposal, reviewed_by=curator, note="Source needed.")
    html = client_for(verified_user).get("/tools/submissions/").content.decode()
    assert "Proposed changes to responsible-AI profiles" in html
    assert "Rejected" in html and "Source needed." in html
