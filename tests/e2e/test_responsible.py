"""A verified investigator, in Chromium: compares two tools' responsible-AI profiles and
evidence, starts a risk assessment for one from its page, fills the worksheet, shares it with
a colleague of the same agency who co-signs it, and opens the printable version."""

import datetime

from django.apps import apps
from django.core.cache import cache

from catalogue import taxonomy
from legislation.models import Jurisdiction
from responsible import reference, services
from responsible.models import SubPrinciple
from tests.catalogue.factories import ToolFactory
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory


def make_data():
    # Browser tests run on a flushed database: restore the reference data they need.
    taxonomy.load(apps)
    reference.load(apps)
    Jurisdiction.objects.get_or_create(
        code="FR", defaults={"name": "France", "kind": "state", "region": "europe"}
    )
    cache.clear()
    harbor = ToolFactory(name="HashHarbor", slug="hashharbor")
    lens = ToolFactory(name="AgeLens", slug="agelens", capabilities=["age-estimation"])
    human_control = SubPrinciple.objects.get(slug="human-control")
    services.profile_entry_set(
        tool=harbor,
        sub_principle=human_control,
        status="documented",
        text="Every match is confirmed by an analyst.",
    )
    services.profile_entry_set(tool=lens, sub_principle=human_control, status="not-documented")
    services.evidence_record(
        tool=harbor,
        claim="Independent lab evaluation of recall",
        kind="independent-evaluation",
        date=datetime.date(2025, 5, 1),
        source_url="https://example.org/lab",
        level="independently-tested",
    )
    services.evidence_record(
        tool=lens,
        claim="Vendor benchmark on its own data",
        kind="accuracy",
        date=datetime.date(2025, 4, 1),
        source_url="https://example.org/vendor",
        level="vendor-claimed",
    )
    return harbor, lens


def test_investigator_compares_assesses_shares_and_prints(page, browser, live_server):
    harbor, lens = make_data()
    unit = AgencyFactory(name="Brigade numérique", country="FR")
    UserFactory(verified=True, agency=unit, email="ines@police.test", full_name="Inès Martin")
    UserFactory(verified=True, agency=unit, email="paul@police.test", full_name="Paul Durand")

    sign_in(page, "ines@police.test", PASSWORD)

    # Compare the two tools' profiles and evidence side by side.
    page.goto(f"/tools/compare/?tools={harbor.slug},{lens.slug}")
    section = page.locator(".rai-compare")
    section.wait_for()
    row = section.locator("tr", has=page.locator("th", has_text="Human control"))
    assert "differs" in row.inner_text()
    assert "Documented" in row.inner_text() and "Not documented" in row.inner_text()
    assert section.get_by_text("Independent lab evaluation of recall").is_visible()

    # Start an assessment from the tool's page.
    page.goto(f"/tools/{harbor.slug}/")
    page.get_by_role("link", name="Assess this tool for our use").click()
    page.wait_for_url("**/assessments/new/hashharbor/")
    assert page.get_by_text("never enter case data").is_visible()
    page.get_by_label("Intended use, in a few words").fill("Triage of seized phones")
    page.get_by_label("Jurisdiction").select_option(label="France")
    page.get_by_label("Life-cycle stage").select_option(label="Procurement")
    page.get_by_role("button", name="Start the worksheet").click()
    page.wait_for_url("**/worksheet/")

    # Fill the worksheet, sub-principle by sub-principle.
    assert page.get_by_text("Who reviews each match before it becomes evidence?").is_visible()
    answers = page.locator("textarea[name$='-answer']")
    assert answers.count() == 17
    for i in range(17):
        answers.nth(i).fill("Checked against our procedure.")
        page.locator("select[name$='-likelihood']").nth(i).select_option("2")
        page.locator("select[name$='-impact']").nth(i).select_option("3" if i == 0 else "1")
        page.locator("textarea[name$='-mitigation']").nth(i).fill("A named analyst reviews.")
        page.locator("input[name$='-owner']").nth(i).fill("Head of unit")
    page.get_by_role("button", name="Save and mark complete").click()
    page.get_by_text("Assessment completed and signed by you.").wait_for()
    assert page.locator(".rai-chart svg").is_visible()
    assert "Medium" in page.locator(".rai-summary").inner_text()

    # Share with a colleague of the same agency.
    page.get_by_label("Colleague's work email").fill("paul@police.test")
    page.get_by_role("button", name="Share", exact=True).click()
    page.get_by_text("Shared with Paul Durand.").wait_for()
    assessment_url = page.url

    # The colleague signs in elsewhere, reads it and co-signs.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    colleague = context.new_page()
    sign_in(colleague, "paul@police.test", PASSWORD)
    colleague.goto(assessment_url)
    colleague.get_by_role("button", name="Co-sign this assessment").click()
    colleague.get_by_text("You have co-signed this assessment.").wait_for()
    signatures = colleague.locator(".rai-signatures").inner_text()
    assert "Inès Martin" in signatures and "Paul Durand" in signatures
    context.close()

    # The author opens the printable version; on paper the screen-only links disappear.
    page.goto(assessment_url)
    page.get_by_role("link", name="Printable version").click()
    page.wait_for_url("**/print/")
    page.locator(".rai-print svg").wait_for()
    assert "Paul Durand" in page.locator("body").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".rai-print__screen-only").is_visible()
