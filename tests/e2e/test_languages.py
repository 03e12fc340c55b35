"""In Arabic and in Chinese, in a real browser: the tool list, a tool page and a course page
show their tags in the reader's language, dates in the language's own formats (Django's, never
an English month name glued in), English-only texts marked lang="en" dir="ltr" so that their
punctuation stays at their own end, with the small "in English" note; a trainee in Tokyo reads
a Madrid session in Tokyo time with the zone named, and the session's own local time."""

from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from catalogue import taxonomy
from hub.timezones import format_local, format_local_span
from tests.catalogue.factories import ToolFactory
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory
from tests.training.factories import CourseFactory, SessionFactory
from training.models import Level

# A busy machine: generous waits, never a fixed sleep.
WAIT = 30_000
LANGUAGES = {"ar": ("ar", "rtl"), "zh-hans": ("zh-CN", "ltr")}
ENGLISH_MONTHS = ("January", "March", "September", "October", "December")


def in_language(code: str, render):
    with translation.override(code), timezone.override(UTC):
        return str(render())


def new_page(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(WAIT)
    return context, context.new_page()


def assert_marked_english(page, selector: str, text: str) -> None:
    """The English text says its language and direction; the browser lays it out left to right
    even inside a right-to-left page, and the "in English" note follows it."""
    english = page.locator(selector).filter(has_text=text).first
    expect(english).to_have_attribute("lang", "en", timeout=WAIT)
    expect(english).to_have_attribute("dir", "ltr", timeout=WAIT)
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"


@pytest.fixture
def catalogue_data(transactional_db):
    taxonomy.load(apps)  # browser tests run on a flushed database
    cache.clear()
    from catalogue.models import Capability, Stage

    tool = ToolFactory(
        name="HashHarbor",
        slug="hashharbor",
        summary="Finds known images fast, offline.",
        stages=["image-analysis"],
        capabilities=["hash-matching"],
        last_verified=datetime(2026, 9, 1, tzinfo=UTC).date(),
    )
    return {
        "tool": tool,
        "stage": Stage.objects.get(slug="image-analysis"),
        "capability": Capability.objects.get(slug="hash-matching"),
    }


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_list_and_tool_page_in_the_reader_s_language(browser, live_server, catalogue_data, code):
    locale, direction = LANGUAGES[code]
    tool, stage, capability = (catalogue_data[k] for k in ("tool", "stage", "capability"))
    suffix = code.replace("-", "_")
    stage_name = getattr(stage, f"name_{suffix}")
    capability_name = getattr(capability, f"name_{suffix}")
    assert stage_name and stage_name != stage.name_en  # the fixtures carry the translation
    short_date = in_language(
        code, lambda: formats.date_format(tool.last_verified, "SHORT_DATE_FORMAT")
    )
    long_date = in_language(code, lambda: formats.date_format(tool.last_verified, "DATE_FORMAT"))

    context, page = new_page(browser, live_server, locale)
    page.goto("/tools/")
    expect(page.locator("html")).to_have_attribute("dir", direction, timeout=WAIT)
    card = page.locator(".tool-card", has_text="HashHarbor")
    expect(card.locator(".tool-card__term--stage")).to_have_text(stage_name, timeout=WAIT)
    expect(card.locator(".tool-card__term").last).to_have_text(capability_name)
    expect(card.locator(".tool-card__facts")).to_contain_text(short_date)
    assert_marked_english(card, ".tool-card__summary span", "Finds known images fast, offline.")
    expect(card.locator(".lang-note")).to_be_visible()
    expect(card.locator(".lang-note")).not_to_contain_text("English")
    # The stage filter speaks the reader's language too.
    expect(page.locator("#facet-stage").get_by_text(stage_name)).to_be_visible()

    page.goto(tool.get_absolute_url())
    assert_marked_english(page, ".tool-page__summary", "Finds known images fast, offline.")
    expect(page.locator(".lang-note").first).to_be_visible()
    facts = page.locator(".facts").first
    expect(facts.get_by_role("link", name=stage_name)).to_be_visible(timeout=WAIT)
    expect(facts.get_by_role("link", name=capability_name)).to_be_visible()
    verified = page.locator(".tool-page__verified")
    expect(verified).to_contain_text(long_date)
    text = page.locator("main").inner_text()
    assert not any(month in text for month in ENGLISH_MONTHS)
    if code == "zh-hans":
        assert "2026年9月1日" in text and "九月" not in text
    context.close()


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_course_page_in_the_reader_s_language(browser, live_server, transactional_db, code):
    locale, direction = LANGUAGES[code]
    start = (timezone.now() + timedelta(days=40)).replace(hour=8, minute=0, second=0, microsecond=0)
    course = CourseFactory(
        title="Hash matching in practice",
        summary="Hash matching, step by step.",
        level=Level.INTRODUCTORY,
        language="en",
    )
    SessionFactory(course=course, starts_at=start, ends_at=start + timedelta(hours=3))
    level = in_language(code, course.get_level_display)
    when = in_language(code, lambda: format_local_span(start, start + timedelta(hours=3)))

    context, page = new_page(browser, live_server, locale)
    page.goto(course.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", direction, timeout=WAIT)
    assert_marked_english(page, ".course__summary", "Hash matching, step by step.")
    expect(page.locator(".lang-note").first).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text(level)
    # The session's date and hours in the reader's format, the zone named (UTC for a visitor).
    expect(page.locator("table").first).to_contain_text(when, timeout=WAIT)
    assert when.endswith("UTC")
    text = page.locator("main").inner_text()
    assert not any(month in text for month in ENGLISH_MONTHS)
    context.close()


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_trainee_in_tokyo_reads_a_madrid_session_in_tokyo_time(
    browser, live_server, transactional_db, code
):
    # 10:00 in Madrid, some weeks ahead: 17:00 or 18:00 in Tokyo (JST), whatever the season.
    day = (timezone.now() + timedelta(days=30)).date()
    madrid = timezone.make_aware(
        datetime(day.year, day.month, day.day, 10, 0), _zone("Europe/Madrid")
    )
    session = SessionFactory(
        course=CourseFactory(title="Triage of seized phones", language="en"),
        timezone_name="Europe/Madrid",
        starts_at=madrid,
        ends_at=madrid + timedelta(hours=3),
    )
    trainee = UserFactory(verified=True, time_zone="Asia/Tokyo", email="kenji@npa.test")
    tokyo_time = in_language(code, lambda: format_local(session.starts_at, "Asia/Tokyo"))
    madrid_span = in_language(
        code, lambda: format_local_span(session.starts_at, session.ends_at, "Europe/Madrid")
    )
    assert tokyo_time.endswith(" JST")

    context, page = new_page(browser, live_server, "en-GB")
    sign_in(page, trainee.email, PASSWORD)
    context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])
    page.goto(session.get_absolute_url())
    facts = page.locator(".facts").first
    expect(facts).to_contain_text(tokyo_time, timeout=WAIT)  # the reader's own time, zone named
    expect(facts).to_contain_text(f"{madrid_span} (Europe/Madrid)")  # and the session's
    assert "UTC" not in page.locator("main").inner_text()
    context.close()


def _zone(name: str):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)
