"""The tracker's public pages: content, bad input and query ceilings that do not grow."""

import pytest
from django.urls import reverse

from legislation.models import Instrument
from tests.legislation.factories import (
    AssessmentFactory,
    CoverageFactory,
    EventFactory,
    InstrumentFactory,
    ParticipationFactory,
    criterion,
    jurisdiction,
    topic,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("legislation:index")


def many_instruments(n=30):
    for i in range(n):
        instrument = InstrumentFactory(jurisdiction=jurisdiction("GB" if i % 2 else "DE"))
        CoverageFactory(instrument=instrument, topic=topic("grooming"))
        CoverageFactory(instrument=instrument, topic=topic("possession"))
        EventFactory(instrument=instrument)


def test_list_filters_to_grooming_laws_in_europe(client, shipped):
    response = client.get(INDEX, {"region": "europe", "topic": "grooming"})
    assert response.status_code == 200
    slugs = {i.slug for i in response.context["instruments"]}
    assert {"eu-directive-2011-93", "coe-lanzarote-convention"} <= slugs
    assert "us-protect-act-2003" not in slugs
    assert "un-convention-against-cybercrime" not in slugs  # global, not Europe


def test_list_jurisdiction_filter_includes_law_of_its_bodies(client, shipped):
    response = client.get(INDEX, {"jurisdiction": "FR"})
    slugs = {i.slug for i in response.context["instruments"]}
    # EU law applies to France; Council of Europe treaties bind only once ratified.
    assert "eu-directive-2011-93" in slugs
    assert "coe-lanzarote-convention" not in slugs
    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="coe-lanzarote-convention"),
    )
    response = client.get(INDEX, {"jurisdiction": "FR"})
    assert "coe-lanzarote-convention" in {i.slug for i in response.context["instruments"]}


def test_list_search_type_status_and_year(client, shipped):
    assert [i.slug for i in client.get(INDEX, {"q": "Lanzarote"}).context["instruments"]] == [
        "coe-lanzarote-convention"
    ]
    proposals = client.get(INDEX, {"type": "proposal"}).context["instruments"]
    assert {i.slug for i in proposals} == {
        "eu-csa-regulation-proposal",
        "eu-csa-directive-recast-proposal",
    }
    in_2003 = client.get(INDEX, {"year": "2003"}).context["instruments"]
    assert [i.slug for i in in_2003] == ["us-protect-act-2003"]
    assert client.get(INDEX, {"status": "lapsed"}).context["instruments"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"topic": "no-such-topic"},
        {"jurisdiction": "XX"},
        {"type": "poem"},
        {"status": "maybe"},
        {"year": "not-a-year"},
        {"year": "99999"},
    ],
)
def test_list_bad_filters_answer_400_with_a_message(client, params):
    response = client.get(INDEX, params)
    assert response.status_code == 400
    assert "could not be used" in response.content.decode()


def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    many_instruments(30)
    # Guards the N+1 on each card's jurisdiction and topics (select_related + one prefetch).
    # The queries: the topic filter's lookup, the count, the page, its topics, the latest
    # steps, and the filter form's choices.
    with django_assert_max_num_queries(7):
        response = client.get(INDEX, {"topic": "grooming", "region": "europe"})
    assert response.status_code == 200
    assert len(response.context["instruments"]) == 20


def test_jurisdiction_profile(client, shipped, django_assert_max_num_queries):
    url = reverse("legislation:jurisdiction-detail", args=["GB"])
    # Guards N+1s on instruments' topics, timeline steps, treaties and the criteria row.
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Online Safety Act 2023" in body
    assert "Royal Assent" in body
    assert "Lanzarote Convention" in body  # a Council of Europe treaty, participation unknown
    assert "Not recorded yet" in body
    assert "EU Artificial Intelligence Act" not in body  # the UK is not an EU member


def test_profile_of_an_eu_member_shows_eu_law(client, shipped):
    response = client.get(reverse("legislation:jurisdiction-detail", args=["FR"]))
    body = response.content.decode()
    assert "Child Sexual Abuse Directive 2011/93/EU" in body
    assert "EU Artificial Intelligence Act" in body
    # France has no verified assessment: every criterion reads "Unknown".
    assert body.count("Unknown") >= 10


def test_profile_queries_do_not_grow(client, django_assert_max_num_queries):
    many_instruments(20)
    for slug in ["icmec-legislation", "icmec-definition", "portal-grooming"]:
        AssessmentFactory(criterion=criterion(slug))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("legislation:jurisdiction-detail", args=["GB"]))
    assert response.status_code == 200


def test_profile_codes(client):
    assert client.get("/legislation/jurisdictions/XX/").status_code == 404
    assert client.get("/legislation/jurisdictions/TOOLONG/").status_code == 404
    response = client.get("/legislation/jurisdictions/gb/")
    assert response.status_code == 301
    assert response["Location"].endswith("/legislation/jurisdictions/GB/")
    assert client.get("/legislation/jurisdictions/EU/").status_code == 200


