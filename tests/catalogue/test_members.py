"""Shortlists and submissions: verified members only; others are signed in or told why."""

import csv
import io

import pytest
from django.urls import reverse

from catalogue.models import Shortlist, ShortlistItem, Tool
from tests.catalogue.factories import ShortlistFactory, ShortlistItemFactory, ToolFactory

pytestmark = pytest.mark.django_db


def restricted_urls(shortlist) -> list[str]:
    return [
        reverse("catalogue:shortlist-list"),
        reverse("catalogue:shortlist-detail", args=[shortlist.pk]),
        reverse("catalogue:shortlist-export", args=[shortlist.pk]),
        reverse("catalogue:tool-submit"),
        reverse("catalogue:submission-list"),
    ]


def test_member_pages_as_anonymous_pending_and_verified(client_for, pending_user, verified_user):
    shortlist = ShortlistFactory(owner=verified_user)
    for url in restricted_urls(shortlist):
        anonymous = client_for(None).get(url)
        assert anonymous.status_code == 302, url
        assert anonymous["Location"].startswith(reverse("hub:login")), url
        assert client_for(pending_user).get(url).status_code == 403, url
        assert client_for(verified_user).get(url).status_code == 200, url


def test_posts_are_refused_to_unverified(client_for, pending_user):
    tool = ToolFactory()
    for client in (client_for(None), client_for(pending_user)):
        client.post(reverse("catalogue:shortlist-add", args=[tool.slug]), {"new_name": "X"})
        client.post(reverse("catalogue:tool-submit"), {"name": "X"})
    assert not Shortlist.objects.exists()
    assert Tool.objects.count() == 1


def test_save_a_tool_to_a_new_shortlist_with_a_note(client_for, verified_user):
    tool = ToolFactory(name="HashHarbor")
    client = client_for(verified_user)
    page = client.get(reverse("catalogue:tool-detail", args=[tool.slug]))
    assert "Save to shortlist" in page.text
    response = client.post(
        reverse("catalogue:shortlist-add", args=[tool.slug]),
        {"new_name": "Pilot 2027", "note": "Ask for an air-gapped trial"},
        follow=True,
    )
    assert "is on your shortlist" in response.text
    item = ShortlistItem.objects.get()
    assert item.shortlist.owner == verified_user and item.shortlist.name == "Pilot 2027"
    assert item.note == "Ask for an air-gapped trial"
    # Saving again to the same list keeps one item and updates the note.
    client.post(
        reverse("catalogue:shortlist-add", args=[tool.slug]),
        {"shortlist": item.shortlist.pk, "note": "Trial agreed"},
    )
    assert ShortlistItem.objects.get().note == "Trial agreed"


def test_shortlist_page_edit_remove_export(client_for, verified_user):
    item = ShortlistItemFactory(shortlist__owner=verified_user, tool__name="=HYPERLINK(1)")
    client = client_for(verified_user)
    detail = client.get(reverse("catalogue:shortlist-detail", args=[item.shortlist.pk]))
    assert "Worth a pilot" in detail.text
    client.post(reverse("catalogue:shortlist-item-update", args=[item.pk]), {"note": "Changed"})
    item.refresh_from_db()
    assert item.note == "Changed"
    export = client.get(reverse("catalogue:shortlist-export", args=[item.shortlist.pk]))
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:4] == ["tool", "provider", "summary", "note"]
    assert rows[1][0] == "'=HYPERLINK(1)"  # spreadsheet formulas are defused
    assert rows[1][3] == "Changed"
    client.post(reverse("catalogue:shortlist-item-update", args=[item.pk]), {"remove": "1"})
    assert not ShortlistItem.objects.exists()
    client.post(reverse("catalogue:shortlist-delete", args=[item.shortlist.pk]))
    assert not Shortlist.objects.exists()


def test_shortlists_are_private(client_for, verified_user):
    other = ShortlistItemFactory()  # someone else's
    client = client_for(verified_user)
    assert (
        client.get(reverse("catalogue:shortlist-detail", args=[other.shortlist.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("catalogue:shortlist-export", args=[other.shortlist.pk])).status_code
        == 404
    )
    client.post(reverse("catalogue:shortlist-item-update", args=[other.pk]), {"remove": "1"})
    assert ShortlistItem.objects.filter(pk=other.pk).exists()


def test_create_shortlist_with_duplicate_name(client_for, verified_user):
    ShortlistFactory(owner=verified_user, name="Mine")
    response = client_for(verified_user).post(reverse("catalogue:shortlist-list"), {"name": "mine"})
    assert response.status_code == 200 and "already have a shortlist" in response.text


def test_submit_a_tool_enters_review_and_tells_curators(
    client_for, verified_user, mailoutbox, django_capture_on_commit_callbacks
):
    from catalogue.models import Capability, Stage

    client = client_for(verified_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("catalogue:tool-submit"),
            {
                "name": "Sextortion Signal",
                "provider_name": "Safer Net Ltd",
                "provider_kind": "company",
                "provider_country": "GB",
                "website": "https://example.org",
                "summary": "Flags sextortion scripts in chats.",
                "description": "Longer text.",
                "stages": [Stage.objects.get(slug="text-speech-analysis").pk],
                "capabilities": [Capability.objects.get(slug="grooming-detection").pk],
                "deployment": ["cloud"],
                "cost_model": "subscription",
                "languages": ["en", "es"],
                "contact": "sales@example.org",
            },
            follow=True,
        )
    assert "is now in review" in response.text
    tool = Tool.objects.get(name="Sextortion Signal")
    assert tool.status == Tool.Status.IN_REVIEW and tool.submitted_by == verified_user
    assert tool.provider.name == "Safer Net Ltd" and tool.keywords
    assert "In review" in client.get(reverse("catalogue:submission-list")).text
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["curators@globalhub.test"]
    assert "Sextortion Signal" in mailoutbox[0].subject
    # Not in the public catalogue until a curator publishes it.
    assert "Sextortion Signal" not in client_for(None).get(reverse("catalogue:tool-list")).text


def test_submission_form_errors_are_shown(client_for, verified_user):
    response = client_for(verified_user).post(reverse("catalogue:tool-submit"), {"name": ""})
    assert response.status_code == 200
    assert "This field is required" in response.text
