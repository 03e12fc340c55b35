"""The case finder (/tools/finder/): reading words into terms, ranking with reasons and
gaps, the chips the user corrects, privacy of the case text, access, query counts."""

import io
import logging
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.finder import reading
from catalogue.models import Shortlist, VocabularyEntry
from tests.catalogue.factories import ShortlistFactory, ToolFactory
from tests.conftest import use_second_factor

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:finder")
CASE_1 = "2 TB of seized images, need to find new victims and skip known material"
CASE_2 = "chat logs in Spanish from a grooming case"
CASE_3 = "a suspected AI-generated image"


def names(response) -> list[str]:
    return re.findall(r'class="tool-card__title"><a href="[^"]+">([^<]+)<', response.text)


def chips(response) -> list[str]:
    return re.findall(r'name="term" value="([^"]+)" checked', response.text)


@pytest.fixture
def tools(db):
    return {
        "hash": ToolFactory(
            name="HashHarbor",
            capabilities=["hash-matching"],
            data_types=["images", "hash-lists"],
            deployment=["on-premises"],
        ),
        "age": ToolFactory(
            name="AgeLens",
            capabilities=["age-estimation"],
            data_types=["images"],
            phases=["identification"],
            deployment=["cloud"],
        ),
        "groom": ToolFactory(
            name="GroomGuard",
            stages=["text-speech-analysis"],
            capabilities=["grooming-detection"],
            data_types=["chat-text"],
            languages=["en", "es"],
        ),
        "groom_en": ToolFactory(
            name="ChatWatch",
            stages=["text-speech-analysis"],
            capabilities=["grooming-detection"],
            data_types=["chat-text"],
            languages=["en"],
        ),
        "synth": ToolFactory(
            name="SynthSpotter", capabilities=["ai-media-detection"], data_types=["images"]
        ),
        "speech": ToolFactory(
            name="Audio Scribe",
            stages=["text-speech-analysis"],
            capabilities=["speech-to-text"],
            data_types=["audio"],
            languages=["en"],
            deployment=["cloud"],
        ),
        "hidden": ToolFactory(
            name="Restricted Hasher", capabilities=["hash-matching"], visibility="verified"
        ),
    }


# Reading the words ---------------------------------------------------------------------------


def needs_of(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for need in reading.read(text=text).needs:
        found.setdefault(need.kind, set()).update(need.values)
    return found


def test_the_three_cases_are_read_into_the_catalogues_terms():
    first = needs_of(CASE_1)
    assert {"hash-matching", "face-matching", "age-estimation"} <= first["capability"]
    assert first["data_type"] == {"images"}
    assert needs_of(CASE_2) == {
        "capability": {"grooming-detection"},
        "data_type": {"chat-text"},
        "language": {"es"},
    }
    assert needs_of(CASE_3) == {"capability": {"ai-media-detection"}, "data_type": {"images"}}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("victim identfication", "capability", "face-matching"),  # misspelt
        ("sextorsion", "capability", "grooming-detection"),
        ("knownfile", "capability", "hash-matching"),  # glued
        ("transcription needed", "capability", "speech-to-text"),
        ("must run offline", "deployment", "on-premises"),
        ("in tagalog", "language", "tl"),
        ("images saisies, nouvelles victimes", "capability", "face-matching"),
        ("переписка с признаками груминга", "capability", "grooming-detection"),
        ("怀疑是AI生成的图片", "capability", "ai-media-detection"),
        ("محادثات استدراج", "capability", "grooming-detection"),
        ("¿imagen generada por IA?", "capability", "ai-media-detection"),
    ],
)
def test_words_in_six_languages_and_misspellings_are_understood(text, kind, value):
    assert value in needs_of(text).get(kind, set())


def test_the_same_words_always_give_the_same_reading():
    first = reading.read(text=CASE_1)
    again = reading.read(text=CASE_1)
    assert [(n.kind, n.values) for n in first.needs] == [(n.kind, n.values) for n in again.needs]


def test_a_longer_phrase_wins_over_the_words_inside_it():
    # "no cloud" means on-premises; "cloud" alone inside it must not ask for the cloud.
    assert needs_of("no cloud please") == {"deployment": {"on-premises"}}


def test_the_starting_vocabulary_is_loaded_in_six_languages():
    assert VocabularyEntry.objects.values("phrase").distinct().count() >= 300
    languages = set(VocabularyEntry.objects.values_list("language", flat=True))
    assert languages == {"en", "fr", "es", "ru", "zh", "ar"}


def test_seed_demo_loads_the_vocabulary_again_without_duplicates():
    before = VocabularyEntry.objects.count()
    VocabularyEntry.objects.filter(phrase="deepfake").delete()
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert VocabularyEntry.objects.count() == before


