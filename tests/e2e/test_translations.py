"""A curator corrects a French stage name on the admin's language tabs (jQuery UI served by
the portal, under its Content-Security-Policy), and a French-speaking visitor sees it."""

from django.apps import apps
from django.core.cache import cache

from catalogue import taxonomy
from tests.catalogue.factories import ToolFactory
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory


def test_curator_translates_a_stage_on_a_tab_and_a_visitor_reads_it(browser, live_server):
    from catalogue.models import Stage

    taxonomy.load(apps)  # browser tests run on a flushed database
    cache.clear()
    ToolFactory(name="HashHarbor", stages=["image-analysis"], capabilities=["hash-matching"])
    curator = UserFactory(curator=True, is_superuser=True, email="cora@curators.test")
    stage = Stage.objects.get(slug="image-analysis")

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.on("requestfailed", lambda r: blocked.append(r.url))
    sign_in(page, curator.email, PASSWORD)
    page.goto(f"/admin/catalogue/stage/{stage.pk}/change/")
    # One tab per language; the French field shows only once its tab is chosen.
    french_tab = page.locator("a[href='#tab_id_name_fr']").first
    french_tab.wait_for()
    assert not page.locator("#id_name_fr").is_visible()
    french_tab.click()
    page.locator("#id_name_fr").fill("Analyse des images")
    page.locator("input[name='_save']").first.click()
    page.get_by_text("was changed successfully").wait_for()
    assert blocked == []
    context.close()

    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR")
    french = visitor.new_page()
    french.goto("/tools/")
    french.get_by_text("Analyse des images").first.wait_for()
    french.goto("/tools/?q=哈希匹配")
    french.locator(".tool-card__title", has_text="HashHarbor").wait_for()
    visitor.close()
