"""Members' data rights: download my data, delete my account."""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from hub import data_rights, lifecycle
from hub.models import SecurityEvent, User, UserEvent, VerificationRequest
from responsible import services as responsible_services
from tests.catalogue.factories import ShortlistItemFactory, ToolFactory
from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory
from training.models import Enrolment

DATA = reverse("account:data")
DELETE = reverse("account:delete")


@pytest.fixture
def member_with_data(db, verified_user):
    from legislation.models import Jurisdiction

    tool = ToolFactory(name="Hash Matcher")
    ShortlistItemFactory(shortlist__owner=verified_user, shortlist__name="Triage", tool=tool)
    completed = EnrolmentFactory(
        user=verified_user,
        session=SessionFactory(starts_at=timezone.now() - timedelta(days=30)),
        status="completed",
        certificate_code="CRTK-EEPA-BCDE",
        completed_at=timezone.now() - timedelta(days=29),
    )
    upcoming = EnrolmentFactory(user=verified_user, status="confirmed")
    assessment = responsible_services.assessment_create(
        tool=tool,
        author=verified_user,
        intended_use="Triage of seized phones",
        jurisdiction=Jurisdiction.objects.first(),
        lifecycle_stage="procurement",
    )
    lifecycle.reverification_request(user=verified_user, what_changed="moved desk")
    return {
        "user": verified_user,
        "completed": completed,
        "upcoming": upcoming,
        "assessment": assessment,
    }


@pytest.mark.django_db
class TestDownload:
    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.post(DATA)
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert not SecurityEvent.objects.filter(kind="export").exists()

    def test_the_file_holds_every_part_and_is_logged(
        self, client_for, member_with_data, django_assert_max_num_queries
    ):
        user = member_with_data["user"]
        client = client_for(user)
        assert client.get(DATA).status_code == 200
        assert not SecurityEvent.objects.filter(kind="export").exists()  # reading writes nothing
        # A fixed number of queries per part, whatever the member holds.
        with django_assert_max_num_queries(30):
            response = client.post(DATA)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert data["profile"]["email"] == user.email
        assert data["agency"]["name"] == user.agency.name
        assert data["catalogue"][0]["name"] == "Triage"
        assert data["catalogue"][0]["tools"][0]["tool"] == "Hash Matcher"
        assert {e["status"] for e in data["training"]["enrolments"]} == {"completed", "confirmed"}
        assert data["training"]["certificates"][0]["code"] == "CRTK-EEPA-BCDE"
        assert data["responsible"]["assessments"][0]["intended_use"] == "Triage of seized phones"
        assert data["verification_requests"][0]["what_changed"] == "moved desk"
        assert "export" in {e["kind"] for e in data["security_log"]}
        assert SecurityEvent.objects.filter(user=user, kind="export").count() == 1

    @pytest.mark.parametrize("state", ["pending", "expired", "left"])
    def test_every_signed_in_member_may_download(self, client_for, state):
        user = UserFactory()
        if state == "expired":
            user.verification_status = "verified"
            user.verified_at = timezone.now() - timedelta(days=400)
        elif state == "left":
            user.verification_status = "left"
            user.left_at = timezone.now()
        user.save()
        response = client_for(user).post(DATA)
        assert response.status_code == 200
        assert json.loads(response.content)["profile"]["verification_status"] == (
            "pending" if state == "pending" else user.verification_status
        )

    def test_hub_reaches_other_apps_only_through_the_registry(self):
        names = [section.name for section in data_rights.account_data_sections()]
        assert names == ["catalogue", "training", "responsible"]
        source = open(data_rights.__file__).read()
        for app in ("catalogue", "training", "responsible", "legislation"):
            assert f"from {app}" not in source and f"import {app}" not in source


