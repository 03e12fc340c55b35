"""Topics and criteria in the visitor's language (django-modeltranslation columns filled by
migration 0010 and carried by the data files), English where a text is not translated, with
no query more than in English."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from legislation.loader import reference_data_load
from legislation.models import Criterion, Topic
from tests.legislation.test_matrix import MATRIX, full_matrix  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request activates its visitor's language in the thread and leaves it there: tests
    that come after these (views called without the middleware) expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def test_shipped_topics_and_criteria_are_translated():
    grooming = Topic.objects.get(slug="grooming")
    with translation.override("fr"):
        assert grooming.name == "Pédopiégeage"
    with translation.override("es"):
        assert grooming.name == "Grooming (ciberacoso sexual infantil)"
    with translation.override("ru"):
        assert Topic.objects.get(slug="csam-definition").name == (
            "Определение материалов сексуального насилия над детьми"
        )
    for row in [*Topic.objects.all(), *Criterion.objects.all()]:
        for code in ("ar", "es", "fr", "ru", "zh_hans"):
            field = "name" if isinstance(row, Topic) else "label"
            assert getattr(row, f"{field}_{code}"), (row.slug, code)


def test_an_untranslated_text_falls_back_to_english():
    Topic.objects.filter(slug="removal").update(name_ar=None)
    with translation.override("ar"):
        assert Topic.objects.get(slug="removal").name == "Removal"


def test_the_matrix_names_criteria_in_the_visitors_language(
    client,
    full_matrix,  # noqa: F811
    django_assert_max_num_queries,
):
    english = client.get(MATRIX).content.decode()
    assert ">Grooming</a>" in english
    with django_assert_max_num_queries(6):  # as many queries as in English
        french = in_language(client, "fr").get(MATRIX).content.decode()
    assert ">Pédopiégeage</a>" in french and ">Grooming</a>" not in french
    assert "Obligations de retrait" in french


def test_law_pages_name_topics_in_the_visitors_language(client):
    reference_data_load(research=False)
    url = reverse("legislation:instrument-detail", args=["eu-ai-act"])
    page = in_language(client, "zh-hans").get(url).content.decode()
    assert "人工智能生成内容的标识" in page
    page = in_language(client, "en").get(url).content.decode()
    assert "Labelling of AI-generated content" in page


def test_the_loader_keeps_translations_for_new_rows():
    """seed_demo's loader: a topic missing from the database comes back translated."""
    Topic.objects.filter(slug="blocking").delete()
    reference_data_load(research=False)
    blocking = Topic.objects.get(slug="blocking")
    assert (blocking.name_en, blocking.name_fr, blocking.name_zh_hans) == (
        "Blocking",
        "Blocage",
        "屏蔽",
    )


def test_the_loader_fills_a_missing_language_and_keeps_a_curators_wording():
    Topic.objects.filter(slug="removal").update(name_es=None, name_fr="Retrait des contenus")
    reference_data_load(research=False)
    removal = Topic.objects.get(slug="removal")
    assert (removal.name_es, removal.name_fr) == ("Retirada", "Retrait des contenus")
