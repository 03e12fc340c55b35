"""A new member registers, confirms the address from the email, is verified by a curator in
the admin, and signs in as a verified member: all through the real pages in Chromium."""

import re

from django.core import mail

from tests.e2e.conftest import pass_second_step, prepare_second_factor, sign_in
from tests.factories import PASSWORD, UserFactory


def test_register_confirm_be_verified_and_sign_in(page):
    curator = UserFactory(curator=True, email="curator@hub.test")

    page.goto("/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Register").click()
    page.get_by_label("Full name").fill("Rosa Registrant")
    page.get_by_label("Work email").fill("rosa@police.test")
    page.get_by_label("Agency or organisation").fill("Example Police Cyber Unit")
    page.get_by_label("Kind of organisation").select_option("police")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Your role").select_option("investigator")
    page.get_by_label("Password", exact=True).fill("a-long-enough-passphrase")
    page.get_by_label("Password again").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    # The confirmation link from the message that was sent.
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/accounts/confirm/\S+/)", body).group(1)
    page.goto(path)
    page.get_by_text("email address is confirmed").wait_for()

    # Still pending: the profile says so.
    sign_in(page, "rosa@police.test", "a-long-enough-passphrase")
    page.get_by_text("Verification pending").first.wait_for()
    page.get_by_role("button", name="Sign out").click()

    # A curator verifies the new member with the bulk action in the admin.
    prepare_second_factor(curator.email)
    page.goto("/admin/login/")
    page.get_by_label("Work email").fill(curator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_step(page, curator.email)
    page.goto("/admin/hub/user/?verification_status__exact=pending")
    page.get_by_role("row").filter(has_text="rosa@police.test").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("verify_selected")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("1 member verified").wait_for()
    assert any("verified" in m.subject for m in mail.outbox if m.to == ["rosa@police.test"])
    page.get_by_role("button", name="Log out").click()

    # The member signs in and is verified.
    sign_in(page, "rosa@police.test", "a-long-enough-passphrase")
    page.get_by_text("Your verification runs until").wait_for()
    assert page.locator(".badge--ok").inner_text() == "Verified"


def test_wrong_password_shows_a_message_and_keeps_the_email(page):
    sign_in(page, "nobody@police.test", "wrong-password-1")
    page.get_by_text("do not match an account").wait_for()
    assert page.get_by_label("Work email").input_value() == "nobody@police.test"
