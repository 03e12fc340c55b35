"""The access rules every restricted view goes through (hub/access.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from hub.access import (
    Visibility,
    can_view,
    curator_required,
    is_curator,
    is_verified_member,
    verified_required,
    visible_q,
)
from hub.models import User
from tests.factories import UserFactory


@verified_required
def restricted_view(request):
    return HttpResponse("restricted details")


@curator_required
def curator_view(request):
    return HttpResponse("curation")


def call(view, user):
    request = RequestFactory().get("/restricted/?x=1")
    request.user = user
    return view(request)


@pytest.mark.django_db
class TestVerifiedRequired:
    def test_anonymous_visitor_is_sent_to_sign_in_and_back(self):
        response = call(restricted_view, AnonymousUser())
        assert response.status_code == 302
        assert response.url == "/accounts/login/?next=/restricted/%3Fx%3D1"

    def test_pending_member_gets_a_403_that_explains_verification(self, pending_user):
        response = call(restricted_view, pending_user)
        assert response.status_code == 403
        assert b"restricted details" not in response.content
        assert b"Verified members only" in response.content
        assert b"Pending verification" in response.content

    @pytest.mark.parametrize("status", ["suspended", "rejected"])
    def test_suspended_or_rejected_member_is_refused(self, status):
        response = call(restricted_view, UserFactory(verification_status=status))
        assert response.status_code == 403

    def test_expired_verification_is_refused(self, verified_user):
        with time_machine.travel(timezone.now() + timedelta(days=400)):
            response = call(restricted_view, verified_user)
        assert response.status_code == 403
        assert b"twelve months" in response.content

    def test_verified_member_and_staff_see_the_content(self, verified_user, curator):
        assert call(restricted_view, verified_user).content == b"restricted details"
        assert call(restricted_view, curator).content == b"restricted details"

    def test_inactive_account_is_refused(self):
        user = UserFactory(verified=True, is_active=False)
        assert not is_verified_member(user)


@pytest.mark.django_db
class TestCuratorRequired:
    def test_only_curators_pass(self, verified_user, curator):
        assert call(curator_view, AnonymousUser()).status_code == 302
        assert call(curator_view, verified_user).status_code == 403
        assert call(curator_view, curator).status_code == 200

    def test_staff_outside_the_curator_group_is_not_a_curator(self):
        staff = UserFactory(verified=True, is_staff=True)
        staff.groups.clear()
        assert not is_curator(staff)


@pytest.mark.django_db
class TestVisibility:
    def test_public_content_is_for_everyone_restricted_for_verified(
        self, pending_user, verified_user
    ):
        for user in (AnonymousUser(), pending_user):
            assert can_view(user, Visibility.PUBLIC)
            assert not can_view(user, Visibility.VERIFIED)
        assert can_view(verified_user, Visibility.VERIFIED)

    def test_visible_q_filters_rows(self, pending_user, verified_user):
        # Users have no visibility field; an Agency-free filter on User.role stands in for one.
        UserFactory(role="public")
        UserFactory(role="verified")
        base = User.objects.filter(role__in=["public", "verified"])
        assert base.filter(visible_q(pending_user, field="role")).count() == 1
        assert base.filter(visible_q(AnonymousUser(), field="role")).count() == 1
        assert base.filter(visible_q(verified_user, field="role")).count() == 2
