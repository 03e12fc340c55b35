"""Curators do their daily work in the admin without being superusers."""

import pytest
from django.core import mail
from django.urls import reverse

from hub.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
class TestCuratorAdmin:
    def test_curator_opens_the_member_list_without_being_superuser(self, client_for, curator):
        assert not curator.is_superuser
        response = client_for(curator).get(reverse("admin:hub_user_changelist"))
        assert response.status_code == 200
        assert "Global Hub curation" in response.text

    @pytest.mark.parametrize("fixture", ["pending_user", "verified_user"])
    def test_members_cannot_open_the_admin(self, client_for, request, fixture):
        user = request.getfixturevalue(fixture)
        response = client_for(user).get(reverse("admin:hub_user_changelist"))
        assert response.status_code == 302
        assert "/admin/login/" in response.url

    def test_anonymous_visitor_is_sent_to_admin_sign_in(self, client):
        response = client.get(reverse("admin:hub_user_changelist"))
        assert response.status_code == 302

    def test_bulk_verification_emails_each_member_and_skips_unconfirmed(
        self, client_for, curator, django_capture_on_commit_callbacks
    ):
        confirmed = UserFactory.create_batch(2)
        unconfirmed = UserFactory(email_confirmed_at=None)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(curator).post(
                reverse("admin:hub_user_changelist"),
                {
                    "action": "verify_selected",
                    "_selected_action": [u.pk for u in [*confirmed, unconfirmed]],
                },
                follow=True,
            )
        assert "2 members verified" in response.text
        assert "not confirmed yet" in response.text
        assert set(User.objects.verified().values_list("pk", flat=True)) >= {
            u.pk for u in confirmed
        }
        unconfirmed.refresh_from_db()
        assert unconfirmed.verification_status == User.Verification.PENDING
        assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in confirmed)

    def test_bulk_reject_and_suspend(self, client_for, curator, pending_user, verified_user):
        client = client_for(curator)
        url = reverse("admin:hub_user_changelist")
        client.post(url, {"action": "reject_selected", "_selected_action": [pending_user.pk]})
        client.post(url, {"action": "suspend_selected", "_selected_action": [verified_user.pk]})
        pending_user.refresh_from_db()
        verified_user.refresh_from_db()
        assert pending_user.verification_status == "rejected"
        assert verified_user.verification_status == "suspended"

    def test_member_list_filters_by_expired_verification(self, client_for, curator):
        response = client_for(curator).get(
            reverse("admin:hub_user_changelist"), {"current": "expired"}
        )
        assert response.status_code == 200


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_creates_the_demo_accounts():
    from django.core.management import call_command

    from hub.demo import ACCOUNTS

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = User.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert User.objects.count() == counts
    curator = User.objects.get(email=ACCOUNTS["curator"])
    assert curator.is_staff and not curator.is_superuser
    assert not User.objects.get(email=ACCOUNTS["pending"]).is_verified
    assert User.objects.get(email=ACCOUNTS["investigator"]).is_verified


@pytest.mark.django_db
def test_verification_leaves_an_audit_trail_naming_the_curator(client_for, curator, pending_user):
    client = client_for(curator)
    client.post(
        reverse("admin:hub_user_changelist"),
        {"action": "verify_selected", "_selected_action": [pending_user.pk]},
    )
    event = pending_user.events.filter(verification_status="verified").get()
    assert event.pgh_context.metadata["user"] == curator.pk
    response = client.get(reverse("admin:hub_userevent_changelist"))
    assert response.status_code == 200
    assert f'<td class="field-changed_by">{curator.full_name}</td>' in response.text.replace(
        "&#x27;", "'"
    )


@pytest.mark.django_db
def test_admin_sign_in_with_an_over_long_email_is_a_form_error_not_a_500(client):
    response = client.post(
        reverse("admin:login"), {"username": "a" * 300 + "@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.text


@pytest.mark.django_db
class TestVerificationInTheChangeForm:
    """A verification changed in the member form goes through the same services as the bulk
    actions: dated, signed by the curator, emailed; a refusal is a form error."""

    def post(self, client, user, **changes):
        from tests.hub.test_security import change_form_data

        return client.post(
            reverse("admin:hub_user_change", args=[user.pk]), change_form_data(user, **changes)
        )

    def test_verifying_a_pending_member_dates_signs_and_emails(
        self, client_for, curator, pending_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = self.post(client_for(curator), pending_user, verification_status="verified")
        assert response.status_code == 302
        pending_user.refresh_from_db()
        assert pending_user.is_verified
        assert pending_user.verified_at is not None
        assert pending_user.verified_by == curator
        assert [m.to for m in mail.outbox] == [[pending_user.email]]

    def test_an_unconfirmed_address_cannot_be_verified_and_says_why(self, client_for, curator):
        user = UserFactory(email_confirmed_at=None)
        response = self.post(client_for(curator), user, verification_status="verified")
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["verification_status"]
        assert "not confirmed yet" in errors[0]
        user.refresh_from_db()
        assert user.verification_status == User.Verification.PENDING

    def test_a_decision_cannot_go_back_to_pending(self, client_for, curator, verified_user):
        response = self.post(client_for(curator), verified_user, verification_status="pending")
        assert response.status_code == 200
        assert "pending" in response.context["adminform"].form.errors["verification_status"][0]
        verified_user.refresh_from_db()
        assert verified_user.is_verified

    @pytest.mark.parametrize("status", ["suspended", "rejected"])
    def test_suspending_or_rejecting_emails_the_member(
        self, client_for, curator, verified_user, status, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = self.post(client_for(curator), verified_user, verification_status=status)
        assert response.status_code == 302
        verified_user.refresh_from_db()
        assert verified_user.verification_status == status
        assert verified_user.verified_by == curator
        assert len(mail.outbox) == 1

    def test_the_service_itself_refuses_an_unconfirmed_address(self, curator):
        from django.core.exceptions import ValidationError

        from hub import services

        user = UserFactory(email_confirmed_at=None)
        with pytest.raises(ValidationError, match="not confirmed yet"):
            services.user_verify(user=user, by=curator)
