"""Field reports on a tool: written by verified members, never shown with a name, shown on
the tool page as counts and quoted lessons only once three agencies have reported."""

import pytest
from django.core.exceptions import ValidationError

from catalogue.models import Stage
from community import services
from community.models import ContactRequest, FieldReport
from hub.models import Agency, User
from tests.catalogue.factories import ToolFactory
from tests.community.factories import FieldReportFactory
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def tool(db):
    return ToolFactory(name="HashHound", slug="hashhound")


def _form(**overrides):
    data = {
        "stage": Stage.objects.get(slug="image-analysis").pk,
        "case_kind": "distribution",
        "data_volume": "large",
        "time_saved": "much",
        "exposure_saved": "much",
        "went_wrong": "Needed two weeks to tune thresholds.",
        "still_used": "yes",
        "open_to_questions": "on",
    }
    return data | overrides


def test_a_third_agency_makes_the_aggregate_appear_on_the_tool_page(
    client_for, verified_user, tool
):
    FieldReportFactory(tool=tool, went_wrong="Lesson from the first agency.")
    FieldReportFactory(tool=tool, went_wrong="Lesson from the second agency.")
    # A second member of an agency that already reported does not count as a new agency.
    same_agency = FieldReport.objects.first().agency
    FieldReportFactory(tool=tool, author=UserFactory(verified=True, agency=same_agency))
    client = client_for(verified_user)
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "3 reports so far" in page
    assert "Lesson from the first agency." not in page

    third = UserFactory(verified=True, agency=AgencyFactory(name="Third Agency"))
    services.field_report_save(
        author=third,
        tool=tool,
        stage=Stage.objects.get(slug="image-analysis"),
        case_kind="grooming",
        data_volume="small",
        time_saved="some",
        exposure_saved="none",
        went_wrong="Lesson from the third agency.",
        still_used="no",
        open_to_questions=True,
    )
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "4 reports from members of 3 agencies." in page
    assert "Lesson from the first agency." in page
    assert "Lesson from the third agency." in page
    assert "Grooming or solicitation (1)" in page
    # Never a name or an agency.
    for report in FieldReport.objects.select_related("author", "agency"):
        assert report.author.full_name not in page
        assert report.agency.name not in page


def test_member_writes_and_edits_their_report_through_the_form(client_for, verified_user, tool):
    client = client_for(verified_user)
    assert client.get(f"/community/tools/{tool.slug}/report/").status_code == 200
    assert client.post(f"/community/tools/{tool.slug}/report/", _form()).status_code == 302
    assert (
        client.post(f"/community/tools/{tool.slug}/report/", _form(still_used="no")).status_code
        == 302
    )
    report = FieldReport.objects.get()
    assert report.still_used == "no"
    assert report.agency == verified_user.agency


def test_bad_report_input_is_a_form_error(client_for, verified_user, tool):
    client = client_for(verified_user)
    url = f"/community/tools/{tool.slug}/report/"
    assert client.post(url, _form(went_wrong="x" * 1001)).status_code == 400
    assert client.post(url, _form(stage="999999")).status_code == 400
    assert client.post(url, _form(case_kind="murder")).status_code == 400
    assert not FieldReport.objects.exists()
    assert client.get("/community/tools/no-such-tool/report/").status_code == 404


def test_draft_and_restricted_tools_cannot_be_reported_by_who_cannot_see_them(
    client_for, verified_user
):
    draft = ToolFactory(status="draft", published_at=None)
    assert (
        client_for(verified_user).get(f"/community/tools/{draft.slug}/report/").status_code == 404
    )


@pytest.mark.parametrize("kind", ["pending", "expired", "suspended"])
def test_only_verified_members_report_and_see_the_panel(kind, accounts, client_for, tool):
    FieldReportFactory.create_batch(3, tool=tool, went_wrong="Quoted lesson.")
    client = client_for(accounts[kind])
    assert client.get(f"/community/tools/{tool.slug}/report/").status_code in (302, 403)
    assert client.post(f"/community/tools/{tool.slug}/report/", _form()).status_code in (302, 403)
    page = client_for(accounts[kind]).get(tool.get_absolute_url())
    assert "Quoted lesson." not in page.content.decode()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.field_report_save(author=accounts[kind], tool=tool, **_service_data())


