"""An investigator uses the catalogue in Chromium as a new user would: finds tools by stage
from the home page, narrows them with a facet (results update in place), finds a tool with a
misspelled search, compares three tools, then signs in and saves one to a shortlist."""

from django.apps import apps
from django.core.cache import cache

from catalogue import taxonomy
from tests.catalogue.factories import ToolFactory
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory


def make_catalogue():
    # Browser tests run on a flushed database: restore the reference taxonomy first.
    taxonomy.load(apps)
    cache.clear()
    ToolFactory(
        name="HashHarbor",
        stages=["image-analysis"],
        capabilities=["hash-matching"],
        deployment=["on-premises"],
        integrations="Imports PhotoDNA and PDQ hash lists",
    )
    ToolFactory(
        name="AgeLens",
        stages=["image-analysis"],
        capabilities=["age-estimation"],
        deployment=["cloud"],
    )
    ToolFactory(
        name="SceneSense",
        stages=["image-analysis"],
        capabilities=["object-scene-recognition"],
        deployment=["cloud", "api"],
    )
    ToolFactory(
        name="GroomGuard",
        stages=["text-speech-analysis", "prevention"],
        capabilities=["grooming-detection"],
    )


def card_titles(page) -> list[str]:
    return page.locator(".tool-card__title").all_inner_texts()


def test_investigator_finds_compares_and_shortlists(page):
    make_catalogue()
    member = UserFactory(verified=True, email="ines@police.test")

    # Browse by stage from the home page.
    page.goto("/")
    page.get_by_role("link", name="Image analysis").first.click()
    page.wait_for_url("**stage=image-analysis**")
    assert sorted(card_titles(page)) == ["AgeLens", "HashHarbor", "SceneSense"]

    # A facet: ticking "Cloud" updates the results in place (no page load: the marker set
    # on this window survives) and the address bar.
    page.evaluate("window.__samePage = true")
    page.locator('input[name="deployment"][value="cloud"]').check()
    page.wait_for_url("**deployment=cloud**")
    page.locator(".chip", has_text="Cloud").wait_for()
    assert sorted(card_titles(page)) == ["AgeLens", "SceneSense"]
    assert page.evaluate("window.__samePage === true")
    # Facet values that would give nothing are shown, disabled.
    assert page.locator('input[name="deployment"][value="desktop"]').is_disabled()
    # Removing the chip brings the other tool back.
    page.locator(".chip", has_text="Cloud").click()
    page.wait_for_url(lambda url: "deployment" not in url)
    page.locator(".tool-card__title", has_text="HashHarbor").wait_for()

    # A misspelled search still finds the hash-matching tool.
    page.goto("/tools/")
    page.get_by_label("Search tools").fill("fotodna")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.get_by_text("Showing results for").wait_for()
    assert card_titles(page) == ["HashHarbor"]

    # Compare three tools side by side.
    page.goto("/tools/?stage=image-analysis")
    for name in ("AgeLens", "HashHarbor", "SceneSense"):
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare selected").click()
    page.get_by_role("heading", name="Compare tools").wait_for()
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert [h.split()[0] for h in headers[1:]] == ["AgeLens", "HashHarbor", "SceneSense"]
    assert page.locator(".compare__row--differs").count() >= 2

    # Sign in and save a tool to a new shortlist with a note.
    sign_in(page, member.email, PASSWORD)
    page.goto("/tools/?q=age")
    page.get_by_role("link", name="AgeLens").click()
    page.get_by_label("…or a new shortlist named").fill("Pilot 2027")
    page.get_by_role("textbox", name="Note").fill("Ask for a trial on our own servers")
    page.get_by_role("button", name="Save to shortlist").click()
    page.get_by_text("is on your shortlist").wait_for()
    page.goto("/tools/shortlists/")
    page.get_by_role("link", name="Pilot 2027").click()
    page.get_by_role("link", name="AgeLens").wait_for()
    assert "Ask for a trial" in page.locator("textarea").first.input_value()


def test_curator_publishes_a_submission_and_reads_its_history(page):
    from catalogue.models import Tool

    make_catalogue()
    member = UserFactory(verified=True, email="priya@provider.test")
    curator = UserFactory(curator=True, is_superuser=True, email="cora@curators.test")
    tool = ToolFactory(
        name="Sextortion Signal",
        status=Tool.Status.IN_REVIEW,
        published_at=None,
        last_verified=None,
        submitted_by=member,
    )

    sign_in(page, curator.email, PASSWORD)
    page.goto("/admin/catalogue/tool/?status__exact=in_review")
    page.locator(f'input[name="_selected_action"][value="{tool.pk}"]').check()
    page.locator('select[name="action"]').select_option("set_status_published")
    page.locator('button[name="index"]').first.click()
    page.get_by_text("1 tool updated").wait_for()

    page.goto(f"/admin/catalogue/tool/{tool.pk}/change/")
    history = page.locator(".field-audit_trail")
    history.get_by_text("in_review → published").wait_for()
    assert curator.email in history.inner_text()

    # The published tool is now in the catalogue.
    page.goto("/tools/?q=sextortion")
    page.locator(".tool-card__title", has_text="Sextortion Signal").wait_for()


def test_facets_work_without_javascript(browser, live_server):
    make_catalogue()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/tools/")
        page.locator('input[name="capability"][value="grooming-detection"]').check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**capability=grooming-detection**")
        assert card_titles(page) == ["GroomGuard"]
        page.goto("/tools/")
        page.get_by_label("Search tools").fill("age estmation")
        page.get_by_role("button", name="Search", exact=True).last.click()
        page.get_by_text("Showing results for").wait_for()
    finally:
        context.close()
