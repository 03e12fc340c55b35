"""Accounts fit for law enforcement: privacy headers, the member's security log, sessions
that end on shared machines."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hub.models import SecurityEvent
from tests.catalogue.factories import ShortlistFactory
from tests.factories import PASSWORD, UserFactory
from tests.hub.test_site import run_manage


def sign_in(client, email, password=PASSWORD, ip="192.0.2.10"):
    return client.post(
        reverse("hub:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
class TestHeaders:
    @pytest.mark.parametrize("url", ["/", "/tools/", "/no/such/page/", "/search/?q=%00"])
    def test_every_response_switches_off_camera_microphone_location_and_payment(self, client, url):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy

    def test_pages_for_a_signed_in_member_are_never_stored(self, client_for, verified_user):
        shortlist = ShortlistFactory(owner=verified_user)
        client = client_for(verified_user)
        for url in (
            reverse("hub:profile"),
            reverse("training:my-training"),
            reverse("catalogue:shortlist-list"),
            reverse("catalogue:shortlist-detail", args=[shortlist.pk]),
            reverse("catalogue:shortlist-export", args=[shortlist.pk]),
            reverse("catalogue:tool-export-csv"),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            cache_control = response["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, url

    def test_a_calendar_opened_by_its_secret_link_is_never_stored(self, client, verified_user):
        from training.models import CalendarToken

        token = CalendarToken.objects.create(user=verified_user, token=CalendarToken.new_token())
        response = client.get(reverse("training:calendar-feed", args=[token.token]))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]

    def test_public_pages_for_visitors_stay_cacheable(self, client):
        assert "no-store" not in client.get("/").get("Cache-Control", "")

    def test_the_language_cookie_is_lax_and_secure_in_production(self, client):
        response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
        assert response.cookies["django_language"]["samesite"] == "Lax"
        code = "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            code,
            DEBUG="0",
            SECRET_KEY="x7#" + "k2!v9@q" * 10,
            ALLOWED_HOSTS="hub.example.org",
        )
        assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


@pytest.mark.django_db
class TestSecurityLog:
    def test_sign_in_failure_lockout_and_password_change_are_logged(self, verified_user):
        client = Client()
        assert sign_in(client, verified_user.email.upper()).status_code == 302
        client.post(
            reverse("hub:password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "another-long-passphrase",
                "new_password2": "another-long-passphrase",
            },
        )
        client.post(reverse("hub:logout"))
        for _ in range(6):
            sign_in(Client(), verified_user.email, "wrong-password")
        sign_in(Client(), "nobody@agency.test", "wrong-password")

        kinds = list(
            SecurityEvent.objects.filter(user=verified_user)
            .order_by("pk")
            .values_list("kind", flat=True)
        )
        Kind = SecurityEvent.Kind
        assert kinds[:2] == [Kind.SIGN_IN, Kind.PASSWORD_CHANGED]
        assert kinds.count(Kind.SIGN_IN_FAILED) == 6
        assert kinds.count(Kind.LOCKED_OUT) == 1  # once, when the lock fell, not per try
        unknown = SecurityEvent.objects.get(user=None, kind=Kind.SIGN_IN_FAILED)
        assert unknown.detail == {"email": "nobody@agency.test"}
        assert unknown.ip == "192.0.2.0/24"

    def test_the_member_sees_their_own_log_on_the_profile_and_nobody_elses(
        self, verified_user, django_assert_max_num_queries
    ):
        other = UserFactory(verified=True)
        sign_in(Client(), other.email, "wrong-password", ip="198.51.100.9")
        client = Client()
        sign_in(client, verified_user.email)
        # The log is one query, however long it is.
        with django_assert_max_num_queries(8):
            html = client.get(reverse("hub:profile")).text
        assert "Recent activity on your account" in html
        assert "Signed in" in html
        assert "192.0.2.0/24" in html
        assert "198.51.100.0/24" not in html


def test_the_default_limits_suit_shared_agency_machines():
    from hub import settings

    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60


@pytest.mark.django_db
class TestSessionLifetime:
    def test_a_session_idle_for_longer_than_the_timeout_ends(self, settings, verified_user):
        settings.SESSION_IDLE_TIMEOUT = 30 * 60
        settings.SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
        client = Client()
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            sign_in(client, verified_user.email)
        with time_machine.travel(start + timedelta(minutes=29), tick=False):
            assert client.get(reverse("hub:profile")).status_code == 200
        with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
            response = client.get(reverse("hub:profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("hub:login"))

    def test_an_active_session_still_ends_after_the_absolute_lifetime(
        self, settings, verified_user
    ):
        settings.SESSION_IDLE_TIMEOUT = 30 * 60
        settings.SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
        client = Client()
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            sign_in(client, verified_user.email)
        # Active every 20 minutes for eleven hours and forty minutes: still signed in.
        for minutes in range(20, 12 * 60, 20):
            with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
                assert client.get(reverse("hub:profile")).status_code == 200, minutes
        with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
            response = client.get(reverse("hub:profile"))
        assert response.status_code == 302
