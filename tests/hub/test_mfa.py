"""Two-factor sign-in: who must use it, enrolment with an authenticator app, the second step,
recovery codes, the lockout, and the member's signed-in sessions."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub import services
from hub.backends import HubPasskeyBackend
from hub.models import MemberSession, SecurityEvent, User
from tests.factories import PASSWORD, UserFactory
from tests.training.factories import SessionFactory
from training.models import Session as TrainingSession

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def code_now(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def sign_in(client: Client, user: User, *, agent: str = FIREFOX, ip: str = "198.51.100.7"):
    return client.post(
        reverse("hub:login"),
        {"username": user.email, "password": PASSWORD},
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=ip,
    )


def enrol_app(client: Client, user: User) -> tuple[TOTPDevice, list[str]]:
    """Set up an authenticator app through the pages; returns the device and the codes shown."""
    client.post(reverse("hub:totp-start"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("hub:totp-confirm"), {"code": code_now(device)})
    assert response.status_code == 200, response.content
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    for code in codes:
        assert code in response.text
    device.refresh_from_db()
    return device, codes


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


class TestRequired:
    @pytest.mark.parametrize("kind", ["curator", "superuser"])
    def test_the_admin_sends_staff_without_a_second_factor_to_set_one_up(
        self, client_for, curator, admin_user, kind
    ):
        user = curator if kind == "curator" else admin_user
        client = client_for(user, second_factor=False)
        for url in (reverse("admin:index"), reverse("admin:hub_user_changelist")):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("hub:security"))
        page = client.get(reverse("admin:index"), follow=True)
        assert "must use a second factor" in page.text
        assert "Add a passkey or security key" in page.text
        # The admin's own sign-in page does not let them through either.
        assert client.get(reverse("admin:login")).status_code == 302

    def test_staff_with_a_second_factor_not_used_in_this_session_are_asked_for_it(
        self, client_for, curator
    ):
        TOTPDevice.objects.create(user=curator, confirmed=True)
        client = client_for(curator, second_factor=False)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("hub:mfa-verify"))

    def test_a_trainer_needs_one_for_their_roster_and_sessions(self, client_for):
        trainer = UserFactory(trainer=True)
        session: TrainingSession = SessionFactory(trainers=[trainer])
        client = client_for(trainer, second_factor=False)
        for url in (
            reverse("training:teach-sessions"),
            reverse("training:roster", args=[session.pk]),
            reverse("training:roster-csv", args=[session.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("hub:security")), url
        assert (
            client_for(trainer).get(reverse("training:roster", args=[session.pk])).status_code
            == 200
        )

    def test_other_members_are_not_asked_unless_the_setting_says_so(
        self, client_for, verified_user, settings
    ):
        url = reverse("catalogue:shortlist-list")
        client = client_for(verified_user, second_factor=False)
        assert client.get(url).status_code == 200
        settings.MFA_REQUIRED_FOR_ALL_VERIFIED = True
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("hub:security"))


class TestCuratorAsANewUser:
    def test_password_alone_does_not_open_the_admin_then_an_app_does(self, frozen, curator):
        client = Client()
        assert sign_in(client, curator).status_code == 302
        response = client.get(reverse("admin:index"), follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("hub:security"))
        assert client.get(reverse("admin:index")).status_code == 302

        device, codes = enrol_app(client, curator)
        assert device.confirmed and len(codes) == 10
        assert client.get(reverse("admin:index")).status_code == 200

        # Next time: the password, then the second step, then the admin.
        frozen.shift(timedelta(minutes=5))
        client.post(reverse("hub:logout"))
        sign_in(client, curator)
        response = client.get(reverse("admin:index"))
        assert response.url.startswith(reverse("hub:mfa-verify"))
        # Every other page waits for the second step too.
        assert client.get(reverse("hub:profile")).url.startswith(reverse("hub:mfa-verify"))
        page = client.get(response.url)
        assert 'autocomplete="one-time-code"' in page.text
        assert 'inputmode="numeric"' in page.text
        response = client.post(
            reverse("hub:mfa-verify"),
            {"code": code_now(device), "next": reverse("admin:index")},
        )
        assert response.url == reverse("admin:index")
        assert client.get(reverse("admin:index")).status_code == 200


class TestAuthenticatorApp:
    def test_codes_from_the_app_work_within_a_step_of_the_clock(self, frozen, client_for):
        member = UserFactory(verified=True)
        client = client_for(member)
        device, _ = enrol_app(client, member)
        client.post(reverse("hub:logout"))
        for offset, accepted in ((-90, False), (90, False), (-30, True)):
            frozen.shift(timedelta(seconds=31))
            client = Client()
            sign_in(client, member)
            response = client.post(reverse("hub:mfa-verify"), {"code": code_now(device, offset)})
            assert (response.status_code == 302) is accepted, offset

    def test_a_code_is_not_accepted_twice(self, frozen, client_for):
        member = UserFactory(verified=True)
        device, _ = enrol_app(client_for(member), member)
        frozen.shift(timedelta(seconds=30))  # the enrolment used this step's code
        first, second = Client(), Client()
        sign_in(first, member)
        sign_in(second, member)
        code = code_now(device)
        assert first.post(reverse("hub:mfa-verify"), {"code": code}).status_code == 302
        assert second.post(reverse("hub:mfa-verify"), {"code": code}).status_code == 200

    def test_a_wrong_first_code_does_not_confirm_the_app(self, frozen, client_for):
        member = UserFactory(verified=True)
        client = client_for(member)
        client.post(reverse("hub:totp-start"))
        response = client.post(reverse("hub:totp-confirm"), {"code": "000000"})
        assert "not right" in response.text
        assert not TOTPDevice.objects.filter(user=member, confirmed=True).exists()
        response = client.post(reverse("hub:totp-confirm"), {"code": "12ab"})
        assert "six digits" in response.text

    def test_the_qr_code_is_an_svg_drawn_by_the_portal(self, client_for):
        member = UserFactory(verified=True)
        client = client_for(member)
        client.post(reverse("hub:totp-start"))
        page = client.get(reverse("hub:totp-confirm"))
        assert "<svg" in page.text and "otpauth" not in page.text.split("<svg")[0][-200:]
        assert "https://" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0]


class TestRecoveryCodes:
    def test_each_code_works_once(self, frozen, client_for):
        member = UserFactory(verified=True)
        _, codes = enrol_app(client_for(member), member)
        client = Client()
        sign_in(client, member)
        # Pasted with spaces and in capitals: still the code.
        pasted = f"  {codes[0][:4].upper()} {codes[0][4:]} "
        response = client.post(reverse("hub:mfa-verify"), {"recovery_code": pasted})
        assert response.status_code == 302
        client = Client()
        sign_in(client, member)
        response = client.post(reverse("hub:mfa-verify"), {"recovery_code": codes[0]})
        assert response.status_code == 200
        assert "not right" in response.text
        assert StaticToken.objects.filter(device__user=member).count() == 9

    def test_new_codes_replace_the_old_ones(self, frozen, client_for):
        member = UserFactory(verified=True)
        client = client_for(member)
        _, old = enrol_app(client, member)
        response = client.post(reverse("hub:recovery-codes-renew"))
        new = set(StaticToken.objects.filter(device__user=member).values_list("token", flat=True))
        assert len(new) == 10 and not new & set(old)
        assert all(code in response.text for code in new)


class TestLockout:
    def test_wrong_codes_count_as_failed_sign_ins_and_lock(self, frozen, client_for):
        member = UserFactory(verified=True)
        enrol_app(client_for(member), member)
        client = Client()
        sign_in(client, member)
        verify = reverse("hub:mfa-verify")
        for _ in range(4):
            response = client.post(verify, {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
            assert response.status_code == 200
        assert AccessAttempt.objects.get(username=member.email).failures_since_start == 4
        response = client.post(verify, {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
        assert response.status_code in (403, 429)
        # Signed out, and the password alone no longer gets in from this address.
        assert client.get(reverse("hub:profile")).status_code == 302
        assert sign_in(Client(), member).status_code != 302
        assert SecurityEvent.objects.filter(
            user=member, kind=SecurityEvent.Kind.LOCKED_OUT
        ).exists()
        assert (
            SecurityEvent.objects.filter(
                user=member, kind=SecurityEvent.Kind.SECOND_FACTOR_FAILED
            ).count()
            >= 4
        )


class TestChanges:
    def test_adding_a_second_factor_ends_other_sessions_logs_and_emails(
        self, frozen, mailoutbox, django_capture_on_commit_callbacks
    ):
        member = UserFactory(verified=True)
        laptop, phone = Client(), Client()
        sign_in(laptop, member, agent=FIREFOX)
        sign_in(phone, member, agent=SAFARI)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            enrol_app(laptop, member)
        assert phone.get(reverse("hub:profile")).status_code == 302  # signed out
        assert laptop.get(reverse("hub:profile")).status_code == 200
        kinds = set(SecurityEvent.objects.filter(user=member).values_list("kind", flat=True))
        assert SecurityEvent.Kind.SECOND_FACTOR_ADDED in kinds
        assert [m.to for m in mailoutbox] == [[member.email]]
        assert "Second factor added" in mailoutbox[0].subject

    def test_removing_needs_the_second_factor_in_this_session(self, frozen, client_for):
        member = UserFactory(verified=True)
        device, _ = enrol_app(client_for(member), member)
        client = Client()
        sign_in(client, member)
        url = reverse("hub:second-factor-remove", args=["app", device.pk])
        assert client.post(url).url.startswith(reverse("hub:mfa-verify"))
        frozen.shift(timedelta(seconds=30))
        client.post(reverse("hub:mfa-verify"), {"code": code_now(device)})
        client.post(url)
        assert not TOTPDevice.objects.filter(user=member).exists()
        assert not StaticToken.objects.filter(device__user=member).exists()

    def test_a_member_cannot_remove_anothers_device(self, frozen, client_for):
        owner, other = UserFactory(verified=True), UserFactory(verified=True)
        device, _ = enrol_app(client_for(owner), owner)
        client = client_for(other, second_factor=True)
        url = reverse("hub:second-factor-remove", args=["app", device.pk])
        assert client.post(url).status_code == 404
        assert client.post(reverse("hub:second-factor-remove", args=["x", 1])).status_code == 404
        assert TOTPDevice.objects.filter(pk=device.pk).exists()


class TestSessions:
    def test_the_member_sees_their_sessions_and_signs_one_out(self, frozen, client_for):
        member = UserFactory(verified=True)
        laptop, phone = Client(), Client()
        sign_in(laptop, member, agent=FIREFOX, ip="203.0.113.9")
        sign_in(phone, member, agent=SAFARI)
        page = laptop.get(reverse("hub:security"))
        assert "Firefox on Windows" in page.text and "Safari on iOS" in page.text
        assert "203.0.113.0/24" in page.text and "203.0.113.9" not in page.text
        phone_row = MemberSession.objects.get(user=member, user_agent=SAFARI)
        laptop.post(reverse("hub:session-end", args=[phone_row.pk]))
        assert phone.get(reverse("hub:profile")).status_code == 302
        assert not Session.objects.filter(session_key=phone_row.session_key).exists()
        assert laptop.get(reverse("hub:profile")).status_code == 200

    def test_sign_out_everywhere_else(self, frozen):
        member = UserFactory(verified=True)
        clients = [Client() for _ in range(3)]
        for client in clients:
            sign_in(client, member)
        clients[0].post(reverse("hub:sessions-end-others"))
        assert [c.get(reverse("hub:profile")).status_code for c in clients] == [200, 302, 302]
        assert MemberSession.objects.filter(user=member).count() == 1

    def test_anothers_session_cannot_be_ended(self, client_for):
        owner, other = UserFactory(verified=True), UserFactory(verified=True)
        owner_client = Client()
        sign_in(owner_client, owner)
        row = MemberSession.objects.get(user=owner)
        assert client_for(other).post(reverse("hub:session-end", args=[row.pk])).status_code == 404
        assert owner_client.get(reverse("hub:profile")).status_code == 200

    def test_a_password_change_ends_the_other_sessions(self, frozen):
        member = UserFactory(verified=True)
        here, there = Client(), Client()
        sign_in(here, member)
        sign_in(there, member)
        here.post(
            reverse("hub:password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "a-new-long-passphrase-41",
                "new_password2": "a-new-long-passphrase-41",
            },
        )
        assert here.get(reverse("hub:profile")).status_code == 200
        assert there.get(reverse("hub:profile")).status_code == 302
        assert MemberSession.objects.filter(user=member).count() == 1

    def test_signing_out_forgets_the_session(self):
        member = UserFactory(verified=True)
        client = Client()
        sign_in(client, member)
        assert MemberSession.objects.filter(user=member).count() == 1
        client.post(reverse("hub:logout"))
        assert not MemberSession.objects.filter(user=member).exists()

    def test_a_sign_in_from_a_new_device_is_emailed(self, mailoutbox):
        member = UserFactory(verified=True)
        sign_in(Client(), member, agent=FIREFOX)
        sign_in(Client(), member, agent=FIREFOX)
        assert mailoutbox == []  # the first device, then the same one again
        sign_in(Client(), member, agent=SAFARI)
        assert len(mailoutbox) == 1
        assert "Safari on iOS" in mailoutbox[0].body

    def test_the_security_page_costs_the_same_for_more_sessions(
        self, client_for, django_assert_max_num_queries
    ):
        member = UserFactory(verified=True)
        client = client_for(member)
        for _ in range(5):
            sign_in(Client(), member)
        # Guards an N+1 over sessions: session + user, the three kinds of second factor,
        # the sessions, nav checks.
        with django_assert_max_num_queries(9):
            assert client.get(reverse("hub:security")).status_code == 200


def test_a_suspended_member_cannot_sign_in_with_a_passkey(verified_user):
    class Credential:
        user = verified_user

    backend = HubPasskeyBackend()
    assert backend.authenticate(None, webauthn_credential=Credential()) == verified_user
    verified_user.verification_status = User.Verification.SUSPENDED
    assert backend.authenticate(None, webauthn_credential=Credential()) is None


def test_the_service_refuses_to_remove_anothers_device(verified_user):
    other = UserFactory(verified=True)
    device = TOTPDevice.objects.create(user=other, confirmed=True)
    with pytest.raises(PermissionDenied):
        services.second_factor_remove(
            user=verified_user, device=device, keep_session_key=None, ip=None
        )


def test_a_curator_signs_a_member_out_from_the_admin(client_for, curator):
    member = UserFactory(verified=True)
    members_browser = Client()
    sign_in(members_browser, member)
    row = MemberSession.objects.get(user=member)
    response = client_for(curator).post(
        reverse("admin:hub_membersession_changelist"),
        {"action": "sign_out", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    assert members_browser.get(reverse("hub:profile")).status_code == 302
    assert not MemberSession.objects.filter(user=member).exists()


def test_a_failed_passkey_on_the_second_step_counts_towards_the_lockout(frozen):
    member = UserFactory(verified=True)
    from django_otp_webauthn.models import WebAuthnCredential

    WebAuthnCredential.objects.create(
        user=member, confirmed=True, credential_id=b"x", public_key=b"y", sign_count=0
    )
    client = Client()
    sign_in(client, member)
    url = reverse("otp_webauthn:credential-authentication-complete")
    for _ in range(5):
        response = client.post(
            url, "{}", content_type="application/json", REMOTE_ADDR="198.51.100.7"
        )
        assert response.status_code in (400, 403, 429)
    assert AccessAttempt.objects.get(username=member.email).failures_since_start == 5
    assert client.get(reverse("hub:profile")).status_code == 302  # signed out when locked