def test_a_curators_new_phrase_is_used_at_once(client, curator, tools):
    client.force_login(curator)
    use_second_factor(client, curator)  # the admin needs a second factor
    response = client.post(
        reverse("admin:catalogue_vocabularyentry_add"),
        {"phrase": "  Pixel  Hunter ", "language": "en", "kind": "capability", "term": "ocr"},
    )
    assert response.status_code == 302
    assert VocabularyEntry.objects.filter(phrase="pixel hunter", term="ocr").exists()
    assert "ocr" in needs_of("a pixel hunter")["capability"]


def test_the_admin_refuses_a_term_the_catalogue_does_not_have(client, curator):
    client.force_login(curator)
    use_second_factor(client, curator)  # the admin needs a second factor
    response = client.post(
        reverse("admin:catalogue_vocabularyentry_add"),
        {"phrase": "mind reading", "language": "en", "kind": "capability", "term": "telepathy"},
    )
    assert response.status_code == 200
    assert "is not a Capability in the catalogue" in response.text
    assert not VocabularyEntry.objects.filter(phrase="mind reading").exists()


# The page ---------------------------------------------------------------------------------------


def test_anyone_sees_the_form_and_how_it_works(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="case"' in response.text
    assert "Nothing you write here is kept." in response.text
    assert "not an AI model" in response.text


def test_results_are_ranked_with_reasons_and_links(client, tools):
    response = client.post(URL, {"case": CASE_2})
    assert response.status_code == 200
    assert names(response)[:2] == ["GroomGuard", "ChatWatch"]
    assert "Chat &amp; grooming detection, Chat and text messages, Spanish" in response.text
    assert "not stated:</strong> Spanish" in response.text
    assert f'href="{tools["groom"].get_absolute_url()}"' in response.text
    assert set(chips(response)) == {
        "capability:grooming-detection",
        "data_type:chat-text",
        "language:es",
    }


def test_two_tasks_both_reach_the_first_results(client, tools):
    response = client.post(URL, {"case": CASE_1})
    top = names(response)[:2]
    assert "HashHarbor" in top and "AgeLens" in top


def test_gaps_are_stated_plainly(client, tools):
    response = client.post(URL, {"case": "transcribe voice notes in Tagalog on-premises"})
    assert names(response)[0] == "Audio Scribe"
    assert "No tool in the catalogue offers “Speech-to-text” for “Tagalog”." in response.text
    assert "No tool in the catalogue offers “Speech-to-text” for “On-premises”." in response.text


def test_guided_choices_alone_find_tools(client, tools):
    response = client.post(URL, {"case": "", "task": ["ai-generated"], "material": ["images"]})
    assert names(response)[0] == "SynthSpotter"


def test_a_removed_chip_stays_removed_when_the_words_are_read_again(client, tools):
    shown = ["capability:grooming-detection", "data_type:chat-text", "language:es"]
    response = client.post(
        URL,
        {"case": CASE_2, "shown": shown, "term": shown[:2]},
    )
    assert "language:es" not in chips(response)
    assert 'value="language:es">' in response.text  # still offered, unticked
    assert "Spanish" not in response.text.split("finder-results")[1].split("</ol>")[0]


def test_links_to_compare_list_and_a_shareable_reading(client, tools):
    response = client.post(URL, {"case": CASE_2})
    compare = re.search(r'href="(/tools/compare/\?[^"]+)"', response.text).group(1)
    assert "tools=groomguard" in compare.lower().replace(tools["groom"].slug, "groomguard")
    listing = re.search(r'href="(/tools/\?[^"]+)"', response.text).group(1)
    assert "capability=grooming-detection" in listing and "language=es" in listing
    listed = client.get(listing.replace("&amp;", "&"))
    assert "GroomGuard" in listed.text
    shared = re.search(r'href="(/tools/finder/\?[^"]+)"', response.text).group(1)
    again = client.get(shared.replace("&amp;", "&"))
    assert names(again)[0] == "GroomGuard"


def test_visitors_see_public_tools_only_and_members_see_all(
    client, client_for, tools, verified_user
):
    assert "Restricted Hasher" not in names(client.post(URL, {"case": "known material"}))
    member = client_for(verified_user)
    assert "Restricted Hasher" in names(member.post(URL, {"case": "known material"}))


def test_too_long_or_broken_input_is_a_form_error(client):
    response = client.post(URL, {"case": "x" * 2001})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.text
    assert client.post(URL, {"case": "images\x00"}).status_code == 400
    assert client.post(URL, {"case": "images", "lang": ["xx"]}).status_code == 400


def test_the_reading_partial_updates_without_storing(client, tools):
    response = client.post(reverse("catalogue:finder-reading"), {"case": CASE_3})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert set(chips(response)) == {"capability:ai-media-detection", "data_type:images"}
    assert "<html" not in response.text
    assert client.get(reverse("catalogue:finder-reading")).status_code == 405


# Privacy --------------------------------------------------------------------------------------

SECRET = "Quokkaville seized images of Marisol Ybarra, known material"


def test_the_case_text_is_kept_nowhere(client, tools, caplog, settings):
    settings.DEBUG = True  # the database layer logs every statement with its parameters
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"case": SECRET})
        partial = client.post(reverse("catalogue:finder-reading"), {"case": SECRET})
    assert response.status_code == partial.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert names(response)  # it did find tools
    markers = ["quokkaville", "marisol", "ybarra"]
    # Not in any log record, nor in any statement sent to the database.
    for record in caplog.records:
        assert not any(m in record.getMessage().lower() for m in markers)
    for query in queries.captured_queries:
        assert not any(m in query["sql"].lower() for m in markers)
    # Not in any cache key or cached value.
    for key, value in cache._cache.items():
        assert not any(m.encode() in (key.encode() + value).lower() for m in markers)
    # Not in any row of any table.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert not any(m in dump.getvalue().lower() for m in markers)
    # Not in any link of the page (the address of every result and action).
    for href in re.findall(r'(?:href|action)="([^"]*)"', response.text):
        assert not any(m in href.lower() for m in markers)


