"""The taxonomy in the visitor's language: stage, capability, data-type and phase names read
their language's column (django-modeltranslation), English where a name is not translated;
the list page and the taxonomy are cached per language; the list search reads the names of
every language."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from catalogue import taxonomy
from catalogue.models import Capability, Stage
from catalogue.selectors import taxonomy_terms
from tests.catalogue.factories import ToolFactory
from tests.conftest import use_second_factor

pytestmark = pytest.mark.django_db
LIST = reverse("catalogue:tool-list")
LANGUAGES = ("ar", "es", "fr", "ru", "zh_hans")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request activates its visitor's language in the thread and leaves it there: tests
    that come after these (views called without the middleware) expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def test_every_shipped_term_is_translated_by_the_migration():
    for model_name in taxonomy.MODELS.values():
        for term in Capability._meta.apps.get_model("catalogue", model_name).objects.all():
            assert term.name_en, term.slug
            for code in LANGUAGES:
                assert getattr(term, f"name_{code}"), (term.slug, code)
                if term.description_en:
                    assert getattr(term, f"description_{code}"), (term.slug, code)


def test_the_fixture_carries_the_same_translations():
    """seed_demo and ``loaddata`` restore what the migration wrote."""
    entries = json.loads(taxonomy.FIXTURE.read_text(encoding="utf-8"))
    prevention = next(e for e in entries if e["model"] == "catalogue.stage")["fields"]
    assert prevention["name_fr"] == Stage.objects.get(slug="prevention").name_fr == "Prévention"
    for entry in entries:
        assert all(entry["fields"].get(f"name_{code}") for code in LANGUAGES), entry


def test_a_name_reads_the_active_language_and_falls_back_to_english():
    stage = Stage.objects.get(slug="image-analysis")
    with translation.override("fr"):
        assert stage.name == "Analyse d'images"
    with translation.override("zh-hans"):
        assert stage.name == "图像分析"
    Stage.objects.filter(pk=stage.pk).update(name_ru=None)
    stage.refresh_from_db()
    with translation.override("ru"):
        assert stage.name == "Image analysis"


def test_the_list_page_shows_stage_names_in_the_visitors_language(client):
    ToolFactory(stages=["image-analysis"], capabilities=["age-estimation"])
    english = client.get(LIST).content.decode()
    assert "Image analysis" in english and "Analyse d&#x27;images" not in english
    # Same query string, same catalogue version: the cached English page must not be served.
    french = in_language(client, "fr").get(LIST).content.decode()
    assert "Analyse d&#x27;images" in french and "Estimation de l&#x27;âge" in french
    assert ">Image analysis<" not in french
    back = in_language(client, "en").get(LIST).content.decode()
    assert "Image analysis" in back


def test_the_tool_page_shows_terms_in_the_visitors_language(client):
    tool = ToolFactory(stages=["text-speech-analysis"], capabilities=["grooming-detection"])
    url = reverse("catalogue:tool-detail", args=[tool.slug])
    assert "Text &amp; speech analysis" in client.get(url).content.decode()
    page = in_language(client, "es").get(url).content.decode()
    assert "Análisis de texto y voz" in page and "Detección de grooming en chats" in page


def test_the_cached_taxonomy_is_kept_per_language():
    with translation.override("en"):
        assert taxonomy_terms()["phase"][-1].name == "Victim support"
    with translation.override("fr"):
        assert taxonomy_terms()["phase"][-1].name == "Aide aux victimes"
        assert taxonomy_terms()["phase"][-1].english == "Victim support"


def test_a_curators_new_translation_shows_at_once(client):
    """Saving a term bumps the catalogue's version, so cached lists show the new name."""
    ToolFactory(stages=["prevention"])
    in_language(client, "fr").get(LIST)
    stage = Stage.objects.get(slug="prevention")
    stage.name_fr = "Prévention des abus"
    stage.save()
    assert "Prévention des abus" in client.get(LIST).content.decode()


def test_search_finds_tools_by_term_names_in_other_languages(client):
    hashing = ToolFactory(name="Alpha", capabilities=["hash-matching"], data_types=["images"])
    geo = ToolFactory(name="Beta", capabilities=["geolocation"], data_types=["video"])
    cases = [
        ("fr", "Détection des médias générés par l'IA", None),
        ("zh-hans", "哈希匹配", hashing),
        ("es", "geolocalización", geo),
        ("ru", "Сопоставление хешей", hashing),
        ("ar", "تحديد الموقع الجغرافي", geo),
        # A French name searched from the English interface too.
        ("en", "géolocalisation", geo),
    ]
    for code, words, expected in cases:
        page = in_language(client, code).get(LIST, {"q": words}).content.decode()
        if expected is None:
            assert "Alpha" not in page and "Beta" not in page, (code, words)
            continue
        other = geo if expected is hashing else hashing
        assert expected.name in page, (code, words)
        assert f">{other.name}<" not in page, (code, words)


def test_the_search_says_which_term_a_translated_name_stands_for(client):
    ToolFactory(name="Alpha", capabilities=["hash-matching"])
    page = in_language(client, "fr").get(LIST, {"q": "哈希匹配"}).content.decode()
    assert "Correspondance d&#x27;empreintes (hachage)" in page


def test_curators_edit_translations_on_tabs(client, curator):
    curator.is_superuser = True
    curator.save()
    client.force_login(curator)
    use_second_factor(client, curator)
    stage = Stage.objects.get(slug="prevention")
    page = client.get(reverse("admin:catalogue_stage_change", args=[stage.pk])).content.decode()
    for code in ("en", *LANGUAGES):
        assert f'name="name_{code}"' in page
    # The tabs' script is served by the portal itself, never fetched from another host.
    assert "vendor/jquery-ui/jquery-ui.min.js" in page
    assert "googleapis" not in page


def test_curators_find_a_term_by_its_name_in_any_language(client, curator):
    curator.is_superuser = True
    curator.save()
    client.force_login(curator)
    use_second_factor(client, curator)
    response = client.get(reverse("admin:catalogue_capability_changelist"), {"q": "哈希"})
    assert response.status_code == 200
    assert [t.slug for t in response.context["cl"].result_list] == ["hash-matching"]


def test_pages_in_another_language_cost_no_more_queries(client):
    """The translations are columns of the terms' rows: no join and no query per language."""
    from catalogue.selectors import facet_index
    from tests.catalogue.test_query_growth import COMPARE, count_queries

    main = ToolFactory(capabilities=["ocr", "hash-matching"], stages=["image-analysis"])
    other = ToolFactory(capabilities=["geolocation"])
    pages = [
        (LIST, {}),
        (LIST, {"q": "hash matching", "stage": "image-analysis"}),
        (main.get_absolute_url(), {}),
        (COMPARE, {"tools": f"{main.slug},{other.slug}"}),
    ]
    facet_index.current()  # built once after the tools above were written, in any language
    english = [count_queries(in_language(client, "en"), url, p) for url, p in pages]
    for code in ("fr", "zh-hans", "ar"):
        assert [count_queries(in_language(client, code), url, p) for url, p in pages] == english
