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
