"""An investigator describes three cases in the case finder, in Chromium, as a new user
would: the reading appears as chips while typing, the results come ranked with the reason
on each card, a wrong chip can be removed, and the terms open in the tool list."""

import re

from django.apps import apps
from django.core.cache import cache
from playwright.sync_api import expect

from catalogue import taxonomy
from catalogue.finder import services
from tests.catalogue.factories import ToolFactory

WAIT = 30_000  # generous: a busy machine may take many seconds for one click


def make_catalogue():
    # Browser tests run on a flushed database: restore the taxonomy and the vocabulary.
    taxonomy.load(apps)
    services.vocabulary_load(rows=services.read_fixture())
    cache.clear()
    ToolFactory(name="HashHarbor", capabilities=["hash-matching"], data_types=["images"])
    ToolFactory(
        name="AgeLens",
        capabilities=["age-estimation"],
        data_types=["images"],
        phases=["identification"],
    )
    ToolFactory(
        name="GroomGuard",
        stages=["text-speech-analysis"],
        capabilities=["grooming-detection"],
        data_types=["chat-text"],
        languages=["en", "es"],
    )
    ToolFactory(
        name="SynthSpotter", capabilities=["ai-media-detection"], data_types=["images", "video"]
    )
    ToolFactory(name="CaseWriter", capabilities=["report-automation"], data_types=["documents"])
    ToolFactory(name="Audio Scribe", capabilities=["speech-to-text"], data_types=["audio"])


def describe(page, text: str) -> None:
    page.set_default_timeout(WAIT)
    page.set_default_navigation_timeout(WAIT)
    page.goto("/tools/finder/")
    page.get_by_label("Describe the case in your own words").fill(text)


def find(page) -> None:
    # The form posts to the same address: wait for the new page, not for the old results.
    with page.expect_navigation(timeout=WAIT):
        page.get_by_role("button", name="Find tools").click()
    expect(page.locator(".finder-results")).to_be_visible(timeout=WAIT)


def first_titles(page, n: int) -> list[str]:
    return page.locator(".finder-result .tool-card__title").all_inner_texts()[:n]


def test_three_cases_in_plain_words(page):
    make_catalogue()

    # Case 1: seized images, new victims and known material. The chips appear while typing.
    describe(page, "2 TB of seized images, need to find new victims and skip known material")
    chips = page.locator("#finder-reading .finder-chip")
    expect(chips.filter(has_text="Hash matching")).to_be_visible(timeout=WAIT)
    expect(chips.filter(has_text="Images")).to_be_visible(timeout=WAIT)
    find(page)
    assert set(first_titles(page, 2)) == {"HashHarbor", "AgeLens"}
    expect(page.locator(".finder-result__reason").first).to_contain_text("fits:", timeout=WAIT)
    assert "CaseWriter" not in first_titles(page, 10)

    # Case 2: Spanish chat logs from a grooming case; the reason names what fits.
    describe(page, "chat logs in Spanish from a grooming case")
    find(page)
    assert first_titles(page, 1) == ["GroomGuard"]
    reason = page.locator(".finder-result__reason").first
    expect(reason).to_contain_text("Chat & grooming detection", timeout=WAIT)
    expect(reason).to_contain_text("Spanish", timeout=WAIT)

    # A wrong chip is removed and the results follow.
    page.locator(".finder-chip", has_text="Spanish").locator("input").uncheck()
    find(page)
    expect(page.locator(".finder-result__reason").first).not_to_contain_text(
        "Spanish", timeout=WAIT
    )
    expect(page.locator(".finder-chip--removed", has_text="Spanish")).to_be_visible(timeout=WAIT)

    # The same terms open in the list, as an ordinary address without the words typed.
    page.get_by_role("link", name="Open these filters in the tool list").click()
    page.wait_for_url(re.compile(r".*/tools/\?.*capability=grooming-detection.*"), timeout=WAIT)
    assert "chat+logs" not in page.url and "grooming+case" not in page.url
    expect(page.locator(".tool-card__title").first).to_have_text("GroomGuard", timeout=WAIT)

    # Case 3: a suspected AI-generated image.
    describe(page, "a suspected AI-generated image")
    expect(
        page.locator("#finder-reading .finder-chip", has_text="AI-generated media detection")
    ).to_be_visible(timeout=WAIT)
    find(page)
    assert first_titles(page, 1) == ["SynthSpotter"]
    expect(page.locator(".finder-result__reason").first).to_contain_text(
        "AI-generated media detection", timeout=WAIT
    )
    assert "/tools/finder/" in page.url and "suspected" not in page.url


def test_the_finder_works_without_javascript(browser, live_server):
    make_catalogue()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    try:
        describe(page, "deepfake video?")
        find(page)
        assert first_titles(page, 1) == ["SynthSpotter"]
    finally:
        context.close()