def _service_data():
    return {
        "stage": Stage.objects.get(slug="image-analysis"),
        "case_kind": "distribution",
        "data_volume": "large",
        "time_saved": "much",
        "exposure_saved": "much",
        "went_wrong": "",
        "still_used": "yes",
        "open_to_questions": False,
    }


def test_anonymous_sees_no_panel_and_is_sent_to_sign_in(client_for, tool):
    FieldReportFactory.create_batch(3, tool=tool, went_wrong="Quoted lesson.")
    assert "Quoted lesson." not in client_for().get(tool.get_absolute_url()).content.decode()
    assert client_for().get(f"/community/tools/{tool.slug}/report/").status_code == 302


def test_curator_hides_a_report_with_a_reason_the_author_sees(client_for, tool):
    curator = UserFactory(curator=True)
    reports = FieldReportFactory.create_batch(3, tool=tool)
    hidden = reports[0]
    response = client_for(curator).post(
        f"/admin/community/fieldreport/{hidden.pk}/change/",
        {"hidden": "on", "hidden_reason": "Contains case details"},
    )
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.is_hidden
    page = client_for(hidden.author).get("/community/me/").content.decode()
    assert "Contains case details" in page
    # Two agencies left: the aggregate goes away again.
    tool_page = client_for(curator).get(tool.get_absolute_url()).content.decode()
    assert "2 reports so far" in tool_page
    with pytest.raises(ValidationError):
        services.field_report_moderate(report=reports[1], hidden=True, by=curator, reason=" ")
    with pytest.raises(Exception, match="curators"):
        services.field_report_moderate(
            report=reports[1], hidden=True, by=reports[2].author, reason="x"
        )


def test_hiding_without_a_reason_is_a_form_error_in_the_admin(client_for, tool):
    curator = UserFactory(curator=True)
    report = FieldReportFactory(tool=tool)
    response = client_for(curator).post(
        f"/admin/community/fieldreport/{report.pk}/change/", {"hidden": "on", "hidden_reason": ""}
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert not report.is_hidden


def test_members_open_to_questions_are_counted_and_asked_through_the_portal(
    client_for, verified_user, tool, mailoutbox, on_commit
):
    reporter = FieldReportFactory(tool=tool, open_to_questions=True).author
    FieldReportFactory(tool=tool, open_to_questions=False)
    client = client_for(verified_user)
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "1 member is open to questions about this tool." in page
    assert client.get(f"/community/tools/{tool.slug}/ask/").status_code == 200
    with on_commit():
        response = client.post(f"/community/tools/{tool.slug}/ask/", {"message": "Thresholds?"})
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert contact.recipient == reporter
    assert contact.tool == tool
    # The asker does not learn who it went to until they accept.
    connections = client.get("/community/connections/").content.decode()
    assert reporter.full_name not in connections
    assert "A member who reported on HashHound" in connections


def test_a_provider_never_learns_who_reported(client_for, tool):
    FieldReportFactory(tool=tool, open_to_questions=True)
    provider = UserFactory(verified=True, role=User.Role.TOOL_PROVIDER)
    industry = UserFactory(verified=True, agency=AgencyFactory(kind=Agency.Kind.INDUSTRY))
    for member in (provider, industry):
        client = client_for(member)
        assert (
            f"/community/tools/{tool.slug}/ask/"
            not in client.get(tool.get_absolute_url()).content.decode()
        )
        assert client.get(f"/community/tools/{tool.slug}/ask/").status_code == 403
        assert (
            client.post(f"/community/tools/{tool.slug}/ask/", {"message": "Hi"}).status_code == 403
        )
    assert not ContactRequest.objects.exists()


def test_tool_page_panel_query_count_does_not_grow_with_reports(
    client_for, verified_user, tool, django_assert_max_num_queries
):
    """The panel aggregates in the database: 3 reports and 20 reports cost the same."""
    client = client_for(verified_user)
    FieldReportFactory.create_batch(3, tool=tool)
    client.get(tool.get_absolute_url())
    with django_assert_max_num_queries(14) as small:
        client.get(tool.get_absolute_url())
    FieldReportFactory.create_batch(17, tool=tool)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(tool.get_absolute_url())
