"""A new visitor uses the legislation tracker in Chromium: filters to grooming laws in Europe,
opens the UK profile and its timeline, compares the UK, Australia and the United States, reads
the matrix and the map, and subscribes to the feed of changes."""

from legislation.loader import reference_data_load


def load_tracker():
    # Browser tests run on a flushed database: the loader restores the reference data and facts.
    reference_data_load()


def test_visitor_finds_compares_and_subscribes(page):
    load_tracker()

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Legislation").click()
    page.get_by_role("heading", name="Legislation tracker").wait_for()

    # Grooming laws in Europe: each choice submits the filter form at once (with JavaScript;
    # without it the "Show instruments" button does).
    page.get_by_label("Region", exact=True).select_option("europe")
    page.wait_for_url("**region=europe**")
    page.get_by_label("Topic", exact=True).select_option("grooming")
    page.wait_for_url("**topic=grooming**")
    results = page.locator(".instrument-card__title")
    titles = results.all_inner_texts()
    assert "Child Sexual Abuse Directive 2011/93/EU" in titles
    assert "Lanzarote Convention" in titles
    assert "TAKE IT DOWN Act" not in titles

    # The UK profile, through the list of jurisdictions, and its timeline.
    page.get_by_role("link", name="Jurisdictions").click()
    page.get_by_role("link", name="United Kingdom").click()
    page.get_by_role("heading", name="United Kingdom").wait_for()
    timeline = page.locator("section", has=page.get_by_role("heading", name="Timeline"))
    assert "Royal Assent" in timeline.inner_text()
    assert "26 October 2023" in timeline.inner_text()
    page.get_by_role("link", name="Online Safety Act 2023").first.click()
    page.get_by_text("Offences in Part 10 commence").wait_for()
    page.go_back()

    # Compare the UK, Australia and the United States.
    page.get_by_role("link", name="Compare with other jurisdictions").click()
    page.get_by_label("Jurisdiction 2").select_option("AU")
    page.get_by_label("Jurisdiction 3").select_option("US")
    page.get_by_role("button", name="Compare", exact=True).click()
    table = page.locator(".compare-table")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["United Kingdom", "Australia", "United States of America"]
    assert "TAKE IT DOWN Act" in table.inner_text()

    # Too many jurisdictions: a clear message, not an error page.
    page.goto("/legislation/compare/?j=GB,AU,US,FR,DE")
    page.get_by_text("Compare at most 4 jurisdictions").wait_for()

    # The matrix, sorted by criteria met: symbols as well as colour, the word for screen
    # readers, and the page does not scroll sideways on a phone.
    page.get_by_role("link", name="Criteria matrix").click()
    page.get_by_role("link", name="Met", exact=True).click()
    rows = page.locator(".legal-matrix tbody tr")
    met = [int(text) for text in rows.locator("td:nth-child(2)").all_inner_texts()]
    assert met[0] == max(met) > 0
    first_row = rows.first
    assert "Yes" in first_row.inner_text()
    symbol = first_row.locator("td.y").first.evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert "✓" in symbol
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 800})

    # The map: every country a link; colour by one topic.
    page.get_by_role("link", name="Map", exact=True).click()
    assert page.locator(".legal-map__link").count() == 193
    page.get_by_label("Colour by").select_option("grooming")
    page.get_by_role("heading", name="Map: Grooming").wait_for()
    page.locator('a.legal-map__link[href="/legislation/jurisdictions/DE/"]').click()
    page.get_by_role("heading", name="Germany").wait_for()

    # Subscribe to the feed: the link leads to an Atom document.
    href = page.get_by_role("link", name="Feed of changes (Atom)").get_attribute("href")
    feed = page.request.get(href)
    assert feed.ok
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert "Royal Assent" in feed.text()


def test_curator_updates_an_instrument_and_sees_the_audit_trail(page):
    from tests.e2e.conftest import pass_second_step, prepare_second_factor
    from tests.factories import PASSWORD, UserFactory

    load_tracker()
    curator = UserFactory(curator=True, email="law-curator@hub.test")
    prepare_second_factor(curator.email)
    page.goto("/admin/login/")
    page.get_by_label("Work email").fill(curator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_step(page, curator.email)

    # Find the instrument, correct its status note, add a dated step inline.
    page.goto("/admin/legislation/instrument/?q=Crime+and+Policing")
    page.get_by_role("link", name="Crime and Policing Act 2026").click()
    page.get_by_label("Status note").fill("Royal Assent on 29 April 2026; commencement checked.")
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.get_by_text("was changed successfully").wait_for()

    # The audit trail lists the change with its snapshot.
    page.get_by_role("link", name="Show changes").click()
    page.get_by_text("commencement checked").first.wait_for()

    # Bulk action: mark verified today; the public page then says when.
    page.goto("/admin/legislation/instrument/?q=Crime+and+Policing")
    page.get_by_role("row").filter(has_text="Crime and Policing Act 2026").get_by_role(
        "checkbox"
    ).check()
    page.locator("select[name=action]").select_option("mark_verified_today")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("1 instrument marked as verified today").wait_for()
    page.goto("/legislation/instruments/uk-crime-and-policing-act-2026/")
    assert "Not yet checked by a curator" not in page.content()
