"""Follows and the digest: one email per member at the chosen frequency, listing what
changed in what they follow; nothing sent when nothing changed; safe to run twice; one-click
unfollow without signing in. Retired tools point to their successor."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from catalogue import services as catalogue_services
from catalogue.models import Stage, Tool
from community import services, tasks
from community.models import CommunityProfile, DigestLog, Follow
from legislation.models import Jurisdiction
from tests.catalogue.factories import ToolFactory
from tests.community.factories import FieldReportFactory
from tests.factories import UserFactory
from tests.legislation.factories import EventFactory, InstrumentFactory
from tests.training.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

T0 = timezone.datetime(2026, 3, 2, 6, 0, tzinfo=timezone.UTC)


@pytest.fixture
def member(db):
    with time_machine.travel(T0 - timedelta(days=30), tick=False):
        user = UserFactory(verified=True, email="follower@police.test")
    return user


def _follow(user, kind, obj):
    return services.follow_add(user=user, kind=kind, object_id=obj.pk)


def test_weekly_digest_lists_what_changed_for_a_stage_and_a_country(member, mailoutbox, on_commit):
    image_analysis = Stage.objects.get(slug="image-analysis")
    france = Jurisdiction.objects.get(code="FR")
    with time_machine.travel(T0, tick=False):
        _follow(member, Follow.Kind.STAGE, image_analysis)
        _follow(member, Follow.Kind.JURISDICTION, france)
        with on_commit():
            call_command("send_digests")  # the first week: nothing has changed yet
    assert mailoutbox == []
    assert DigestLog.objects.get().sent is False

    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        ToolFactory(name="Frame Finder", stages=["image-analysis"])
        ToolFactory(name="Chat Watch", stages=["text-speech-analysis"])
        french_law = InstrumentFactory(jurisdiction=france, short_title="Loi numérique")
        EventFactory(instrument=french_law, title="Adopted by the Senate")
        EventFactory(instrument=InstrumentFactory(), title="A British step")

    with time_machine.travel(T0 + timedelta(days=6), tick=False), on_commit():
        call_command("send_digests")  # not due yet: a week has not passed
    assert mailoutbox == []

    with time_machine.travel(T0 + timedelta(days=7), tick=False), on_commit():
        call_command("send_digests")
    assert len(mailoutbox) == 1
    digest = mailoutbox[0]
    assert digest.to == ["follower@police.test"]
    assert "Frame Finder" in digest.body
    assert "Loi numérique: Adopted by the Senate" in digest.body
    assert "Chat Watch" not in digest.body
    assert "A British step" not in digest.body
    assert "/community/unfollow/" in digest.body

    # Running again sends nothing new.
    with time_machine.travel(T0 + timedelta(days=7, hours=1), tick=False), on_commit():
        call_command("send_digests")
    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_nothing_changed_and_off_means_off(member, mailoutbox, on_commit):
    tool = ToolFactory()
    with time_machine.travel(T0, tick=False):
        _follow(member, Follow.Kind.TOOL, tool)
        with on_commit():
            counts = services.digest_send_due()
    assert counts == {"sent": 0, "empty": 1}
    CommunityProfile.objects.filter(user=member).update(digest_frequency="off")
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        ToolFactory(name="Unseen", stages=["image-analysis"])
        _follow(member, Follow.Kind.STAGE, Stage.objects.get(slug="image-analysis"))
        with on_commit():
            assert services.digest_send_due() == {"sent": 0, "empty": 0}
    assert mailoutbox == []


def test_daily_digest_tells_of_a_retirement_with_its_successor_and_new_sessions(
    member, mailoutbox, on_commit
):
    with time_machine.travel(T0 - timedelta(days=10), tick=False):
        old = ToolFactory(name="Old Hasher")
        new = ToolFactory(name="New Hasher")
        course = CourseFactory(title="Hashing in practice")
        course.tools.add(old)
    CommunityProfile.objects.create(user=member, digest_frequency="daily")
    with time_machine.travel(T0, tick=False):
        _follow(member, Follow.Kind.TOOL, old)
        _follow(member, Follow.Kind.COURSE, course)
        services.digest_send_due()
    with time_machine.travel(T0 + timedelta(hours=5), tick=False):
        catalogue_services.tool_retire(tool=old, successor=new)
        SessionFactory(course=course, starts_at=T0 + timedelta(days=20))
        FieldReportFactory(tool=old)
    with time_machine.travel(T0 + timedelta(days=1), tick=False), on_commit():
        tasks.send_digests.enqueue()
    body = mailoutbox[-1].body
    assert "Old Hasher" in body
    assert "successor: New Hasher" in body
    assert "Hashing in practice" in body
    assert "1 new report" in body


def test_unfollow_link_works_without_signing_in_and_rejects_tampering(client_for, member):
    follow = _follow(member, Follow.Kind.TOOL, ToolFactory(name="Followed Tool"))
    token = services.unfollow_token(follow)
    anonymous = client_for()
    page = anonymous.get(f"/community/unfollow/{token}/")
    assert page.status_code == 200
    assert "Followed Tool" in page.content.decode()
    assert page["X-Robots-Tag"].startswith("noindex")
    assert Follow.objects.filter(pk=follow.pk).exists()  # reading the page changes nothing
    assert anonymous.post(f"/community/unfollow/{token}x/").status_code == 404
    assert anonymous.get("/community/unfollow/garbage/").status_code == 404
    assert anonymous.post(f"/community/unfollow/{token}/").status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert anonymous.post(f"/community/unfollow/{token}/").status_code == 404


def test_follow_from_the_tool_page_and_unfollow_from_the_list(client_for, verified_user):
    tool = ToolFactory()
    client = client_for(verified_user)
    response = client.post(
        "/community/follow/",
        {"kind": "tool", "object_id": tool.pk, "next": tool.get_absolute_url()},
    )
    assert response.status_code == 302
    assert response["Location"] == tool.get_absolute_url()
    follow = Follow.objects.get(user=verified_user)
    assert "You follow this tool" in client.get(tool.get_absolute_url()).content.decode()
    assert tool.name in client.get("/community/following/").content.decode()
    assert client.post("/community/following/", {"follow": follow.pk}).status_code == 302
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "tool", "object_id": "999999"},
        {"kind": "planet", "object_id": "1"},
        {"kind": "tool", "object_id": "abc"},
        {"kind": "tool", "next": "https://evil.example/"},
    ],
)
def test_bad_follow_input_is_a_400(client_for, verified_user, data):
    assert client_for(verified_user).post("/community/follow/", data).status_code == 400
    assert not Follow.objects.exists()


def test_follow_redirect_refuses_other_hosts(client_for, verified_user):
    tool = ToolFactory()
    response = client_for(verified_user).post(
        "/community/follow/",
        {"kind": "tool", "object_id": tool.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/community/following/"


def test_others_follows_cannot_be_removed(client_for, verified_user, member):
    follow = _follow(member, Follow.Kind.TOOL, ToolFactory())
    client = client_for(verified_user)
    assert client.post("/community/following/", {"follow": follow.pk}).status_code == 404
    assert client.post("/community/following/", {"follow": "x"}).status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_draft_tools_cannot_be_followed(verified_user):
    with pytest.raises(ValidationError):
        _follow(verified_user, Follow.Kind.TOOL, ToolFactory(status="draft", published_at=None))


@pytest.mark.parametrize("kind", ["pending", "expired", "suspended"])
def test_following_is_for_verified_members(kind, accounts, client_for):
    tool = ToolFactory()
    client = client_for(accounts[kind])
    assert client.post(
        "/community/follow/", {"kind": "tool", "object_id": tool.pk}
    ).status_code in (
        302,
        403,
    )
    assert client.get("/community/following/").status_code in (302, 403)
    assert not Follow.objects.exists()


def test_lapsed_members_get_no_digest(member, mailoutbox, on_commit):
    with time_machine.travel(T0, tick=False):
        _follow(member, Follow.Kind.STAGE, Stage.objects.get(slug="image-analysis"))
    with time_machine.travel(T0 + timedelta(days=400), tick=False), on_commit():
        ToolFactory(stages=["image-analysis"])
        assert services.digest_send_due() == {"sent": 0, "empty": 0}
    assert mailoutbox == []


# Retired tools and their successor ----------------------------------------------------------


def test_retired_tool_page_points_to_its_successor_and_the_list_hides_it(client_for):
    old = ToolFactory(name="Old Hasher", slug="old-hasher")
    new = ToolFactory(name="New Hasher", slug="new-hasher")
    catalogue_services.tool_retire(tool=old, successor=new)
    old.refresh_from_db()
    assert old.status == Tool.Status.RETIRED
    assert old.retired_at is not None
    page = client_for().get("/tools/old-hasher/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "This tool is retired" in content
    assert "Its successor is New Hasher." in content
    assert 'href="/tools/new-hasher/"' in content
    listing = client_for().get("/tools/").content.decode()
    assert "New Hasher" in listing
    assert "Old Hasher" not in listing


def test_successor_must_be_another_published_tool():
    tool = ToolFactory()
    with pytest.raises(ValidationError):
        catalogue_services.tool_retire(tool=tool, successor=tool)
    with pytest.raises(ValidationError):
        catalogue_services.tool_retire(
            tool=tool, successor=ToolFactory(status="draft", published_at=None)
        )


def test_republishing_a_retired_tool_clears_its_successor():
    old, new = ToolFactory(), ToolFactory()
    catalogue_services.tool_retire(tool=old, successor=new)
    catalogue_services.tool_set_status(tool=old, status=Tool.Status.IN_REVIEW)
    old.refresh_from_db()
    assert old.successor is None
    assert old.retired_at is None