@pytest.mark.django_db
class TestDelete:
    def test_wrong_password_is_a_form_error_and_keeps_everything(
        self, client_for, member_with_data
    ):
        user = member_with_data["user"]
        response = client_for(user).post(
            DELETE, {"password": "wrong", "confirm": "on", "keep_certificates": "on"}
        )
        assert response.status_code == 400
        assert "The password is not correct." in response.content.decode()
        user.refresh_from_db()
        assert user.is_active and user.full_name

    def test_without_confirmation_nothing_happens(self, client_for, verified_user, password):
        response = client_for(verified_user).post(DELETE, {"password": password})
        assert response.status_code == 400
        assert User.objects.get(pk=verified_user.pk).is_active

    def test_empty_post_shows_errors(self, client_for, verified_user):
        assert client_for(verified_user).post(DELETE, {}).status_code == 400

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.post(DELETE, {"password": "x", "confirm": "on"}).status_code == 302

    def test_staff_cannot_delete_themselves_here(self, client_for, curator, password):
        response = client_for(curator).post(DELETE, {"password": password, "confirm": "on"})
        assert response.status_code == 400
        assert User.objects.get(pk=curator.pk).is_active

    def test_deleting_anonymises_and_keeps_counts_and_certificates(
        self, client, member_with_data, password
    ):
        user = member_with_data["user"]
        email, name = user.email, user.full_name
        AccessAttempt.objects.create(
            username=email, ip_address="10.0.0.1", user_agent="x", failures_since_start=1
        )
        client.force_login(user)
        response = client.post(
            DELETE, {"password": password, "confirm": "on", "keep_certificates": "on"}
        )
        assert response.status_code == 302 and response.url == reverse("account:deleted")
        # Signed out, and no longer able to sign in.
        assert client.get(reverse("hub:profile")).status_code == 302
        user.refresh_from_db()
        assert user.full_name == "Former member" and email not in user.email
        assert user.agency is None and not user.is_active and not user.has_usable_password()
        assert not User.objects.filter(email__iexact=email).exists()
        assert not User.objects.filter(full_name=name).exists()
        # Shortlists gone; enrolment history kept as counts; the seat to come is freed.
        assert not user.shortlists.exists()
        assert Enrolment.objects.filter(user=user).count() == 2
        upcoming = Enrolment.objects.get(pk=member_with_data["upcoming"].pk)
        assert upcoming.status == "cancelled"
        # The certificate still verifies, without the name.
        page = client.get(reverse("training:certificate-verify", args=["CRTK-EEPA-BCDE"]))
        assert page.status_code == 200
        assert name not in page.content.decode() and "Former member" in page.content.decode()
        # The agency's assessment stays, under the placeholder.
        assert (
            member_with_data["assessment"]
            .__class__.objects.get(pk=member_with_data["assessment"].pk)
            .author_id
            == user.pk
        )
        # Security log: only anonymous counts remain; the history of the profile is gone.
        assert not SecurityEvent.objects.filter(user=user).exists()
        deleted = SecurityEvent.objects.get(kind="account_deleted")
        assert deleted.user is None and deleted.detail["events"]["reverification_requested"] == 1
        assert not UserEvent.objects.filter(pgh_obj=user).exclude(email=user.email).exists()
        assert not UserEvent.objects.filter(email=email).exists()
        assert not VerificationRequest.objects.filter(user=user).exists()
        assert not AccessAttempt.objects.filter(username=email).exists()

    def test_without_the_checkbox_certificates_are_revoked(
        self, client_for, member_with_data, password
    ):
        user = member_with_data["user"]
        client_for(user).post(DELETE, {"password": password, "confirm": "on"})
        response = client_for().get(reverse("training:certificate-verify", args=["CRTK-EEPA-BCDE"]))
        assert response.status_code == 404
        completed = Enrolment.objects.get(pk=member_with_data["completed"].pk)
        assert completed.status == "completed"  # still counted for the trainers
        assert completed.certificate_code != "CRTK-EEPA-BCDE"

    @pytest.mark.parametrize("state", ["pending", "expired", "left"])
    def test_members_in_any_state_may_delete(self, client_for, password, state):
        user = UserFactory()
        if state == "expired":
            user.verification_status = "verified"
            user.verified_at = timezone.now() - timedelta(days=400)
        elif state == "left":
            user.verification_status = "left"
            user.left_at = timezone.now()
        user.save()
        response = client_for(user).post(DELETE, {"password": password, "confirm": "on"})
        assert response.status_code == 302
        assert not User.objects.get(pk=user.pk).is_active


@pytest.mark.django_db
def test_no_enrolment_email_goes_to_a_deleted_account(member_with_data, mailoutbox):
    """With the stored task backend the cancellation email is delivered after the account
    is anonymised: it is dropped rather than sent to the placeholder address."""
    from training import emails as training_emails

    user = member_with_data["user"]
    data_rights.account_erase(user=user, keep_certificates=True, reason="member")
    mailoutbox.clear()
    training_emails.send_enrolment_email(
        enrolment_id=member_with_data["upcoming"].pk, kind="cancelled"
    )
    assert mailoutbox == []
