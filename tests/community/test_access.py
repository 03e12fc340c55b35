"""Every community page and action, tried by every kind of account. The portal has no
separate "left law enforcement" state: curators suspend such an account or let its
verification lapse, so ``suspended`` and ``expired`` cover it."""

import pytest

from community import services
from community.models import Block, ContactRequest, Follow
from tests.catalogue.factories import ToolFactory
from tests.community.factories import FieldReportFactory, ListedProfileFactory
from tests.factories import UserFactory


@pytest.fixture
def world(db):
    """A listed member who received a request from another, a tool with a report open to
    questions, a block and a follow: ids for every URL."""
    tool = ToolFactory(slug="hashhound")
    FieldReportFactory(tool=tool, open_to_questions=True)
    entry = ListedProfileFactory()
    sender = UserFactory(verified=True)
    contact = services.contact_request_create(sender=sender, recipient=entry.user, message="Hi")
    block = Block.objects.create(blocker=entry.user, blocked=UserFactory(verified=True))
    follow = Follow.objects.create(user=entry.user, kind="tool", object_id=tool.pk)
    return {"tool": tool, "entry": entry, "contact": contact, "block": block, "follow": follow}


def _pages(world):
    entry, contact, tool = world["entry"], world["contact"], world["tool"]
    return [
        ("get", "/community/", {}),
        ("get", "/community/me/", {}),
        ("post", "/community/me/", {"name_display": "full", "digest_frequency": "off"}),
        ("get", f"/community/members/{entry.pk}/connect/", {}),
        ("post", f"/community/members/{entry.pk}/connect/", {"message": "Hi"}),
        ("get", "/community/connections/", {}),
        ("post", f"/community/requests/{contact.pk}/answer/", {"answer": "accept"}),
        ("get", f"/community/requests/{contact.pk}/report/", {}),
        ("post", f"/community/requests/{contact.pk}/report/", {"note": "x"}),
        ("post", f"/community/requests/{contact.pk}/block/", {}),
        ("post", f"/community/blocks/{world['block'].pk}/unblock/", {}),
        ("get", f"/community/tools/{tool.slug}/report/", {}),
        ("get", f"/community/tools/{tool.slug}/ask/", {}),
        ("post", f"/community/tools/{tool.slug}/ask/", {"message": "Hi"}),
        ("post", "/community/follow/", {"kind": "tool", "object_id": tool.pk}),
        ("get", "/community/following/", {}),
        ("post", "/community/following/", {"follow": world["follow"].pk}),
    ]


def _snapshot():
    return (
        ContactRequest.objects.filter(status="pending").count(),
        ContactRequest.objects.count(),
        Block.objects.count(),
        Follow.objects.count(),
    )


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(client_for, world):
    before = _snapshot()
    client = client_for()
    for method, url, data in _pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
        assert response["X-Robots-Tag"].startswith("noindex"), url
    assert _snapshot() == before


@pytest.mark.parametrize(("kind", "status"), [("pending", 403), ("expired", 403)])
def test_unverified_members_are_told_why_everywhere(kind, status, accounts, client_for, world):
    before = _snapshot()
    client = client_for(accounts[kind])
    for method, url, data in _pages(world):
        assert getattr(client, method)(url, data).status_code == status, url
    assert _snapshot() == before


def test_suspended_accounts_are_signed_out_everywhere(accounts, client_for, world):
    before = _snapshot()
    client = client_for(accounts["suspended"])
    for method, url, data in _pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert _snapshot() == before


@pytest.mark.parametrize("kind", ["verified", "curator"])
def test_members_reach_every_page_and_cannot_touch_others_requests(
    kind, accounts, client_for, world
):
    """A member who is not party to the request gets 404 on its actions; every other page
    answers without an error."""
    client = client_for(accounts[kind])
    for method, url, data in _pages(world):
        response = getattr(client, method)(url, data)
        if (
            "/requests/" in url
            or "/blocks/" in url
            or (method == "post" and url == "/community/following/")
        ):
            assert response.status_code == 404, url
        else:
            assert response.status_code in (200, 302), (url, response.status_code)
    world["contact"].refresh_from_db()
    assert world["contact"].status == "pending"
    assert Block.objects.filter(pk=world["block"].pk).exists()
    assert Follow.objects.filter(pk=world["follow"].pk).exists()


def test_get_never_changes_anything(client_for, world):
    before = _snapshot()
    client = client_for(world["entry"].user)
    for method, url, _data in _pages(world):
        if method == "get":
            client.get(url)
    for url in (
        f"/community/requests/{world['contact'].pk}/answer/",
        f"/community/requests/{world['contact'].pk}/block/",
    ):
        assert client.get(url).status_code == 405
    assert _snapshot() == before
