"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in the test thread; the tests still talk to the
# database synchronously through the ORM, which Django otherwise forbids under a loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, email: str, password: str) -> None:
    """Sign in through the real form, as a member would; accounts that must use a second
    factor (staff, trainers) pass the second step with a recovery code."""
    prepare_second_factor(email)
    page.goto("/accounts/login/")
    page.get_by_label("Work email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    pass_second_step(page, email)


def prepare_second_factor(email: str) -> None:
    """Give an account that must use a second factor a set of recovery codes (before it signs
    in, so that sign-in asks for the second step). Tests of enrolment itself use none."""
    from django_otp.plugins.otp_static.models import StaticDevice

    from hub.access import second_factor_required_for
    from hub.models import User

    user = User.objects.filter(email=email).first()
    if user is None or not second_factor_required_for(user):
        return
    device, created = StaticDevice.objects.get_or_create(user=user, defaults={"confirmed": True})
    if created or not device.token_set.exists():
        for _ in range(10):
            device.token_set.create(token=device.token_set.model.random_token())


def pass_second_step(page, email: str) -> None:
    """On the second step of signing in, use one of the account's recovery codes."""
    from django_otp.plugins.otp_static.models import StaticToken

    if "/accounts/security/verify/" not in page.url:
        return
    token = StaticToken.objects.filter(device__user__email=email).first()
    page.get_by_text("Lost your device? Use a recovery code").click()
    page.get_by_label("Recovery code").fill(token.token)
    page.get_by_role("button", name="Use recovery code").click()
    page.wait_for_load_state()