# Shortlist ------------------------------------------------------------------------------------


def test_a_member_saves_the_results_to_a_shortlist(client_for, verified_user, tools):
    member = client_for(verified_user)
    page = member.post(URL, {"case": CASE_2})
    assert 'action="/tools/finder/shortlist/"' in page.text
    response = member.post(
        reverse("catalogue:finder-shortlist"),
        {"tools": [tools["groom"].slug, tools["groom_en"].slug], "new_name": "Grooming case"},
    )
    shortlist = Shortlist.objects.get(owner=verified_user, name="Grooming case")
    assert response.status_code == 302 and response["Location"] == shortlist.get_absolute_url()
    assert {item.tool.name for item in shortlist.items.all()} == {"GroomGuard", "ChatWatch"}


def test_saving_to_someone_elses_shortlist_or_without_a_name_is_refused(
    client_for, verified_user, tools
):
    other = ShortlistFactory()
    member = client_for(verified_user)
    response = member.post(
        reverse("catalogue:finder-shortlist"),
        {"tools": [tools["groom"].slug], "shortlist": other.pk},
    )
    assert response.status_code == 302
    assert not other.items.exists()
    member.post(reverse("catalogue:finder-shortlist"), {"tools": [tools["groom"].slug]})
    assert not Shortlist.objects.filter(owner=verified_user).exists()


def test_only_verified_members_can_save(client, client_for, pending_user, tools):
    data = {"tools": [tools["groom"].slug], "new_name": "Mine"}
    anonymous = client.post(reverse("catalogue:finder-shortlist"), data)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert (
        client_for(pending_user).post(reverse("catalogue:finder-shortlist"), data).status_code
        == 403
    )
    assert 'action="/tools/finder/shortlist/"' not in client.post(URL, {"case": CASE_2}).text
    assert not Shortlist.objects.exists()


# Queries ----------------------------------------------------------------------------------------


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, {"case": CASE_1 + ", on-premises, Spanish"})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_catalogue(
    client, django_assert_max_num_queries
):
    # One statement ranks every tool and one reads the cards, however many tools there are:
    # growing the catalogue eightfold must not add a query per tool or per result.
    for _i in range(5):
        ToolFactory(capabilities=["hash-matching", "age-estimation"], data_types=["images"])
    client.post(URL, {"case": "warm the taxonomy and vocabulary caches"})
    small = _queries(client)
    for _i in range(40):
        ToolFactory(capabilities=["face-matching", "hash-matching"], languages=["es"])
    client.post(URL, {"case": "warm the caches again after the catalogue changed"})
    large = _queries(client)
    assert small == large
    with django_assert_max_num_queries(6):
        client.post(URL, {"case": CASE_1})


def test_a_shared_address_with_unknown_terms_is_ignored_not_an_error(client, tools):
    response = client.get(URL, {"capability": ["nope", "hash-matchingz"], "language": "xx"})
    assert response.status_code == 200
    assert "Write a few words about the case" in response.text
    # A control character never reaches the finder: the site answers 400 to it.
    assert client.get(URL, {"capability": "hash-matching\x00"}).status_code == 400
    assert client.get(URL, {"capability": "hash-matching", "skill": "basic"}).status_code == 200


def test_curators_browse_and_search_the_vocabulary(client, curator, django_assert_max_num_queries):
    client.force_login(curator)
    use_second_factor(client, curator)  # the admin needs a second factor
    url = reverse("admin:catalogue_vocabularyentry_changelist")
    # One page of a hundred phrases: a fixed number of queries, not one per row.
    with django_assert_max_num_queries(12):
        response = client.get(url, {"kind__exact": "capability"})
    assert response.status_code == 200
    assert "known material" in client.get(url, {"q": "known material"}).text


def test_members_who_are_not_curators_cannot_edit_the_vocabulary(client_for, verified_user):
    url = reverse("admin:catalogue_vocabularyentry_changelist")
    response = client_for(verified_user).get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
