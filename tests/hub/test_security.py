"""Security holes found from outside, each closed and kept closed."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from hub import services
from hub.models import SecurityEvent, User
from tests.factories import PASSWORD, UserFactory


def change_form_data(user: User, **changes) -> dict:
    """What the admin's member form posts for ``user`` as it stands, with ``changes``."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "agency": user.agency_id or "",
        "country": user.country.code if user.country else "",
        "role": user.role,
        "preferred_language": user.preferred_language,
        "verification_status": user.verification_status,
        "verification_note": user.verification_note,
        "is_active": "on" if user.is_active else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def change_url(user: User) -> str:
    return reverse("admin:hub_user_change", args=[user.pk])


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@globalhub.test", PASSWORD, full_name="Root")


@pytest.mark.django_db
class TestPrivileges:
    def test_a_curator_cannot_make_themselves_superuser(self, client_for, curator):
        client = client_for(curator)
        # The group list needs permissions on auth, which curators do not hold.
        assert client.get(reverse("admin:auth_group_changelist")).status_code == 403

        client.post(
            change_url(curator),
            change_form_data(
                curator,
                is_superuser="on",
                is_staff="on",
                groups=[Group.objects.get(name="curator").pk],
                user_permissions=[Permission.objects.get(codename="change_group").pk],
            ),
        )

        curator.refresh_from_db()
        assert not curator.is_superuser
        assert not curator.user_permissions.exists()
        assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
        form_html = client.get(change_url(curator)).text
        assert 'name="is_superuser"' not in form_html
        assert 'name="user_permissions"' not in form_html

    def test_a_curator_cannot_grant_staff_to_a_member(self, client_for, curator, verified_user):
        client_for(curator).post(
            change_url(verified_user), change_form_data(verified_user, is_staff="on")
        )
        verified_user.refresh_from_db()
        assert not verified_user.is_staff

    def test_a_curator_cannot_change_a_superuser_or_another_curator(
        self, client_for, curator, superuser
    ):
        other = UserFactory(curator=True)
        client = client_for(curator)
        for target in (superuser, other):
            response = client.post(
                change_url(target), change_form_data(target, email="mine@curator.test")
            )
            assert response.status_code == 403
            password = reverse("admin:auth_user_password_change", args=[target.pk])
            assert client.get(password).status_code == 403
        superuser.refresh_from_db()
        assert superuser.email == "root@globalhub.test"

    def test_a_superuser_grants_staff_and_the_change_is_in_the_security_log(
        self, client_for, superuser, verified_user, curator
    ):
        response = client_for(superuser).post(
            change_url(verified_user),
            change_form_data(
                verified_user, is_staff="on", groups=[Group.objects.get(name="curator").pk]
            ),
            REMOTE_ADDR="203.0.113.77",
        )
        assert response.status_code == 302
        verified_user.refresh_from_db()
        assert verified_user.is_staff
        event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PRIVILEGES_CHANGED)
        assert (event.user, event.actor) == (verified_user, superuser)
        assert event.detail["is_staff"] == [False, True]
        assert event.detail["groups"] == [[], ["curator"]]
        assert event.ip == "203.0.113.0/24"  # the network, not the person's address

        # Curators read the log, and cannot add, change or delete a line of it.
        client = client_for(curator)
        listing = client.get(reverse("admin:hub_securityevent_changelist"))
        assert listing.status_code == 200
        assert "Privileges changed" in listing.text
        assert client.get(reverse("admin:hub_securityevent_add")).status_code == 403
        delete = reverse("admin:hub_securityevent_delete", args=[event.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert SecurityEvent.objects.filter(pk=event.pk).exists()

    def test_the_service_refuses_privilege_changes_by_a_non_superuser(self, curator):
        before = services.user_privileges(user=curator)
        changed = User.objects.get(pk=curator.pk)
        changed.is_superuser = True
        changed.save()
        with pytest.raises(PermissionDenied):
            services.user_privileges_changed(user=changed, by=curator, before=before)
        with pytest.raises(PermissionDenied):
            services.user_make_curator(user=UserFactory(), by=curator)

    @pytest.mark.parametrize(
        ("ip", "network"),
        [("198.51.100.23", "198.51.100.0/24"), ("2001:db8:1:2::5", "2001:db8:1::/48"), ("", "")],
    )
    def test_the_log_keeps_only_the_network(self, ip, network):
        assert services.client_network(ip) == network


@pytest.mark.django_db
class TestSignInLockout:
    def sign_in(self, client, email, password=PASSWORD, ip="192.0.2.10"):
        return client.post(
            reverse("hub:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
        )

    def test_changing_the_case_of_the_address_does_not_buy_more_tries(self, verified_user):
        client = Client()
        local, domain = verified_user.email.split("@")
        spellings = [
            verified_user.email.upper(),
            local.capitalize() + "@" + domain,
            verified_user.email,
            " " + verified_user.email.title(),
            verified_user.email.swapcase(),
        ]
        answers = [self.sign_in(client, s, "wrong-password").status_code for s in spellings]
        assert answers == [200, 200, 200, 200, 429]
        # The lock holds for every spelling, even with the right password.
        for spelling in (verified_user.email, verified_user.email.upper()):
            response = self.sign_in(client, spelling)
            assert response.status_code == 429
            assert "locked" in response.text

    def test_a_correct_sign_in_in_another_case_does_not_clear_the_count(self, verified_user):
        client = Client()
        for _ in range(4):
            self.sign_in(client, verified_user.email.upper(), "wrong-password")
        assert self.sign_in(client, verified_user.email.capitalize()).status_code == 302
        # Success cleared this account's failures: four more failures do not lock it yet...
        client = Client()
        for _ in range(4):
            self.sign_in(client, verified_user.email.swapcase(), "wrong-password")
        assert self.sign_in(client, verified_user.email).status_code == 302

    @override_settings(SIGN_IN_FAILURES_PER_ADDRESS=20)
    def test_one_address_spraying_one_password_over_many_accounts_is_stopped(self):
        accounts = UserFactory.create_batch(21, verified=True)
        client = Client()
        answers = [self.sign_in(client, u.email, "Summer2026!").status_code for u in accounts]
        assert answers[:19] == [200] * 19
        assert 429 in answers[19:]
        # From that address even a right password waits; from another it does not.
        member = UserFactory(verified=True)
        assert self.sign_in(Client(), member.email).status_code == 429
        assert self.sign_in(Client(), member.email, ip="192.0.2.99").status_code == 302


@pytest.mark.django_db
class TestEmailCase:
    def test_the_admin_refuses_an_address_that_differs_only_in_case(
        self, client_for, curator, verified_user
    ):
        response = client_for(curator).post(
            reverse("admin:hub_user_add"),
            {
                "email": verified_user.email.upper(),
                "full_name": "Copy",
                "password1": "long-enough-passphrase",
                "password2": "long-enough-passphrase",
                "usable_password": "true",
            },
        )
        assert response.status_code == 200
        assert "already exists" in str(response.context["adminform"].form.errors["email"])
        assert User.objects.filter(email__iexact=verified_user.email).count() == 1

    def test_the_admin_stores_new_addresses_in_lower_case(self, client_for, curator):
        client_for(curator).post(
            reverse("admin:hub_user_add"),
            {
                "email": "New.Member@Agency.TEST",
                "full_name": "New Member",
                "password1": "long-enough-passphrase",
                "password2": "long-enough-passphrase",
                "usable_password": "true",
            },
        )
        assert User.objects.filter(email="new.member@agency.test").exists()

    def test_the_database_refuses_a_case_twin(self, verified_user):
        twin = User(email=verified_user.email.upper(), full_name="Twin")
        with pytest.raises(IntegrityError), transaction.atomic():
            twin.save()

    def test_sign_in_and_password_reset_work_in_any_case(
        self, client, verified_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("hub:password-reset"), {"email": f"  {verified_user.email.upper()}"}
            )
        assert [m.to for m in mail.outbox] == [[verified_user.email]]


STORED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
class TestNoAccountEnumeration:
    def test_password_reset_answers_the_same_and_sends_nothing_during_the_request(
        self, client, verified_user
    ):
        answers = []
        with override_settings(TASKS=STORED_TASKS):
            for email in (verified_user.email, "nobody@agency.test"):
                response = client.post(reverse("hub:password-reset"), {"email": email})
                answers.append((response.status_code, response.url))
            # The request itself sends nothing: the message is a stored task for the worker,
            # one for the known address and none for the unknown one, and no token is stored.
            assert mail.outbox == []
            stored = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
        assert len(stored) == 1
        assert "token" not in str(stored[0])
        assert answers[0] == answers[1]
