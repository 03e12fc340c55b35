"""Each facet is defined once (``catalogue.facets``), and every reader agrees with it.

The list page counts facet values in one hand-assembled SQL statement for speed; these tests
check that each count it shows equals what the FilterSet (the path the export and any API
take) finds for that choice, for several combinations of chosen facets.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse

from catalogue import selectors
from catalogue.facets import FACET_NAMES, FACETS
from catalogue.filters import ToolFilter
from catalogue.models import Tool
from tests.catalogue.factories import ProviderFactory, ToolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(db):
    german = ProviderFactory(country="DE", kind="academia")
    ToolFactory(
        name="Alpha",
        stages=["prevention"],
        capabilities=["ocr", "triage"],
        deployment=["cloud"],
        open_source=True,
        independently_tested=True,
        exposure_safeguards=["blurring", "greyscale"],
    )
    ToolFactory(
        name="Beta",
        provider=german,
        stages=["image-analysis", "prevention"],
        capabilities=["hash-matching"],
        data_types=["images", "video"],
        deployment=["on-premises", "api"],
        languages=["de", "en"],
        cost_model="subscription",
        human_review_documented=True,
        exposure_safeguards=["de-duplication"],
    )
    ToolFactory(
        name="Gamma",
        provider=german,
        stages=["text-speech-analysis"],
        capabilities=["grooming-detection", "ocr"],
        phases=["prevention", "triage"],
        deployment=[],
        languages=[],
        cost_model="free-for-le",
    )
    ToolFactory(name="Hidden", stages=["prevention"], visibility="verified")
    ToolFactory(name="Draft", status=Tool.Status.DRAFT, published_at=None)


CHOSEN = [
    {},
    {"stage": ["prevention"]},
    {"stage": ["prevention", "image-analysis"], "deployment": ["cloud"]},
    {"capability": ["ocr"], "provider_country": ["DE"], "open_source": ["no"]},
    {"open_source": ["yes", "no"], "language": ["de"], "cost": ["subscription", "free"]},
    {"provider_kind": ["academia"], "data_type": ["images"], "phase": ["detection"]},
    {"independently_tested": ["yes"], "exposure": ["greyscale", "de-duplication"]},
    {"human_review": ["no"], "exposure": ["blurring"], "stage": ["prevention"]},
    {"independently_tested": ["yes", "no"], "human_review": ["yes"]},
]


@pytest.mark.parametrize("chosen", CHOSEN)
def test_list_counts_equal_what_the_filterset_finds(varied, chosen):
    params = QueryDict(mutable=True)
    for name, values in chosen.items():
        params.setlist(name, values)
    user = AnonymousUser()
    result = selectors.tool_list(params=params, user=user)
    terms = selectors.taxonomy_terms()
    filterset = ToolFilter(params, queryset=Tool.objects.visible_to(user), terms=terms)
    assert filterset.is_valid()
    assert result.count == filterset.queryset_without(filterset.queryset, None).count()
    shown = {facet.name: facet for facet in result.facets}
    for facet in FACETS:
        others = filterset.queryset_without(filterset.queryset, facet.name)
        for option in shown[facet.name].options:
            expected = others.filter(facet.q([option.value], terms=terms)).count()
            assert option.count == expected, (chosen, facet.name, option.value)


def test_the_filterset_and_the_page_read_the_registry(client):
    filterset = ToolFilter(QueryDict(), terms=selectors.taxonomy_terms())
    assert list(filterset.filters) == ["q", *FACET_NAMES, "sort"]
    text = client.get(reverse("catalogue:tool-list")).text
    for facet in FACETS:
        assert f'id="facet-{facet.name}"' in text
        assert str(facet.label) in text


def test_provider_countries_show_only_those_in_the_catalogue(client, varied):
    facet = {f.name: f for f in selectors.tool_list(params=QueryDict(), user=None).facets}
    countries = [option.value for option in facet["provider_country"].options]
    assert countries == ["FR", "DE"]  # France, Germany: ordered by name
    assert [o.count for o in facet["provider_country"].options] == [1, 2]
