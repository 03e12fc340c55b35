import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hub import services
from hub.models import Agency, User
from tests.factories import PASSWORD, UserFactory

REGISTRATION = {
    "full_name": "Ana Example",
    "email": "Ana.Example@Police.test",
    "agency_name": "Example Cybercrime Unit",
    "agency_kind": "police",
    "country": "PT",
    "role": "investigator",
    "password1": "long-enough-passphrase",
    "password2": "long-enough-passphrase",
}


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm/\S+/)", message.body).group(1)


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Post the registration form; emails queued for after the commit are sent."""

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("hub:register"), data)

    return post


@pytest.mark.django_db
class TestRegistration:
    def test_new_account_is_pending_tied_to_agency_and_gets_a_confirmation_email(self, register):
        response = register(REGISTRATION)

        assert response.status_code == 302
        user = User.objects.get(email="ana.example@police.test")
        assert user.verification_status == User.Verification.PENDING
        assert not user.email_confirmed
        assert user.agency.name == "Example Cybercrime Unit"
        assert user.agency.country == "PT"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["ana.example@police.test"]
        assert "/accounts/confirm/" in mail.outbox[0].body
        assert mail.outbox[0].alternatives[0][1] == "text/html"

    def test_second_member_of_an_agency_joins_the_same_agency(self, register):
        register(REGISTRATION)
        other = {**REGISTRATION, "email": "b@police.test", "agency_name": "example cybercrime unit"}
        register(other)
        assert Agency.objects.count() == 1

    def test_confirmation_link_confirms_the_address(self, client, register):
        register(REGISTRATION)
        response = client.get(confirm_path(mail.outbox[0]), follow=True)

        assert response.status_code == 200
        assert "email address is confirmed" in response.text
        assert User.objects.get(email="ana.example@police.test").email_confirmed

    @pytest.mark.parametrize("token", ["nonsense", "1:abc:def", "x" * 300])
    def test_tampered_confirmation_link_is_a_clear_400(self, client, token):
        response = client.get(f"/accounts/confirm/{token}/")
        assert response.status_code == 400
        assert "not valid" in response.text

    def test_confirmation_link_expires_after_three_days(self, client, register):
        register(REGISTRATION)
        with time_machine.travel(timezone.now() + timedelta(days=4)):
            response = client.get(confirm_path(mail.outbox[0]))
        assert response.status_code == 400
        assert not User.objects.get(email="ana.example@police.test").email_confirmed

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"email": "not-an-email"}, "email", "valid email"),
            ({"password2": "something-else-entirely"}, "password2", "differ"),
            ({"password1": "short", "password2": "short"}, "password1", "too short"),
            ({"password1": "1234567890123", "password2": "1234567890123"}, "password1", "numeric"),
            ({"country": "XX"}, "country", "valid choice"),
            ({"agency_kind": "mafia"}, "agency_kind", "valid choice"),
            ({"full_name": ""}, "full_name", "required"),
        ],
    )
    def test_bad_input_shows_form_errors_and_creates_nothing(
        self, register, change, field, message
    ):
        response = register({**REGISTRATION, **change})

        assert response.status_code == 200
        assert message in str(response.context["form"].errors[field])
        assert "Please correct the fields marked below" in response.text
        assert not User.objects.exists()
        assert not mail.outbox

    def test_registering_a_known_address_answers_as_for_a_new_one_and_mails_the_owner(
        self, register
    ):
        owner = UserFactory(email="ana.example@police.test")
        known = register(REGISTRATION)
        unknown = register({**REGISTRATION, "email": "someone.new@police.test"})

        # The person at the form learns nothing: same redirect, same page after it.
        assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
        assert User.objects.filter(email__iexact="ana.example@police.test").count() == 1
        # The owner of the address is told instead.
        to_owner = [m for m in mail.outbox if m.to == [owner.email]]
        assert len(to_owner) == 1
        assert "tried to register" in to_owner[0].subject
        assert "/accounts/password/reset/" in to_owner[0].body


@pytest.mark.django_db
class TestSignIn:
    def sign_in(self, client, email, password=PASSWORD):
        return client.post(reverse("hub:login"), {"username": email, "password": password})

    def test_member_signs_in_with_email_in_any_case(self, client, verified_user):
        response = self.sign_in(client, verified_user.email.upper())
        assert response.status_code == 302
        assert response.url == reverse("hub:profile")

    @pytest.mark.parametrize("status", ["suspended", "rejected"])
    def test_suspended_or_rejected_members_cannot_sign_in(self, client, status):
        user = UserFactory(verification_status=status)
        response = self.sign_in(client, user.email)
        assert response.status_code == 200
        assert "do not match an account that may sign in" in response.text

    def test_suspending_a_member_ends_their_session(self, client, verified_user, curator):
        client.force_login(verified_user)
        services.user_suspend(user=verified_user, by=curator)
        response = client.get(reverse("hub:profile"))
        assert response.status_code == 302
        assert reverse("hub:login") in response.url

    def test_sign_in_locks_after_five_failures(self, client, verified_user):
        for _ in range(5):
            self.sign_in(client, verified_user.email, "wrong-password")
        response = self.sign_in(client, verified_user.email)
        assert response.status_code == 429
        assert "locked" in response.text

    def test_an_over_long_email_is_a_form_error_not_a_500(self, client):
        response = self.sign_in(client, "a" * 300 + "@example.org", "wrong-password")
        assert response.status_code == 200
        assert "at most 254 characters" in response.text
        assert 'maxlength="254"' in response.text

    def test_sign_out(self, client, verified_user):
        client.force_login(verified_user)
        client.post(reverse("hub:logout"))
        assert client.get(reverse("hub:profile")).status_code == 302

    def test_password_reset_sends_a_working_link(
        self, client, verified_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("hub:password-reset"), {"email": verified_user.email.upper()})
        assert len(mail.outbox) == 1
        path = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
        response = client.get(path.group(1), follow=True)
        assert "new_password1" in response.text

    def test_password_change(self, client, verified_user):
        client.force_login(verified_user)
        response = client.post(
            reverse("hub:password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "another-long-passphrase",
                "new_password2": "another-long-passphrase",
            },
        )
        assert response.status_code == 302
        verified_user.refresh_from_db()
        assert verified_user.check_password("another-long-passphrase")


@pytest.mark.django_db
class TestVerification:
    def test_verification_expires_after_twelve_months(self, verified_user):
        assert verified_user.is_verified
        assert User.objects.verified().filter(pk=verified_user.pk).exists()
        with time_machine.travel(timezone.now() + timedelta(days=366)):
            verified_user.refresh_from_db()
            assert not verified_user.is_verified
            assert verified_user.verification_label == "Verification expired"
            assert not User.objects.verified().filter(pk=verified_user.pk).exists()

    def test_verifying_emails_the_member(
        self, pending_user, curator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.user_verify(user=pending_user, by=curator)
        pending_user.refresh_from_db()
        assert pending_user.is_verified
        assert pending_user.verified_by == curator
        assert mail.outbox[0].subject == "Your Global Hub account is verified"

    def test_profile_shows_the_status(self, client_for, pending_user):
        response = client_for(pending_user).get(reverse("hub:profile"))
        assert "Verification pending" in response.text

    def test_profile_asks_to_confirm_the_address_first(
        self, client_for, django_capture_on_commit_callbacks
    ):
        user = UserFactory(email_confirmed_at=None)
        client = client_for(user)
        assert "Confirm your email address first" in client.get(reverse("hub:profile")).text
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("hub:resend-confirmation"))
        assert len(mail.outbox) == 1

    def test_profile_edit(self, client_for, verified_user):
        response = client_for(verified_user).post(
            reverse("hub:profile"),
            {
                "full_name": "New Name",
                "country": "BE",
                "role": "analyst",
                "preferred_language": "fr",
            },
        )
        assert response.status_code == 302
        verified_user.refresh_from_db()
        assert (verified_user.full_name, verified_user.country.code) == ("New Name", "BE")

    def test_profile_needs_sign_in(self, client):
        response = client.get(reverse("hub:profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("hub:login"))
