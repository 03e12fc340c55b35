"""An agency's risk assessment: start, worksheet, summary, sharing, co-signing, versions,
and who may see what."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from legislation.models import Jurisdiction
from responsible import selectors, services
from responsible.models import Assessment, Risk, Share, Signature
from tests.catalogue.factories import ToolFactory
from tests.factories import UserFactory
from tests.legislation.factories import CoverageFactory, InstrumentFactory, topic
from tests.responsible.conftest import rate_all
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def fr():
    return Jurisdiction.objects.get(code="FR")


# Starting ----------------------------------------------------------------------------------


def test_start_page_names_use_jurisdiction_and_stage(client_for, author, tool):
    client = client_for(author)
    url = f"/assessments/new/{tool.slug}/"
    html = client.get(url).content.decode()
    assert "never enter case data" in html
    assert "the portal&#x27;s own" in html or "the portal's own" in html
    response = client.post(
        url,
        {
            "intended_use": "Triage of seized phones",
            "jurisdiction": fr().pk,
            "lifecycle_stage": "deployment",
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/worksheet/"
    assert assessment.author == author and assessment.agency == author.agency
    assert assessment.risks.count() == 17


def test_start_form_errors(client_for, author, tool):
    client = client_for(author)
    url = f"/assessments/new/{tool.slug}/"
    response = client.post(
        url, {"intended_use": "x" * 201, "jurisdiction": 999999, "lifecycle_stage": "someday"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "at most 200 characters" in html
    assert "Select a valid choice" in html
    assert not Assessment.objects.exists()


def test_start_unknown_or_hidden_tool_is_404(client_for, author):
    draft = ToolFactory(status="draft", published_at=None)
    client = client_for(author)
    assert client.get("/assessments/new/no-such-tool/").status_code == 404
    assert client.get(f"/assessments/new/{draft.slug}/").status_code == 404


def test_start_for_anonymous_and_pending(client_for, pending_user, tool):
    url = f"/assessments/new/{tool.slug}/"
    response = client_for().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(pending_user).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.assessment_create(
            tool=tool,
            author=pending_user,
            intended_use="x",
            jurisdiction=fr(),
            lifecycle_stage="decision",
        )


def test_worksheet_is_prefilled_from_profile_evidence_and_law(author, tool):
    instrument = InstrumentFactory(jurisdiction=fr(), short_title="Code pénal (test)")
    CoverageFactory(instrument=instrument, topic=topic("possession"), article="Art. 227-23")
    assessment = services.assessment_create(
        tool=tool,
        author=author,
        intended_use="Triage",
        jurisdiction=fr(),
        lifecycle_stage="procurement",
    )
    known = {
        r.sub_principle.slug: r.known for r in assessment.risks.select_related("sub_principle")
    }
    assert "Documented." in known["human-control"]
    assert "Every match is confirmed by an analyst." in known["human-control"]
    assert "https://example.org/manual" in known["human-control"]
    assert "Recall of 97% on vendor benchmark" in known["accuracy"]
    # The author is verified, so the restricted evaluation is there too.
    assert "Restricted lab evaluation" in known["accuracy"]
    assert "Code pénal (test), Art. 227-23" in known["legitimacy"]
    assert "nothing recorded" in known["well-being"]


def test_prefill_leaves_out_evidence_the_author_cannot_see(tool, author):
    known = services.prefill(
        tool=tool,
        jurisdiction=fr(),
        author=UserFactory(),  # pending: no restricted claims
    )
    assert "Restricted lab evaluation" not in known["accuracy"]
    assert "No law recorded in the portal for France" in known["legitimacy"]


# The worksheet -----------------------------------------------------------------------------


def worksheet_data(assessment, **overrides):
    data = {}
    for risk in assessment.risks.all():
        prefix = f"risk-{risk.pk}"
        data.update(
            {
                f"{prefix}-answer": "Reviewed.",
                f"{prefix}-likelihood": "2",
                f"{prefix}-impact": "3",
                f"{prefix}-mitigation": "Analyst checks each match.",
                f"{prefix}-owner": "Head of unit",
                f"{prefix}-review_date": "2027-06-30",
            }
        )
    data.update(overrides)
    return data


def test_worksheet_shows_questions_for_investigators(client_for, assessment):
    html = (
        client_for(assessment.author)
        .get(f"/assessments/{assessment.pk}/worksheet/")
        .content.decode()
    )
    assert "What happens to the case backlog without this tool?" in html
    assert "Who reviews each match before it becomes evidence?" in html
    assert "2 – Possible" in html and "4 – Severe" in html
    assert "never enter case data" in html
    assert 'maxlength="1500"' in html


def test_worksheet_saves_every_risk(client_for, assessment):
    client = client_for(assessment.author)
    response = client.post(f"/assessments/{assessment.pk}/worksheet/", worksheet_data(assessment))
    assert response.status_code == 302
    risks = list(assessment.risks.all())
    assert {(r.likelihood, r.impact, r.owner) for r in risks} == {(2, 3, "Head of unit")}
    assert risks[0].review_date == datetime.date(2027, 6, 30)


def test_over_long_or_off_scale_input_is_a_form_error(client_for, assessment):
    risk = assessment.risks.first()
    client = client_for(assessment.author)
    data = worksheet_data(
        assessment,
        **{
            f"risk-{risk.pk}-answer": "x" * 1501,
            f"risk-{risk.pk}-likelihood": "9",
            f"risk-{risk.pk}-review_date": "someday",
        },
    )
    response = client.post(f"/assessments/{assessment.pk}/worksheet/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 1500 characters" in html
    assert "Select a valid choice" in html
    assert "Enter a valid date" in html
    assert not Risk.objects.filter(assessment=assessment, likelihood__isnull=False).exists()


def test_service_refuses_over_long_text_too(assessment):
    risk = assessment.risks.first()
    with pytest.raises(ValidationError):
        services.assessment_update(
            assessment=assessment, by=assessment.author, risks={risk.pk: {"mitigation": "x" * 1001}}
        )


def test_save_and_complete_needs_every_risk_rated(client_for, assessment):
    client = client_for(assessment.author)
    risk = assessment.risks.first()
    data = worksheet_data(assessment, **{f"risk-{risk.pk}-likelihood": ""}, complete="1")
    response = client.post(f"/assessments/{assessment.pk}/worksheet/", data, follow=True)
    assert "Rate the likelihood and impact of every risk first" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    data = worksheet_data(assessment, complete="1")
    client.post(f"/assessments/{assessment.pk}/worksheet/", data)
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.completed_at
    assert list(assessment.signatures.values_list("user", flat=True)) == [assessment.author.pk]
    # A completed version is closed.
    response = client.get(f"/assessments/{assessment.pk}/worksheet/")
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        rate_all(assessment)


# The summary -------------------------------------------------------------------------------


def test_summary_table_chart_open_questions_and_courses(client_for, assessment, tool):
    CourseFactory(title="Lawful use of AI", topic="responsible_ai")
    CourseFactory(title="Training on another tool", topic="tool_training")
    risks = {r.sub_principle.slug: r for r in assessment.risks.select_related("sub_principle")}
    rate_all(assessment, likelihood=1, impact=2)
    services.assessment_update(
        assessment=assessment,
        by=assessment.author,
        risks={
            risks["privacy"].pk: {"likelihood": 4, "impact": 4, "mitigation": ""},
            risks["legitimacy"].pk: {"answer": ""},
        },
    )
    html = client_for(assessment.author).get(assessment.get_absolute_url()).content.decode()
    assert "Risks by principle" in html
    assert "<svg" in html and 'class="rai-chart__bar rai-chart__bar--very-high"' in html
    assert "Very high" in html
    # Open questions: the unanswered one and the very high one without mitigation.
    open_part = html.split('id="open-heading"')[1].split("</section>")[0]
    assert "Legitimacy" in open_part and "no answer yet" in open_part
    assert "Privacy" in open_part and "no mitigation yet" in open_part
    assert "Necessity" not in open_part
    gaps = html.split('id="gaps-heading"')[1].split("</section>")[0]
    assert "Lawful use of AI" in gaps
    assert "Training on another tool" not in gaps  # tool training only for this tool


def test_summary_counts_by_level(assessment):
    rate_all(assessment, likelihood=3, impact=3)
    risks = selectors.risks_of(assessment=assessment)
    data = selectors.summary(assessment=assessment, risks=risks, user=assessment.author)
    assert data["totals"] == {"high": 17}
    lawfulness = data["groups"][0]
    assert lawfulness["principle"].slug == "lawfulness"
    assert lawfulness["worst"] == 9
    assert sum(seg["count"] for bar in data["chart"]["bars"] for seg in bar["segments"]) == 17


def test_print_view(client_for, assessment):
    rate_all(assessment)
    services.assessment_complete(assessment=assessment, by=assessment.author)
    response = client_for(assessment.author).get(f"/assessments/{assessment.pk}/print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "responsible/print.css" in html
    assert "<svg" in html and "Ada Author" in html
    assert "contains no case data" in html
    assert "site-header" not in html  # no site shell on paper


# Sharing, comments, co-signing ---------------------------------------------------------------


def test_share_with_a_colleague_who_comments_and_cosigns(client_for, assessment, colleague):
    author_client = client_for(assessment.author)
    response = author_client.post(
        f"/assessments/{assessment.pk}/share/", {"email": colleague.email.upper()}
    )
    assert response.status_code == 302
    client = client_for(colleague)
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "Triage of seized phones" in html
    assert "Open the worksheet" not in html
    assert client.get(f"/assessments/{assessment.pk}/worksheet/").status_code == 403
    assert (
        client.post(f"/assessments/{assessment.pk}/share/", {"email": "x@y.test"}).status_code
        == 403
    )
    client.post(f"/assessments/{assessment.pk}/comment/", {"text": "Check the retention period."})
    assert assessment.comments.get().author == colleague
    # Only a completed assessment can be signed.
    client.post(f"/assessments/{assessment.pk}/sign/")
    assert not Signature.objects.filter(user=colleague).exists()
    rate_all(assessment)
    services.assessment_complete(assessment=assessment, by=assessment.author)
    assert "Co-sign this assessment" in client.get(assessment.get_absolute_url()).content.decode()
    client.post(f"/assessments/{assessment.pk}/sign/")
    client.post(f"/assessments/{assessment.pk}/sign/")  # twice is still one signature
    assert list(assessment.signatures.values_list("user__email", flat=True)) == [
        assessment.author.email,
        colleague.email,
    ]
    assert (
        "Co-sign this assessment" not in client.get(assessment.get_absolute_url()).content.decode()
    )
    listed = client.get("/assessments/").content.decode()
    assert "Shared with you" in listed and "Triage of seized phones" in listed


def test_share_refuses_other_agencies_unknown_and_unverified(
    client_for, assessment, outsider, unit
):
    pending = UserFactory(agency=unit, email="pending@unit.test")
    client = client_for(assessment.author)
    for email in (
        outsider.email,
        "nobody@unit.test",
        pending.email,
        assessment.author.email,
        "not an email",
    ):
        response = client.post(f"/assessments/{assessment.pk}/share/", {"email": email})
        assert response.status_code == 400, email
    assert not Share.objects.exists()
    html = response.content.decode()
    assert "Enter a valid email address" in html


def test_share_twice_is_a_clear_message(assessment, colleague):
    services.assessment_share(assessment=assessment, by=assessment.author, email=colleague.email)
    with pytest.raises(ValidationError, match="already shared"):
        services.assessment_share(
            assessment=assessment, by=assessment.author, email=colleague.email
        )


def test_comment_over_long_is_a_form_error(client_for, assessment):
    response = client_for(assessment.author).post(
        f"/assessments/{assessment.pk}/comment/", {"text": "x" * 1001}
    )
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    assert not assessment.comments.exists()


def test_unshare(client_for, assessment, colleague):
    share = services.assessment_share(
        assessment=assessment, by=assessment.author, email=colleague.email
    )
    client = client_for(assessment.author)
    assert client.post(f"/assessments/{assessment.pk}/share/999999/remove/").status_code == 404
    client.post(f"/assessments/{assessment.pk}/share/{share.pk}/remove/")
    assert client_for(colleague).get(assessment.get_absolute_url()).status_code == 403


def test_a_colleague_who_moves_agency_loses_access(client_for, assessment, colleague, outsider):
    services.assessment_share(assessment=assessment, by=assessment.author, email=colleague.email)
    colleague.agency = outsider.agency
    colleague.save()
    assert client_for(colleague).get(assessment.get_absolute_url()).status_code == 404


# Access ------------------------------------------------------------------------------------


PAGES = ["", "worksheet/", "print/"]
ACTIONS = ["complete/", "share/", "comment/", "sign/", "reopen/"]


def test_access_for_everyone_who_must_not_see_it(
    client_for, assessment, pending_user, colleague, outsider, curator
):
    base = f"/assessments/{assessment.pk}/"
    for page in PAGES:
        response = client_for().get(base + page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert client_for(pending_user).get(base + page).status_code == 403
        # Another agency's assessment, and a curator's view of it, are not known to exist.
        assert client_for(outsider).get(base + page).status_code == 404
        assert client_for(curator).get(base + page).status_code == 404
        # A colleague of the same agency it was not shared with is told why.
        response = client_for(colleague).get(base + page)
        assert response.status_code == 403
        assert "has not been shared with you" in response.content.decode()
        assert "ask Ada Author to add you" in response.content.decode()
    for action in ACTIONS:
        assert client_for(outsider).post(base + action).status_code == 404
        assert client_for(colleague).post(base + action).status_code == 403
        assert client_for(pending_user).post(base + action).status_code == 403
    assert (
        client_for(outsider).get("/assessments/").content.decode().count("Triage of seized phones")
        == 0
    )


def test_list_for_anonymous_and_pending(client_for, pending_user):
    response = client_for().get("/assessments/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(pending_user).get("/assessments/").status_code == 403


def test_unknown_and_tampered_ids_are_404(client_for, author):
    client = client_for(author)
    assert client.get("/assessments/999999/").status_code == 404
    assert client.get("/assessments/abc/").status_code == 404
    assert client.get("/assessments/-1/").status_code == 404
    assert client.post("/assessments/999999/share/", {"email": "a@b.test"}).status_code == 404


def test_get_on_action_urls_is_refused(client_for, assessment):
    assert (
        client_for(assessment.author).get(f"/assessments/{assessment.pk}/sign/").status_code == 405
    )


def test_demo_example_is_readable_by_verified_members_only(
    client_for, assessment, outsider, pending_user
):
    Assessment.objects.filter(pk=assessment.pk).update(is_demo=True)
    assert client_for(outsider).get(assessment.get_absolute_url()).status_code == 200
    assert client_for(outsider).get(f"/assessments/{assessment.pk}/worksheet/").status_code == 403
    assert (
        client_for(outsider)
        .post(f"/assessments/{assessment.pk}/comment/", {"text": "hi"})
        .status_code
        == 403
    )
    assert client_for(pending_user).get(assessment.get_absolute_url()).status_code == 403
    assert "Example" in client_for(outsider).get("/assessments/").content.decode()


# Versions and history ----------------------------------------------------------------------


def test_reopen_as_a_new_version_when_the_tool_changes(client_for, assessment, colleague, tool):
    services.assessment_share(assessment=assessment, by=assessment.author, email=colleague.email)
    rate_all(assessment, likelihood=3, impact=2)
    services.assessment_complete(assessment=assessment, by=assessment.author)
    tool.summary = "A new summary from the provider."
    tool.save()
    client = client_for(assessment.author)
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "The tool&#x27;s entry has changed" in html or "The tool's entry has changed" in html
    response = client.post(f"/assessments/{assessment.pk}/reopen/")
    new = Assessment.objects.get(previous=assessment)
    assert response["Location"] == f"/assessments/{new.pk}/worksheet/"
    assert new.version == 2 and new.status == "draft"
    assert {(r.likelihood, r.impact) for r in new.risks.all()} == {(3, 2)}
    assert list(new.shares.values_list("user", flat=True)) == [colleague.pk]
    assessment.refresh_from_db()
    assert assessment.status == "superseded"
    assert client.post(f"/assessments/{assessment.pk}/reopen/").status_code == 302
    assert Assessment.objects.count() == 2  # no second copy of the old version
    assert (
        "A newer version of this assessment exists"
        in client.get(assessment.get_absolute_url()).content.decode()
    )


def test_law_change_is_noticed(assessment):
    assert selectors.changes_since(assessment=assessment) == {"tool": False, "law": False}
    InstrumentFactory(jurisdiction=fr())
    assert selectors.changes_since(assessment=assessment)["law"] is True


def test_every_change_is_kept_with_who_and_when(client_for, assessment, colleague):
    client = client_for(assessment.author)
    client.post(f"/assessments/{assessment.pk}/worksheet/", worksheet_data(assessment))
    client.post(f"/assessments/{assessment.pk}/share/", {"email": colleague.email})
    rows = selectors.history(assessment=assessment)
    whats = [r["what"] for r in rows]
    assert "Risk changed: Necessity" in whats
    assert "Sharing added" in whats
    assert {r["who"] for r in rows if r["what"] == "Sharing added"} == {"Ada Author"}
    necessity = next(r for r in rows if r["what"] == "Risk changed: Necessity")
    assert "likelihood" in necessity["changes"] and "mitigation" in necessity["changes"]


# Query counts ------------------------------------------------------------------------------


def test_assessment_pages_query_counts(
    client_for, assessment, colleague, django_assert_max_num_queries
):
    # Risks, their sub-principles and principles, shares, signatures, comments, history and
    # courses are each read once: the counts do not grow with the number of risks or comments.
    services.assessment_share(assessment=assessment, by=assessment.author, email=colleague.email)
    for n in range(5):
        services.comment_add(assessment=assessment, by=colleague, text=f"Comment {n}")
    CourseFactory(title="Lawful use of AI", topic="responsible_ai")
    client = client_for(assessment.author)
    base = f"/assessments/{assessment.pk}/"
    limits = {"": 12, "worksheet/": 5, "print/": 7}
    for page, limit in limits.items():
        client.get(base + page)
        with django_assert_max_num_queries(limit):
            assert client.get(base + page).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/assessments/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/assessments/new/{assessment.tool.slug}/").status_code == 200


# Reminders ---------------------------------------------------------------------------------


def test_review_reminder_is_sent_once_per_review_date(
    assessment, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    rate_all(assessment, review_date=datetime.date(2026, 1, 31))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=datetime.date(2026, 1, 30)) == 0
        assert services.reminders_send(today=datetime.date(2026, 1, 31)) == 1
        assert services.reminders_send(today=datetime.date(2026, 2, 1)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [assessment.author.email]
    assert "Review due" in message.subject and "HashHarbor" in message.subject
    assert f"/assessments/{assessment.pk}/" in message.body
    # A new review date is reminded again.
    rate_all(assessment, review_date=datetime.date(2026, 7, 31))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_assessment_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
