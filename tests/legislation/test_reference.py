"""The reference data is whole: every UN member state, the bodies, memberships, topics,
criteria and the map."""

import pytest
from django_countries import countries

from catalogue.models import Capability
from legislation import selectors
from legislation.models import Criterion, Jurisdiction, Topic
from legislation.reference import EU_MEMBERS, TOPIC_CAPABILITIES, UN_MEMBER_STATES

pytestmark = pytest.mark.django_db


def test_all_193_un_member_states_and_three_bodies_exist():
    assert Jurisdiction.objects.states().count() == 193
    assert set(Jurisdiction.objects.supranational().values_list("code", flat=True)) == {
        "EU",
        "COE",
        "UN",
    }
    for state in Jurisdiction.objects.states():
        assert state.code in countries, state.code
        assert state.region in {"africa", "americas", "asia", "europe", "oceania"}


def test_memberships():
    assert Jurisdiction.objects.get(code="EU").members.count() == 27
    assert Jurisdiction.objects.get(code="COE").members.count() == 46
    assert Jurisdiction.objects.get(code="UN").members.count() == 193
    assert set(Jurisdiction.objects.get(code="EU").members.values_list("code", flat=True)) == set(
        EU_MEMBERS
    )
    # The United Kingdom left the EU and stays in the Council of Europe; Russia left the latter.
    uk = Jurisdiction.objects.get(code="GB")
    assert set(uk.member_of.values_list("code", flat=True)) == {"COE", "UN"}
    assert not Jurisdiction.objects.get(code="RU").member_of.filter(code="COE").exists()


def test_topics_and_criteria():
    assert Topic.objects.count() == 22
    assert Criterion.objects.filter(framework="icmec").count() == 5
    assert Criterion.objects.filter(framework="portal").count() == 5


def test_topics_are_tied_to_catalogue_capabilities_that_exist():
    wanted = {slug for slugs in TOPIC_CAPABILITIES.values() for slug in slugs}
    assert wanted <= set(Capability.objects.values_list("slug", flat=True))
    assert (
        Topic.objects.get(slug="ai-generated-material")
        .capabilities.filter(slug="ai-media-detection")
        .exists()
    )


def test_the_map_draws_every_un_member_state_once():
    shapes = selectors.map_shapes()
    codes = [s["iso"] for s in shapes["shapes"]] + [p["iso"] for p in shapes["points"]]
    members = {code for codes in UN_MEMBER_STATES.values() for code in codes}
    assert len(codes) == len(set(codes))
    assert set(codes) == members


def test_reference_texts_are_marked_for_translation():
    from legislation.messages import MESSAGES
    from legislation.reference import CRITERIA, TOPICS

    texts = {t for _slug, name, desc in TOPICS for t in (name, desc)}
    texts |= {t for _fw, _slug, label, text in CRITERIA for t in (label, text)}
    assert texts <= set(MESSAGES)
