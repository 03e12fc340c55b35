"""Verification that stays true: reminders before it ends, re-verification requests, leaving
law enforcement, the curators' queue, and the removal of accounts nobody uses."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hub import lifecycle, services
from hub.access import is_verified_member
from hub.models import LifecycleNotice, SecurityEvent, User, UserEvent, VerificationRequest
from tests.catalogue.factories import ShortlistItemFactory, ToolFactory
from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

DAY = timedelta(days=1)


def verified_days_ago(days: int, **extra) -> User:
    fields = {"verification_status": User.Verification.VERIFIED, **extra}
    return UserFactory(verified_at=timezone.now() - days * DAY, **fields)


# Reminders ----------------------------------------------------------------------------------


@pytest.mark.django_db
class TestReminders:
    def test_thirty_and_seven_days_before_each_sent_once(self):
        member = verified_days_ago(340)  # 25 days left
        fresh = verified_days_ago(10)
        assert lifecycle.verification_reminders_send() == 1
        assert lifecycle.verification_reminders_send() == 0  # idempotent
        assert [m.to for m in mail.outbox] == [[member.email]]
        assert "30 days" in mail.outbox[0].subject
        assert reverse("account:reverify") in mail.outbox[0].body
        with time_machine.travel(timezone.now() + 20 * DAY):
            assert lifecycle.verification_reminders_send() == 1
            assert lifecycle.verification_reminders_send() == 0
        assert "7 days" in mail.outbox[1].subject
        kinds = set(LifecycleNotice.objects.filter(user=member).values_list("kind", flat=True))
        assert kinds == {"reminder_30", "reminder_7"}
        assert not LifecycleNotice.objects.filter(user=fresh).exists()

    def test_member_first_seen_within_seven_days_gets_only_the_seven_day_reminder(self):
        verified_days_ago(362)
        assert lifecycle.verification_reminders_send() == 1
        assert LifecycleNotice.objects.get().kind == "reminder_7"

    def test_a_new_verification_period_gets_its_own_reminders(self, curator):
        member = verified_days_ago(340)
        lifecycle.verification_reminders_send()
        services.user_verify(user=member, by=curator)
        with time_machine.travel(timezone.now() + 340 * DAY):
            assert lifecycle.verification_reminders_send() == 1
        assert LifecycleNotice.objects.filter(user=member, kind="reminder_30").count() == 2

    def test_expired_pending_left_and_staff_get_no_reminder(self, curator):
        verified_days_ago(400)
        UserFactory()
        verified_days_ago(340, verification_status=User.Verification.LEFT, left_at=timezone.now())
        curator.verified_at = timezone.now() - 340 * DAY
        curator.save()
        assert lifecycle.verification_reminders_send() == 0

    def test_management_command_runs_reminders_and_purge(self):
        verified_days_ago(340)
        call_command("account_lifecycle")
        call_command("account_lifecycle")
        assert len(mail.outbox) == 1


# Re-verification requests ------------------------------------------------------------------


@pytest.mark.django_db
class TestReverification:
    url = reverse("account:reverify")

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(self.url)
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_expiring_member_asks_in_one_click_and_curators_see_it(self, client_for):
        member = verified_days_ago(340)
        client = client_for(member)
        page = client.get(self.url)
        assert page.status_code == 200
        assert member.agency.name in page.content.decode()
        response = client.post(
            self.url, {"agency_name": "Regional Cybercrime Unit", "what_changed": "New unit"}
        )
        assert response.status_code == 302
        request = VerificationRequest.objects.get(user=member)
        assert (request.kind, request.agency_name, request.what_changed) == (
            "reverify",
            "Regional Cybercrime Unit",
            "New unit",
        )
        assert SecurityEvent.objects.filter(user=member, kind="reverification_requested").exists()
        assert mail.outbox[-1].to == ["curators@globalhub.test"]
        assert "New unit" in mail.outbox[-1].body
        # Asking again updates the open request.
        client.post(self.url, {"agency_name": "", "what_changed": ""})
        assert VerificationRequest.objects.filter(user=member, handled_at=None).count() == 1

    def test_expired_and_left_members_may_ask(self, client_for):
        expired = verified_days_ago(400)
        left = verified_days_ago(10, verification_status="left", left_at=timezone.now())
        for member in (expired, left):
            assert client_for(member).post(self.url, {}).status_code == 302
        assert VerificationRequest.objects.filter(kind="reverify").count() == 2

    def test_pending_member_is_told_why_not(self, client_for, pending_user):
        response = client_for(pending_user).post(self.url, {"what_changed": "x"})
        assert response.status_code == 400
        assert "first verification" in response.content.decode()
        assert not VerificationRequest.objects.exists()

    def test_too_long_text_is_a_form_error(self, client_for):
        member = verified_days_ago(340)
        response = client_for(member).post(self.url, {"what_changed": "x" * 501})
        assert response.status_code == 400
        assert not VerificationRequest.objects.exists()

    def test_a_curators_decision_closes_the_request(self, client_for, curator):
        member = verified_days_ago(400)
        client_for(member).post(self.url, {})
        services.user_verify(user=member, by=curator)
        request = VerificationRequest.objects.get(user=member)
        assert request.handled_at is not None and request.handled_by == curator
        assert member.is_verified


# Leaving law enforcement -------------------------------------------------------------------


@pytest.mark.django_db
class TestLeaving:
    url = reverse("account:leave")

    def test_verified_access_ends_at_once_and_curators_are_told(self, client_for, verified_user):
        client = client_for(verified_user)
        tool = ToolFactory(visibility="verified")
        assert client.get(tool.get_absolute_url()).status_code == 200
        response = client.post(self.url, {"confirm": "on"})
        assert response.status_code == 302
        verified_user.refresh_from_db()
        assert verified_user.verification_status == "left"
        assert not verified_user.is_verified
        assert not is_verified_member(verified_user)
        assert not User.objects.verified().filter(pk=verified_user.pk).exists()
        assert client.get(reverse("catalogue:tool-submit")).status_code == 403
        assert SecurityEvent.objects.filter(user=verified_user, kind="left_law_enforcement")
        assert VerificationRequest.objects.get(user=verified_user).kind == "left"
        assert mail.outbox[-1].to == ["curators@globalhub.test"]
        assert "left law enforcement" in mail.outbox[-1].subject
        # Saying it twice changes nothing more.
        client.post(self.url, {"confirm": "on"})
        assert SecurityEvent.objects.filter(kind="left_law_enforcement").count() == 1

    def test_without_the_checkbox_nothing_happens(self, client_for, verified_user):
        response = client_for(verified_user).post(self.url, {})
        assert response.status_code == 400
        verified_user.refresh_from_db()
        assert verified_user.verification_status == "verified"

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.post(self.url, {"confirm": "on"}).status_code == 302
        assert not SecurityEvent.objects.exists()

    def test_left_member_can_still_sign_in(self, client, verified_user, password):
        lifecycle.user_leave_law_enforcement(user=verified_user)
        response = client.post(
            reverse("hub:login"), {"username": verified_user.email, "password": password}
        )
        assert response.status_code == 302
        assert client.get(reverse("hub:profile")).status_code == 200

    def test_curator_can_verify_a_returning_member(self, verified_user, curator):
        lifecycle.user_leave_law_enforcement(user=verified_user)
        services.user_verify(user=verified_user, by=curator)
        assert verified_user.is_verified


# Own data for lapsed members ---------------------------------------------------------------


@pytest.mark.django_db
class TestOwnData:
    @pytest.fixture
    def owner(self):
        return verified_days_ago(10)

    @pytest.fixture
    def items(self, owner):
        public = ShortlistItemFactory(shortlist__owner=owner, tool=ToolFactory(summary="Open"))
        restricted = ShortlistItemFactory(
            shortlist=public.shortlist,
            tool=ToolFactory(visibility="verified", summary="Secret summary"),
        )
        return public, restricted

    def lapse(self, member, how):
        if how == "expired":
            member.verified_at = timezone.now() - 400 * DAY
        else:
            member.verification_status = "left"
            member.left_at = timezone.now()
        member.save()

    @pytest.mark.parametrize("how", ["expired", "left"])
    def test_lapsed_member_reads_own_shortlist_without_restricted_details(
        self, client_for, owner, items, how, django_assert_max_num_queries
    ):
        public, restricted = items
        self.lapse(owner, how)
        client = client_for(owner)
        # The list, then the items with their tools and providers in one query each.
        with django_assert_max_num_queries(8):
            page = client.get(public.shortlist.get_absolute_url())
        body = page.content.decode()
        assert page.status_code == 200
        assert public.tool.name in body and "Open" in body
        assert restricted.tool.name in body and "Secret summary" not in body
        assert "Save note" not in body  # read only
        csv = client.get(reverse("catalogue:shortlist-export", args=[public.shortlist.pk]))
        assert csv.status_code == 200 and "Secret summary" not in csv.content.decode()
        # Writes stay for verified members.
        assert client.post(reverse("catalogue:shortlist-list"), {"name": "x"}).status_code == 403
        delete = reverse("catalogue:shortlist-delete", args=[public.shortlist.pk])
        assert client.post(delete).status_code == 403
        assert client.get(restricted.tool.get_absolute_url()).status_code in (403, 404)

    def test_others_shortlists_stay_404(self, client_for, items):
        other = verified_days_ago(400)
        response = client_for(other).get(items[0].shortlist.get_absolute_url())
        assert response.status_code == 404

    def test_pending_member_is_refused_own_data_pages(self, client_for, pending_user):
        assert client_for(pending_user).get(reverse("catalogue:shortlist-list")).status_code == 403

    @pytest.mark.parametrize("how", ["expired", "left"])
    def test_lapsed_member_reads_own_certificate(self, client_for, owner, how):
        enrolment = EnrolmentFactory(
            user=owner,
            session=SessionFactory(starts_at=timezone.now() - 30 * DAY),
            status="completed",
            certificate_code="ABCD-EFGH-JKLM",
            completed_at=timezone.now(),
        )
        self.lapse(owner, how)
        response = client_for(owner).get(enrolment.get_certificate_url())
        assert response.status_code == 200


# The curators' queue -----------------------------------------------------------------------


@pytest.mark.django_db
class TestQueue:
    def test_queue_filters_show_who_needs_a_look(self, client_for, curator):
        pending = UserFactory()
        unconfirmed = UserFactory(email_confirmed_at=None)
        expiring = verified_days_ago(350)
        current = verified_days_ago(10)
        asking = verified_days_ago(400)
        lifecycle.reverification_request(user=asking, what_changed="moved")
        leaving = verified_days_ago(10)
        lifecycle.user_leave_law_enforcement(user=leaving)
        client = client_for(curator)
        changelist = reverse("admin:hub_user_changelist")

        def shown(queue):
            response = client.get(changelist, {"queue": queue})
            assert response.status_code == 200
            return {u.pk for u in response.context["cl"].result_list}

        assert shown("pending") == {pending.pk}
        assert unconfirmed.pk not in shown("pending")
        assert shown("expiring") == {expiring.pk}
        assert current.pk not in shown("expiring")
        assert shown("reverify") == {asking.pk}
        assert shown("left") == {leaving.pk}
        requests = client.get(reverse("admin:hub_verificationrequest_changelist"), {"open": "yes"})
        assert requests.status_code == 200
        assert "moved" in requests.content.decode()

    def test_marking_a_notice_seen(self, client_for, curator, verified_user):
        lifecycle.user_leave_law_enforcement(user=verified_user)
        notice = VerificationRequest.objects.get()
        response = client_for(curator).post(
            reverse("admin:hub_verificationrequest_changelist"),
            {"action": "mark_handled", "_selected_action": [notice.pk]},
        )
        assert response.status_code == 302
        notice.refresh_from_db()
        assert notice.handled_by == curator

    def test_members_cannot_open_the_queue(self, client_for, verified_user):
        url = reverse("admin:hub_verificationrequest_changelist")
        assert client_for(verified_user).get(url).status_code == 302


# Removing unused accounts ------------------------------------------------------------------


@pytest.mark.django_db
class TestPurge:
    def test_unconfirmed_accounts_go_after_thirty_days(self):
        old = UserFactory(email_confirmed_at=None, date_joined=timezone.now() - 31 * DAY)
        young = UserFactory(email_confirmed_at=None, date_joined=timezone.now() - 29 * DAY)
        counts = lifecycle.accounts_purge()
        assert counts["unconfirmed_removed"] == 1
        assert not User.objects.filter(pk=old.pk).exists()
        assert not UserEvent.objects.filter(email=old.email).exists()  # no history left
        assert User.objects.filter(pk=young.pk).exists()
        assert lifecycle.accounts_purge()["unconfirmed_removed"] == 0
        event = SecurityEvent.objects.get(kind="account_deleted")
        assert event.user is None and event.detail["accounts"] == 1

    def test_lapsed_account_is_warned_then_erased_after_the_period(self, settings):
        settings.LAPSED_ACCOUNT_DAYS = 100
        member = verified_days_ago(365 + 71)  # lapsed 71 days ago: inside the warning window
        kept = verified_days_ago(365 + 60)
        counts = lifecycle.accounts_purge()
        assert counts == {"unconfirmed_removed": 0, "warned": 1, "lapsed_removed": 0}
        assert mail.outbox[-1].to == [member.email]
        assert "removed" in mail.outbox[-1].subject
        assert lifecycle.accounts_purge()["warned"] == 0  # warned once
        with time_machine.travel(timezone.now() + 29 * DAY):
            assert lifecycle.accounts_purge()["lapsed_removed"] == 0
        with time_machine.travel(timezone.now() + 31 * DAY):
            counts = lifecycle.accounts_purge()
        assert counts["lapsed_removed"] == 1
        member.refresh_from_db()
        assert not member.is_active and member.full_name == "Former member"
        assert kept.pk != member.pk and User.objects.get(pk=kept.pk).is_active

    def test_left_members_lapse_from_the_day_they_left(self, settings):
        settings.LAPSED_ACCOUNT_DAYS = 100
        member = verified_days_ago(10, verification_status="left")
        member.left_at = timezone.now() - 75 * DAY
        member.save()
        assert lifecycle.accounts_purge()["warned"] == 1

    def test_staff_are_never_purged(self, settings, curator):
        settings.LAPSED_ACCOUNT_DAYS = 1
        curator.verified_at = timezone.now() - 800 * DAY
        curator.email_confirmed_at = None
        curator.date_joined = timezone.now() - 800 * DAY
        curator.save()
        assert lifecycle.accounts_purge() == {
            "unconfirmed_removed": 0,
            "warned": 0,
            "lapsed_removed": 0,
        }

    def test_jobs_are_registered_with_the_scheduler(self):
        from background import schedule

        paths = {job.task.module_path for job in schedule.JOBS}
        assert {"hub.tasks.send_verification_reminders", "hub.tasks.purge_accounts"} <= paths


@pytest.mark.django_db
class TestProfileAndAdmin:
    def test_profile_links_to_the_account_pages(self, client_for, verified_user):
        body = client_for(verified_user).get(reverse("hub:profile")).content.decode()
        for name in ("account:reverify", "account:leave", "account:data", "account:delete"):
            assert reverse(name) in body

    def test_a_curator_cannot_mark_a_member_as_left(self, client_for, curator, verified_user):
        refusal = services.verification_refusal(user=verified_user, status="left", by=curator)
        assert "only the member" in refusal
        with pytest.raises(ValidationError):
            services.user_verification_change(user=verified_user, status="left", by=curator)

    def test_refusal_page_for_a_left_member_says_why(self, client_for, verified_user):
        lifecycle.user_leave_law_enforcement(user=verified_user)
        response = client_for(verified_user).get(reverse("catalogue:tool-submit"))
        assert response.status_code == 403
        assert "left law enforcement" in response.content.decode()


@pytest.mark.django_db
class TestQueueInput:
    def test_junk_queue_values_show_the_whole_list_never_a_500(self, client_for, curator):
        client = client_for(curator)
        for url, params in (
            (reverse("admin:hub_user_changelist"), {"queue": "junk"}),
            (reverse("admin:hub_verificationrequest_changelist"), {"open": "junk", "kind": "x"}),
        ):
            assert client.get(url, params).status_code in (200, 302)

    def test_queue_page_queries_do_not_grow_with_requests(
        self, client_for, curator, django_assert_max_num_queries
    ):
        for days in range(340, 346):
            lifecycle.reverification_request(user=verified_days_ago(days), what_changed="x")
        client = client_for(curator)
        # Members are joined in the list query (list_select_related), not fetched per row.
        with django_assert_max_num_queries(14):
            response = client.get(reverse("admin:hub_verificationrequest_changelist"))
        assert response.status_code == 200
        with django_assert_max_num_queries(20):
            response = client.get(reverse("admin:hub_user_changelist"), {"queue": "reverify"})
        assert len(response.context["cl"].result_list) == 6