def test_jurisdiction_list(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # one query for all 196, with instrument counts
        response = client.get(reverse("legislation:jurisdiction-list"))
    assert response.status_code == 200
    assert "Zimbabwe" in response.content.decode()


def test_instrument_page(client, shipped, django_assert_max_num_queries):
    url = reverse("legislation:instrument-detail", args=["eu-ai-act"])
    # Guards N+1s on topics, events, sources, relations, participation and assessments.
    with django_assert_max_num_queries(10):
        response = client.get(url)
    body = response.content.decode()
    assert "Art. 50(2)" in body
    assert "2 August 2027" in body and "scheduled" in body
    assert "eur-lex.europa.eu" in body
    assert client.get("/legislation/instruments/no-such-law/").status_code == 404


def test_compare(client, shipped, django_assert_max_num_queries):
    url = reverse("legislation:compare")
    with django_assert_max_num_queries(10):
        response = client.get(url, {"j": ["GB", "AU", "US"]})
    assert response.status_code == 200
    assert [j.code for j in response.context["jurisdictions"]] == ["GB", "AU", "US"]
    body = response.content.decode()
    assert "TAKE IT DOWN Act" in body and "Online Safety Act 2021 (Australia)" in body
    # Comma-separated codes work too, in any case.
    assert client.get(url, {"j": "gb,us"}).status_code == 200


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["GB", "AU", "US", "FR", "DE"], "at most 4"),
        (["ZZ"], "at least 2"),
        (["GB", "ZZ"], "ZZ"),
    ],
)
def test_compare_bad_lists(client, codes, message):
    response = client.get(reverse("legislation:compare"), {"j": codes})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_compare_without_choice_shows_the_form(client):
    response = client.get(reverse("legislation:compare"))
    assert response.status_code == 200
    assert 'name="j"' in response.content.decode()


def test_map(client, shipped, django_assert_max_num_queries):
    url = reverse("legislation:map")
    with django_assert_max_num_queries(4):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/legislation/jurisdictions/FR/"' in body
    assert "style=" not in body  # the strict CSP forbids style attributes
    assert "legal-map__country--low" in body  # the US meets some criteria
    with django_assert_max_num_queries(6):
        response = client.get(url, {"topic": "grooming"})
    body = response.content.decode()
    assert response.context["counts"]["explicit"] >= 27  # the EU's 27 through the directive
    assert "legal-map__country--explicit" in body
    assert client.get(url, {"topic": "nope"}).status_code == 400


def test_feed_is_atom_with_past_steps_only(client, shipped):
    response = client.get(reverse("legislation:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and "Royal Assent" in body
    assert "Article 6(1) applies" not in body  # 2 August 2027 has not come yet


def test_feed_queries(client, django_assert_max_num_queries):
    many_instruments(20)
    with django_assert_max_num_queries(2):  # events with their instruments: one query
        assert client.get(reverse("legislation:feed")).status_code == 200


def test_feed_for_one_jurisdiction(client, shipped):
    url = reverse("legislation:feed")
    body = client.get(url, {"jurisdiction": "fr"}).content.decode()
    assert "changes in law for France" in body
    assert "Child Sexual Abuse Directive 2011/93/EU" in body  # EU law reaches France
    assert "Royal Assent" not in body  # UK law does not
    assert client.get(url, {"jurisdiction": "XX"}).status_code == 404


def test_profile_topics_count_treaties_only_once_ratified(client, shipped):
    url = reverse("legislation:jurisdiction-detail", args=["FR"])
    topics = {t: c for t, c, _ in client.get(url).context["topics"]}
    grooming = [c.instrument.slug for c in topics[topic("grooming")]]
    assert "eu-directive-2011-93" in grooming
    assert "coe-lanzarote-convention" not in grooming  # France's ratification is not recorded
    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="coe-lanzarote-convention"),
    )
    topics = {t: c for t, c, _ in client.get(url).context["topics"]}
    assert "coe-lanzarote-convention" in [c.instrument.slug for c in topics[topic("grooming")]]


def test_france_says_why_directive_cover_and_unknown_criteria_differ(client, shipped):
    body = client.get(reverse("legislation:jurisdiction-detail", args=["FR"])).content.decode()
    assert "Covered here only by an EU directive" in body
    assert "directive to transpose" in body
    compare = client.get(reverse("legislation:compare"), {"j": "FR,GB"}).content.decode()
    assert "through an EU directive the state must transpose" in compare


def test_profile_timeline_includes_the_law_of_its_bodies(client, shipped):
    response = client.get(reverse("legislation:jurisdiction-detail", args=["FR"]))
    titles = [event.title for event in response.context["timeline"]]
    assert "Published in the Official Journal (OJ L 335)" in titles


