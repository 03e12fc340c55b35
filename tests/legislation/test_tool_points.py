"""The tool page's legal points: law on the tool's topics for the member's country."""

import pytest
from django.template import Context, Template

from tests.factories import UserFactory
from tests.legislation.factories import make_tool

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% include "legislation/_tool_legal_points.html" %}')


def render(tool, user):
    return TEMPLATE.render(Context({"tool": tool, "user": user}))


def test_points_for_an_eu_member_include_eu_law(shipped, django_assert_max_num_queries):
    tool = make_tool(capabilities=["ai-media-detection", "grooming-detection"])
    member = UserFactory(verified=True, country="FR")
    # Bodies of the country, its ratifications, then the coverage: three queries.
    with django_assert_max_num_queries(3):
        html = render(tool, member)
    assert "EU Artificial Intelligence Act" in html  # AI-generated material, Art. 50(2)
    assert "Child Sexual Abuse Directive 2011/93/EU" in html  # grooming
    assert "Lanzarote Convention" not in html  # France's ratification is not recorded
    assert "Online Safety Act 2023" not in html  # UK law does not apply in France


def test_points_show_a_ratified_treaty_as_binding_with_its_date(shipped):
    from legislation.models import Instrument
    from tests.legislation.factories import ParticipationFactory, jurisdiction

    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="coe-lanzarote-convention"),
    )
    tool = make_tool(capabilities=["grooming-detection"])
    html = render(tool, UserFactory(verified=True, country="FR"))
    assert "Lanzarote Convention" in html and "binds it since 27 September 2011" in html


def test_points_for_the_uk(shipped):
    tool = make_tool(capabilities=["age-estimation"])
    html = render(tool, UserFactory(verified=True, country="GB"))
    assert "Online Safety Act 2023" in html  # age assurance
    assert "/legislation/jurisdictions/GB/" in html


def test_no_country_or_anonymous(shipped):
    from django.contrib.auth.models import AnonymousUser

    tool = make_tool(capabilities=["age-estimation"])
    assert "Add your country" in render(tool, UserFactory(country=""))
    assert "Sign in" in render(tool, AnonymousUser())


def test_nothing_recorded_is_not_said_to_be_no_law(shipped):
    tool = make_tool(capabilities=["case-management"])
    html = render(tool, UserFactory(verified=True, country="BR"))
    assert "not evidence that none exists" in html
