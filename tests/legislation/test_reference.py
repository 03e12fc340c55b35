"""The reference data is whole: every UN member state, the bodies, memberships, topics,
criteria and the map."""

import json

import pytest
from django_countries import countries

from catalogue.models import Capability
from legislation import selectors
from legislation.loader import FIXTURES
from legislation.models import Criterion, Jurisdiction, Topic

pytestmark = pytest.mark.django_db


def fixture(name):
    return json.loads((FIXTURES / f"{name}.json").read_text())


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
    eu = {j["code"] for j in fixture("jurisdictions") if "EU" in j["member_of"]}
    assert set(Jurisdiction.objects.get(code="EU").members.values_list("code", flat=True)) == eu
    # The United Kingdom left the EU and stays in the Council of Europe; Russia left the latter.
    uk = Jurisdiction.objects.get(code="GB")
    assert set(uk.member_of.values_list("code", flat=True)) == {"COE", "UN"}
    assert not Jurisdiction.objects.get(code="RU").member_of.filter(code="COE").exists()


def test_topics_and_criteria():
    assert Topic.objects.count() == 22
    assert Criterion.objects.filter(framework="icmec").count() == 5
    assert Criterion.objects.filter(framework="portal").count() == 5
    # Every criterion knows the topics that carry it (the data checks compare the two).
    for criterion in Criterion.objects.prefetch_related("topics"):
        assert criterion.topics.exists(), criterion.slug


def test_topics_are_tied_to_catalogue_capabilities_that_exist():
    wanted = {slug for topic in fixture("topics") for slug in topic["capabilities"]}
    assert wanted <= set(Capability.objects.values_list("slug", flat=True))
    assert (
        Topic.objects.get(slug="ai-generated-material")
        .capabilities.filter(slug="ai-media-detection")
        .exists()
    )


def test_the_map_draws_every_un_member_state_once():
    shapes = selectors.map_shapes()
    codes = [s["iso"] for s in shapes["shapes"]] + [p["iso"] for p in shapes["points"]]
    members = {j["code"] for j in fixture("jurisdictions") if "UN" in j["member_of"]}
    assert len(codes) == len(set(codes))
    assert set(codes) == members


def test_reference_texts_are_translated_into_every_language():
    languages = ("ar", "es", "fr", "ru", "zh_hans")
    for kind, fields in (("topics", ("name", "description")), ("criteria", ("label", "text"))):
        for row in fixture(kind):
            for field in fields:
                if row[field]:
                    assert all(row.get(f"{field}_{lang}") for lang in languages), (kind, field)


def test_migrations_read_only_their_frozen_data():
    """A data migration loads its own frozen copy, never the live fixtures or modules."""
    from pathlib import Path

    migrations = Path(__file__).resolve().parents[2] / "legislation" / "migrations"
    for path in migrations.glob("0*.py"):
        text = path.read_text()
        assert "FIXTURES" not in text and "fixtures/" not in text, path.name
        for module in ("legislation.data", "legislation.reference", "legislation.models"):
            assert f"from {module}" not in text and f"import {module}" not in text, path.name
