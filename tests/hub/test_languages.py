"""Pages in six languages: English texts inside other-language pages say their language and
direction, with a small note; dates follow each language's own formats."""

import pytest
from django.urls import reverse

from tests.training.factories import CourseFactory


@pytest.mark.django_db
def test_english_course_inside_an_arabic_page_is_marked(client):
    course = CourseFactory(summary="Hash matching, step by step.", language="en")
    client.cookies["django_language"] = "ar"
    page = client.get(course.get_absolute_url()).content.decode()
    assert 'dir="rtl"' in page.split(">", 3)[1] or 'dir="rtl"' in page[:300]
    assert '<p class="course__summary" lang="en" dir="ltr">Hash matching' in page
    assert 'class="lang-note"' in page


@pytest.mark.django_db
def test_english_page_carries_no_extra_marking(client):
    course = CourseFactory(summary="Hash matching, step by step.", language="en")
    page = client.get(course.get_absolute_url()).content.decode()
    assert '<p class="course__summary">Hash matching' in page
    assert 'class="lang-note"' not in page


@pytest.mark.django_db
def test_registration_keeps_the_language_it_was_made_in(client):
    from hub.models import User

    client.cookies["django_language"] = "fr"
    client.post(
        reverse("hub:register"),
        {
            "full_name": "Amélie Exemple",
            "email": "amelie@police.test",
            "agency_name": "Unité exemple",
            "agency_kind": "police",
            "country": "FR",
            "role": "investigator",
            "password1": "long-enough-passphrase",
            "password2": "long-enough-passphrase",
        },
    )
    assert User.objects.get(email="amelie@police.test").preferred_language == "fr"


@pytest.mark.django_db
def test_sign_in_history_is_in_the_member_s_own_zone(client_for):
    """The security and profile pages show when each sign-in happened in the member's zone,
    named, not as an unlabelled UTC time."""
    from datetime import UTC, datetime

    from hub.models import SecurityEvent
    from tests.factories import UserFactory

    member = UserFactory(verified=True, time_zone="Asia/Tokyo")
    moment = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo
    SecurityEvent.objects.create(user=member, kind=SecurityEvent.Kind.SIGN_IN, created_at=moment)
    client = client_for(member)
    client.get(reverse("hub:profile"))  # the session is recorded on the first page seen
    profile = client.get(reverse("hub:profile")).content.decode()
    security = client.get(reverse("hub:security")).content.decode()
    assert "17:00 JST" in profile
    assert "JST" in security.split('id="sessions-heading"', 1)[1]
    assert "(UTC)" not in profile + security


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "separator", "arrow"), [("ar", "، ", "→"), ("zh-hans", "、", "←")]
)
def test_lists_and_back_links_follow_the_page_language(client, code, separator, arrow):
    """Items of a list are joined with the language's own comma, and a back link points the
    way the language reads back."""
    from django.apps import apps

    from catalogue import taxonomy
    from tests.catalogue.factories import ToolFactory
    from tests.training.factories import SessionFactory

    taxonomy.load(apps)
    tool = ToolFactory(capabilities=["hash-matching", "age-estimation"])
    session = SessionFactory()
    client.cookies["django_language"] = code
    tool_page = client.get(tool.get_absolute_url()).content.decode()
    assert "</a>" + separator + "<a" in tool_page.split("?capability=", 1)[1]
    session_page = client.get(session.get_absolute_url()).content.decode()
    assert f"{arrow} <span" in session_page