def test_list_sorts_by_latest_step_and_shows_recent_steps(client, shipped):
    response = client.get(INDEX, {"sort": "latest"})
    slugs = [i.slug for i in response.context["instruments"]]
    # The AI Act has the latest dated step (2 August 2027); instruments with none come last.
    assert slugs[0] == "eu-ai-act"
    assert not Instrument.objects.get(slug=slugs[-1]).events.exists()
    recent = response.context["recent"]
    assert recent and all(step.date <= recent[0].date for step in recent)
    assert client.get(INDEX, {"sort": "random"}).status_code == 400


PUBLIC_PAGES = [
    "/legislation/",
    "/legislation/jurisdictions/",
    "/legislation/jurisdictions/GB/",
    "/legislation/jurisdictions/EU/",
    "/legislation/instruments/coe-lanzarote-convention/",
    "/legislation/matrix/",
    "/legislation/compare/?j=GB&j=AU&j=US",
    "/legislation/map/",
    "/legislation/map/?topic=grooming",
    "/legislation/about/",
]


@pytest.mark.parametrize("who", ["anonymous", "pending", "verified"])
def test_every_page_is_public_and_csp_safe(client_for, shipped, who, request):
    user = None if who == "anonymous" else request.getfixturevalue(f"{who}_user")
    client = client_for(user)
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "style=" not in body, url  # no inline styles under the strict CSP
        assert "<style" not in body, url
        assert "<script>" not in body, url  # scripts only from files


def test_map_and_compare_queries_do_not_grow(client, django_assert_max_num_queries):
    many_instruments(30)
    for code in ["FR", "DE", "AU"]:
        ParticipationFactory(jurisdiction=jurisdiction(code))
    # Guards N+1s over 193 states × coverage: memberships, ratifications and coverage are
    # one query each, whatever their number.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("legislation:map"), {"topic": "grooming"}).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("legislation:compare"), {"j": "GB,DE,FR,AU"})
    assert response.status_code == 200


def test_compare_from_a_profile_asks_for_more(client):
    response = client.get(reverse("legislation:compare"), {"j": "GB"})
    assert response.status_code == 200
    assert "at least one more" in response.content.decode()
    assert response.context["selects"][0] == "GB"


def test_instrument_page_queries_do_not_grow(client, django_assert_max_num_queries):
    treaty = InstrumentFactory(type="treaty", jurisdiction=jurisdiction("COE"))
    for slug in ["grooming", "possession", "access", "production", "distribution"]:
        CoverageFactory(instrument=treaty, topic=topic(slug))
    for _ in range(15):
        EventFactory(instrument=treaty)
    for code in ["FR", "DE", "IT", "ES", "GB"]:
        ParticipationFactory(jurisdiction=jurisdiction(code), treaty=treaty)
        AssessmentFactory(jurisdiction=jurisdiction(code), instrument=treaty)
    # Guards N+1s on each topic, step, party and assessment: one prefetch query each.
    with django_assert_max_num_queries(10):
        response = client.get(treaty.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<strong>Bound</strong>") == 5


def test_nul_bytes_in_jurisdiction_codes_are_bad_requests(client):
    # Refused before the view by hub.middleware.RejectControlCharactersMiddleware.
    jurisdiction("GB")
    jurisdiction("AU")
    response = client.get(reverse("legislation:jurisdiction-detail", args=["G\x00B"]))
    assert response.status_code == 400
    response = client.get(reverse("legislation:compare"), {"j": ["GB", "AU\x00"]})
    assert response.status_code == 400
    response = client.get(reverse("legislation:compare"), {"j": "\x00"})
    assert response.status_code == 400


def test_feed_for_a_jurisdiction_code_with_a_nul_byte_is_a_bad_request(client):
    jurisdiction("GB")
    response = client.get(reverse("legislation:feed"), {"jurisdiction": "G\x00B"})
    assert response.status_code == 400


def test_compare_shows_a_ratified_treaty_as_binding_with_its_date(client, shipped):
    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="coe-lanzarote-convention"),
        verified=False,
    )
    body = client.get(reverse("legislation:compare"), {"j": "FR,GB"}).content.decode()
    assert "binding since 27 September 2011, unverified" in body


def test_a_party_without_recorded_dates_says_so(client, shipped):
    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="un-opsc"),
        ratified_on=None,
        consent_kind="accession",
    )
    body = client.get(reverse("legislation:jurisdiction-detail", args=["FR"])).content.decode()
    assert "(accession, date not recorded)" in body


def test_a_signature_alone_is_not_shown_as_binding(client, shipped):
    import datetime

    ParticipationFactory(
        jurisdiction=jurisdiction("FR"),
        treaty=Instrument.objects.get(slug="un-convention-against-cybercrime"),
        status="signed",
        signed_on=datetime.date(2025, 10, 1),
        signed_precision="month",
        ratified_on=None,
    )
    body = client.get(reverse("legislation:jurisdiction-detail", args=["FR"])).content.decode()
    assert "Signed October 2025; no consent to be bound recorded" in body
