"""The directory of verified members: opt-in, members only, never indexed, filterable, and
an entry disappears the moment its member leaves it or loses verification."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import CommunityProfile
from hub.models import Agency, User
from tests.catalogue.factories import ToolFactory
from tests.community.factories import ListedProfileFactory
from tests.factories import AgencyFactory, UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

URL = "/community/"


@pytest.fixture
def listed(db):
    return ListedProfileFactory(
        user=UserFactory(verified=True, full_name="Lena Listed", country="DE"),
        stages=["image-analysis"],
    )


@pytest.mark.parametrize("kind", ["pending", "expired", "suspended"])
def test_members_who_are_not_verified_never_see_the_directory(kind, accounts, client_for, listed):
    response = client_for(accounts[kind]).get(URL)
    assert response.status_code in (302, 403)
    assert b"Lena Listed" not in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client_for, listed):
    response = client_for().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hub:login"))


@pytest.mark.parametrize("kind", ["verified", "curator"])
def test_verified_members_and_curators_see_listed_members(kind, accounts, client_for, listed):
    response = client_for(accounts[kind]).get(URL)
    assert response.status_code == 200
    assert "Lena Listed" in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_only_members_who_opted_in_are_listed(client_for, verified_user):
    ListedProfileFactory(user=UserFactory(verified=True, full_name="Olga Optin"))
    CommunityProfile.objects.create(
        user=UserFactory(verified=True, full_name="Nils Notlisted"), is_listed=False
    )
    UserFactory(verified=True, full_name="Pia Noprofile")
    page = client_for(verified_user).get(URL).content.decode()
    assert "Olga Optin" in page
    assert "Nils Notlisted" not in page
    assert "Pia Noprofile" not in page


def test_leaving_or_losing_verification_removes_the_entry_at_once(client_for, verified_user):
    gone = ListedProfileFactory(user=UserFactory(verified=True, full_name="Gina Gone"))
    lapsed = ListedProfileFactory(user=UserFactory(verified=True, full_name="Lars Lapsed"))
    suspended = ListedProfileFactory(user=UserFactory(verified=True, full_name="Sam Suspended"))
    client = client_for(verified_user)
    page = client.get(URL).content.decode()
    assert all(name in page for name in ("Gina Gone", "Lars Lapsed", "Sam Suspended"))

    services.profile_leave_directory(user=gone.user)
    User.objects.filter(pk=lapsed.user_id).update(verified_at=timezone.now() - timedelta(days=366))
    User.objects.filter(pk=suspended.user_id).update(verification_status="suspended")

    page = client.get(URL).content.decode()
    assert "Gina Gone" not in page
    assert "Lars Lapsed" not in page
    assert "Sam Suspended" not in page
    assert client.get(f"/community/members/{lapsed.pk}/connect/").status_code == 404


def test_name_or_initials_and_agency_name_only_when_chosen(client_for, verified_user):
    agency = AgencyFactory(name="Secret Unit", country="NL", kind=Agency.Kind.POLICE)
    ListedProfileFactory(
        user=UserFactory(verified=True, full_name="Ines Initials", agency=agency, country="NL"),
        name_display="initials",
    )
    page = client_for(verified_user).get(URL).content.decode()
    assert "I.I." in page
    assert "Ines Initials" not in page
    assert "Secret Unit" not in page
    assert "Police / law enforcement" in page
    assert "Netherlands" in page
    CommunityProfile.objects.filter(user__full_name="Ines Initials").update(show_agency_name=True)
    assert "Secret Unit" in client_for(verified_user).get(URL).content.decode()


def test_filters_by_country_region_language_expertise_and_tool(client_for, verified_user):
    tool = ToolFactory(name="HashHound", slug="hashhound")
    ListedProfileFactory(
        user=UserFactory(verified=True, full_name="Kenji Kenya", country="KE"),
        languages=["sw"],
        stages=["prevention"],
        tools=[tool],
    )
    ListedProfileFactory(
        user=UserFactory(verified=True, full_name="Ana Spain", country="ES"),
        languages=["es"],
        stages=["image-analysis"],
    )
    client = client_for(verified_user)

    def names(query):
        page = client.get(URL + query).content.decode()
        return {name for name in ("Kenji Kenya", "Ana Spain") if name in page}

    assert names("") == {"Kenji Kenya", "Ana Spain"}
    assert names("?country=ES") == {"Ana Spain"}
    assert names("?language=sw") == {"Kenji Kenya"}
    assert names("?stage=image-analysis") == {"Ana Spain"}
    assert names("?tool=hashhound") == {"Kenji Kenya"}


def test_region_filter_uses_the_legislation_regions(client_for, verified_user):
    from legislation.models import Jurisdiction

    Jurisdiction.objects.get_or_create(code="KE", defaults={"name": "Kenya", "region": "africa"})
    Jurisdiction.objects.get_or_create(code="ES", defaults={"name": "Spain", "region": "europe"})
    ListedProfileFactory(user=UserFactory(verified=True, full_name="Kenji Kenya", country="KE"))
    ListedProfileFactory(user=UserFactory(verified=True, full_name="Ana Spain", country="ES"))
    page = client_for(verified_user).get(URL + "?region=africa").content.decode()
    assert "Kenji Kenya" in page
    assert "Ana Spain" not in page


@pytest.mark.parametrize("query", ["?country=ZZ", "?stage=nope", "?tool=%00", "?language=xx"])
def test_bad_filters_are_a_400_with_the_form_not_a_500(client_for, verified_user, query):
    response = client_for(verified_user).get(URL + query)
    assert response.status_code == 400


def test_courses_completed_and_taught_are_shown(client_for, verified_user):
    member = UserFactory(verified=True, full_name="Tom Trainer")
    ListedProfileFactory(user=member)
    EnrolmentFactory(
        user=member,
        session=SessionFactory(course__title="Hash matching basics"),
        status="completed",
        certificate_code="ABC123",
        completed_at=timezone.now(),
    )
    SessionFactory(course__title="Grooming chats triage", trainers=[member])
    page = client_for(verified_user).get(URL).content.decode()
    assert "Hash matching basics" in page
    assert "Grooming chats triage" in page


def test_members_who_blocked_the_viewer_are_not_shown_to_them(client_for, verified_user):
    blocker = ListedProfileFactory(user=UserFactory(verified=True, full_name="Bea Blocker"))
    services.member_block(blocker=blocker.user, blocked=verified_user)
    assert "Bea Blocker" not in client_for(verified_user).get(URL).content.decode()


def _listed_members(n):
    tools = [ToolFactory() for _ in range(2)]
    for _ in range(n):
        entry = ListedProfileFactory(stages=["prevention", "image-analysis"], tools=tools)
        SessionFactory(trainers=[entry.user])


def test_directory_query_count_does_not_grow_with_members(
    client_for, verified_user, django_assert_max_num_queries
):
    """Stages, capabilities, tools and courses of every entry are fetched per page, not per
    member: 3 entries and 15 entries cost the same number of queries."""
    client = client_for(verified_user)
    _listed_members(3)
    with django_assert_max_num_queries(16):
        assert client.get(URL).status_code == 200
    _listed_members(12)
    with django_assert_max_num_queries(16):
        assert client.get(URL).status_code == 200


def test_profile_page_saves_choices_through_the_service(client_for, verified_user):
    client = client_for(verified_user)
    assert client.get("/community/me/").status_code == 200
    response = client.post(
        "/community/me/",
        {
            "is_listed": "on",
            "name_display": "full",
            "languages": ["en"],
            "stages": [],
            "show_courses": "on",
            "digest_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    assert CommunityProfile.objects.listed().filter(user=verified_user).exists()


def test_profile_page_bad_choice_is_a_form_error(client_for, verified_user):
    response = client_for(verified_user).post(
        "/community/me/", {"name_display": "everything", "digest_frequency": "hourly"}
    )
    assert response.status_code == 400
    assert not CommunityProfile.objects.filter(user=verified_user).exists()


@pytest.mark.parametrize("kind", ["pending", "expired", "suspended"])
def test_profile_page_is_for_verified_members(kind, accounts, client_for):
    assert client_for(accounts[kind]).get("/community/me/").status_code in (302, 403)
