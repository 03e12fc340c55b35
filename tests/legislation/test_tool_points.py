"""The tool page's legal points: law on the tool's topics for the member's country."""

import pytest
from django.template import Context, Template

from catalogue.panels import BoundPanel, registered_panels
from tests.factories import UserFactory
from tests.legislation.factories import make_tool

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load catalogue_tags %}{% tool_panel panel %}")
PANEL = "legislation-legal-points"


def render(tool, user):
    """The legal-points panel as the catalogue's tool page renders it."""
    panel = {p.name: p for p in registered_panels()}[PANEL]
    context = panel.context_fn(tool=tool, user=user)
    bound = BoundPanel(name=panel.name, template=panel.template, context=context)
    return TEMPLATE.render(Context({"tool": tool, "user": user, "panel": bound}))


def test_the_panel_is_registered_on_the_tool_page():
    assert PANEL in [panel.name for panel in registered_panels()]


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


def test_the_tool_page_shows_the_legal_points(client, shipped):
    from django.utils import timezone

    tool = make_tool(capabilities=["age-estimation"])
    tool.status, tool.published_at = "published", timezone.now()
    tool.save()
    client.force_login(UserFactory(verified=True, country="GB"))
    page = client.get(tool.get_absolute_url()).text
    assert "The law on this tool" in page and "Online Safety Act 2023" in page
