"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools protocol) stands in
for a phone or a security key. WebAuthn needs a secure context; http://localhost is one, so
the live server is reached on localhost and the relying party is "localhost"."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from hub.models import SecurityEvent
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def passkey_page(page, live_server, settings):
    assert live_server.url.startswith("http://localhost:"), live_server.url
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return page


def test_a_curator_must_add_a_second_factor_before_the_admin(passkey_page):
    page = passkey_page
    curator = UserFactory(curator=True, email="new-curator@hub.test")
    # A new curator: no second factor yet, so signing in has no second step either.
    page.goto("/accounts/login/")
    page.get_by_label("Work email").fill(curator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/accounts/profile/")

    page.goto("/admin/")
    page.get_by_text("must use a second factor").wait_for()
    assert "/accounts/security/" in page.url
    page.get_by_role("button", name="Add a passkey or security key").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert len(page.locator(".recovery-codes li").all()) == 10
    page.get_by_role("link", name="I have saved them, continue").click()

    page.goto("/admin/")
    page.get_by_role("heading", name="Catalogue, training, legislation and members").wait_for()
    assert page.url.endswith("/admin/")
    assert WebAuthnCredential.objects.filter(user=curator, confirmed=True).count() == 1


def test_a_member_enrols_a_passkey_and_signs_in_with_it(passkey_page):
    page = passkey_page
    member = UserFactory(verified=True, email="pat@police.test")
    sign_in(page, member.email, PASSWORD)

    page.goto("/accounts/security/")
    page.get_by_role("button", name="Add a passkey or security key").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    page.get_by_role("link", name="I have saved them, continue").click()
    page.get_by_text("Passkey:").wait_for()
    page.get_by_role("button", name="Sign out").first.click()

    # Passkey alone: no password typed.
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url("**/accounts/profile/")
    page.get_by_role("heading", name="Your account", exact=True).wait_for()
    assert SecurityEvent.objects.filter(
        user=member, kind=SecurityEvent.Kind.SECOND_FACTOR_USED, detail__what="passkey"
    ).exists()

    # Password, then the passkey as the second step.
    page.get_by_role("button", name="Sign out").first.click()
    page.goto("/accounts/login/")
    page.get_by_label("Work email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    assert "/accounts/security/verify/" in page.url, page.url
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url("**/accounts/profile/")
