"""The Atom feeds pass the W3C feed validator's rules we can check here: every id is a full
IRI (a tag: URI that is the same on every deployment), the feed has an author, every entry has
an updated date, and one change is one entry, dated when it happened in law."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from legislation.models import Event

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4151: tag:<authority>,<date>:<specific>; an IRI scheme followed by its parts.
TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[^\s<>\"{}|\\^`]+$")


def parse(client, **params):
    response = client.get(reverse("legislation:feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.parametrize("params", [{}, {"jurisdiction": "GB"}, {"jurisdiction": "FR"}])
def test_feeds_are_valid_atom(client, shipped, params):
    feed = parse(client, **params)
    assert TAG.match(feed.find(f"{ATOM}id").text), feed.find(f"{ATOM}id").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}updated").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert TAG.match(entry.find(f"{ATOM}id").text)
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


def test_entry_ids_are_stable_tag_uris_from_the_setting(client, shipped, settings):
    settings.FEED_TAG_AUTHORITY = "hub.example.org,2027"
    feed = parse(client)
    event = Event.objects.recent().filter(date__lte=datetime.date.today()).first()
    assert feed.find(f"{ATOM}entry/{ATOM}id").text == (
        f"tag:hub.example.org,2027:legislation/event/{event.pk}"
    )
    assert feed.find(f"{ATOM}id").text == "tag:hub.example.org,2027:legislation/changes"


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC))
def test_a_fresh_install_does_not_open_with_entries_dated_the_install_day(client, shipped):
    feed = parse(client)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    assert not any("Added to the tracker" in e.find(f"{ATOM}title").text for e in entries)
    # Every entry is dated by the step in law, not by the load: none is dated today.
    assert not any(e.find(f"{ATOM}updated").text.startswith("2026-12-02") for e in entries)
    assert len(entries) == min(50, Event.objects.filter(date__lte="2026-12-02").count())


def test_a_treaty_consent_is_one_entry_in_the_states_feed(client, shipped):
    from legislation.models import Instrument
    from tests.legislation.factories import ParticipationFactory, jurisdiction

    consent = ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="coe-lanzarote-convention"),
        consent_kind="ratification",
        verified=False,
    )
    feed = parse(client, jurisdiction="FR")
    entries = {e.find(f"{ATOM}id").text: e for e in feed.findall(f"{ATOM}entry")}
    entry = entries[f"tag:globalhub.example,2026:legislation/participation/{consent.pk}"]
    assert entry.find(f"{ATOM}title").text == "France is bound by the Lanzarote Convention"
    assert entry.find(f"{ATOM}updated").text.startswith("2011-09-27")
    assert (
        "Ratification on 27 September 2011. Not yet verified" in entry.find(f"{ATOM}summary").text
    )
    # Another state's feed does not carry it.
    other = parse(client, jurisdiction="GB")
    assert not [
        e for e in other.findall(f"{ATOM}entry") if "participation" in e.find(f"{ATOM}id").text
    ]
