"""Brokered contact with double opt-in: a short message, accept or decline, emails visible
only after acceptance; limits, expiry, reports to curators, suspension and blocking, and a
line in the security log for every request."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from community import services
from community.models import REQUESTS_PER_DAY, ContactRequest
from hub.models import SecurityEvent
from tests.community.factories import ListedProfileFactory
from tests.factories import UserFactory


@pytest.fixture
def alice(db):
    return UserFactory(verified=True, full_name="Alice Asker", email="alice@police.test")


@pytest.fixture
def bob_entry(db):
    return ListedProfileFactory(
        user=UserFactory(verified=True, full_name="Bob Listed", email="bob@police.test")
    )


def _connect_url(entry):
    return f"/community/members/{entry.pk}/connect/"


def test_double_opt_in_reveals_work_emails_only_after_acceptance(
    client_for, alice, bob_entry, on_commit, mailoutbox
):
    bob = bob_entry.user
    alice_client, bob_client = client_for(alice), client_for(bob)
    assert alice_client.get(_connect_url(bob_entry)).status_code == 200
    with on_commit():
        response = alice_client.post(_connect_url(bob_entry), {"message": "Hello, hash lists?"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["bob@police.test"]]
    assert "alice@police.test" not in mailoutbox[0].body

    # Before the answer, neither sees the other's address.
    assert "bob@police.test" not in alice_client.get("/community/connections/").content.decode()
    bob_page = bob_client.get("/community/connections/").content.decode()
    assert "Hello, hash lists?" in bob_page
    assert "alice@police.test" not in bob_page

    contact = ContactRequest.objects.get()
    with on_commit():
        response = bob_client.post(
            f"/community/requests/{contact.pk}/answer/", {"answer": "accept"}
        )
    assert response.status_code == 302
    assert "bob@police.test" in alice_client.get("/community/connections/").content.decode()
    assert "alice@police.test" in bob_client.get("/community/connections/").content.decode()
    assert mailoutbox[-1].to == ["alice@police.test"]
    assert "bob@police.test" in mailoutbox[-1].body
    kinds = SecurityEvent.objects.filter(kind__startswith="contact").order_by("pk")
    assert list(kinds.values_list("kind", flat=True)) == ["contact_requested", "contact_answered"]


def test_declined_request_never_reveals_emails(client_for, alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    client_for(bob_entry.user).post(
        f"/community/requests/{contact.pk}/answer/", {"answer": "decline"}
    )
    contact.refresh_from_db()
    assert contact.status == "declined"
    assert (
        "bob@police.test" not in client_for(alice).get("/community/connections/").content.decode()
    )


def test_over_long_message_is_a_form_error(client_for, alice, bob_entry):
    response = client_for(alice).post(_connect_url(bob_entry), {"message": "x" * 501})
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_empty_message_is_a_form_error(client_for, alice, bob_entry):
    assert client_for(alice).post(_connect_url(bob_entry), {"message": "  "}).status_code == 400


def test_tampered_ids_are_404(client_for, alice, bob_entry):
    client = client_for(alice)
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    assert client.get("/community/members/999999/connect/").status_code == 404
    # Only the recipient may answer, report or block.
    assert (
        client.post(f"/community/requests/{contact.pk}/answer/", {"answer": "accept"}).status_code
        == 404
    )
    assert client.get(f"/community/requests/{contact.pk}/report/").status_code == 404
    assert client.post(f"/community/requests/{contact.pk}/block/").status_code == 404
    assert client.post("/community/requests/999999/answer/").status_code == 404
    assert client.post("/community/blocks/999999/unblock/").status_code == 404
    contact.refresh_from_db()
    assert contact.status == "pending"


def test_only_listed_members_can_be_asked_and_not_oneself(alice):
    unlisted = UserFactory(verified=True)
    with pytest.raises(ValidationError):
        services.contact_request_create(sender=alice, recipient=unlisted, message="Hi")
    own = ListedProfileFactory(user=alice)
    with pytest.raises(ValidationError):
        services.contact_request_create(sender=alice, recipient=own.user, message="Hi")


def test_one_waiting_request_per_pair(alice, bob_entry):
    services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    with pytest.raises(ValidationError, match="already asked"):
        services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Again")


def test_rate_limit_of_requests_per_day(client_for, alice):
    entries = [ListedProfileFactory() for _ in range(REQUESTS_PER_DAY + 1)]
    for entry in entries[:REQUESTS_PER_DAY]:
        services.contact_request_create(sender=alice, recipient=entry.user, message="Hi")
    response = client_for(alice).post(_connect_url(entries[-1]), {"message": "One more"})
    assert response.status_code == 400
    assert "10 contact requests a day" in response.content.decode()
    assert ContactRequest.objects.count() == REQUESTS_PER_DAY
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        services.contact_request_create(sender=alice, recipient=entries[-1].user, message="Hi")


def test_requests_expire_after_thirty_days(client_for, alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    later = timezone.now() + timedelta(days=31)
    with time_machine.travel(later):
        assert contact.effective_status == "expired"
        assert (
            "Hi" not in client_for(bob_entry.user).get("/community/connections/").content.decode()
        )
        with pytest.raises(ValidationError, match="no longer waiting"):
            services.contact_request_answer(request_id=contact.pk, by=bob_entry.user, accept=True)
        # A new request may be sent once the old one expired.
        services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Again")
        call_command("expire_contact_requests")
    assert ContactRequest.objects.filter(status="expired").count() == 1


def test_report_reaches_curators_by_email_and_in_the_log(
    client_for, alice, bob_entry, on_commit, mailoutbox
):
    curator = UserFactory(curator=True, email="curator@hub.test")
    contact = services.contact_request_create(
        sender=alice, recipient=bob_entry.user, message="Buy my product"
    )
    client = client_for(bob_entry.user)
    assert client.get(f"/community/requests/{contact.pk}/report/").status_code == 200
    with on_commit():
        response = client.post(f"/community/requests/{contact.pk}/report/", {"note": "Spam"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.reported_at is not None
    assert contact.status == "declined"
    report_mail = mailoutbox[-1]
    assert set(report_mail.to) == {"curator@hub.test", "curators@globalhub.test"}
    assert "Buy my product" in report_mail.body
    assert SecurityEvent.objects.filter(kind="contact_reported", user=alice).exists()
    # The curator sees it in the admin, filtered as reported.
    admin_page = client_for(curator).get("/admin/community/contactrequest/?reported=yes")
    assert admin_page.status_code == 200
    assert "Alice Asker" in admin_page.content.decode()


def test_curators_suspend_contact_rights(client_for, alice, bob_entry):
    curator = UserFactory(curator=True)
    services.contact_rights_set(user=alice, suspended=True, reason="Spam reports", by=curator)
    response = client_for(alice).post(_connect_url(bob_entry), {"message": "Hi"})
    assert response.status_code == 400
    assert "suspended" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="contact_rights_changed", user=alice).exists()
    with pytest.raises(Exception, match="curators"):
        services.contact_rights_set(user=bob_entry.user, suspended=True, reason="x", by=alice)


def test_admin_action_suspends_the_senders(client_for, alice, bob_entry):
    curator = UserFactory(curator=True)
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    response = client_for(curator).post(
        "/admin/community/contactrequest/",
        {"action": "suspend_senders", "_selected_action": [contact.pk]},
    )
    assert response.status_code == 302
    assert alice.community_profile.contact_suspended


def test_a_blocked_member_is_never_heard_from_again(client_for, alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    bob_client = client_for(bob_entry.user)
    assert bob_client.post(f"/community/requests/{contact.pk}/block/").status_code == 302
    contact.refresh_from_db()
    assert contact.status == "declined"
    with pytest.raises(ValidationError, match="not taking contact requests"):
        services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Again")
    assert client_for(alice).get(_connect_url(bob_entry)).status_code == 404
    assert SecurityEvent.objects.filter(kind="contact_blocked", user=alice).exists()


@pytest.mark.parametrize("kind", ["pending", "expired", "suspended"])
def test_unverified_accounts_can_neither_send_nor_answer(kind, accounts, client_for, bob_entry):
    client = client_for(accounts[kind])
    response = client.post(_connect_url(bob_entry), {"message": "Hi"})
    assert response.status_code in (302, 403)
    assert client.get("/community/connections/").status_code in (302, 403)
    assert not ContactRequest.objects.exists()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.contact_request_create(
            sender=accounts[kind], recipient=bob_entry.user, message="Hi"
        )


def test_anonymous_is_sent_to_sign_in(client_for, bob_entry):
    response = client_for().post(_connect_url(bob_entry), {"message": "Hi"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_curator_may_connect_like_a_member(client_for, bob_entry):
    curator = UserFactory(curator=True)
    assert client_for(curator).post(_connect_url(bob_entry), {"message": "Hi"}).status_code == 302


def test_recipient_losing_verification_makes_the_request_unanswerable(alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    bob_entry.user.verification_status = "suspended"
    bob_entry.user.save()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.contact_request_answer(request_id=contact.pk, by=bob_entry.user, accept=True)


def test_connections_hide_a_member_who_lost_verification(client_for, alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    services.contact_request_answer(request_id=contact.pk, by=bob_entry.user, accept=True)
    client = client_for(alice)
    assert "bob@police.test" in client.get("/community/connections/").content.decode()
    bob_entry.user.verified_at = timezone.now() - timedelta(days=400)
    bob_entry.user.save()
    assert "bob@police.test" not in client.get("/community/connections/").content.decode()


def test_a_request_from_a_member_who_lost_verification_cannot_be_accepted(alice, bob_entry):
    contact = services.contact_request_create(sender=alice, recipient=bob_entry.user, message="Hi")
    alice.verification_status = "suspended"
    alice.save()
    with pytest.raises(ValidationError, match="no longer verified"):
        services.contact_request_answer(request_id=contact.pk, by=bob_entry.user, accept=True)
