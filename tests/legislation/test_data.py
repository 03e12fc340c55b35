"""The shipped facts: loaded from the data files once, never overwriting a curator, never
claiming without a source, and consistent with themselves."""

import io

import pytest
from django.db import IntegrityError, transaction

from legislation import demo, selectors
from legislation.loader import FIXTURES, LoadError, read_rows, reference_data_load
from legislation.models import Assessment, Coverage, Event, Instrument, Relation

pytestmark = pytest.mark.django_db


def counts():
    return (
        Instrument.objects.count(),
        Event.objects.count(),
        Coverage.objects.count(),
        Assessment.objects.count(),
        Relation.objects.count(),
    )


def test_seed_loads_the_shipped_instruments_and_is_idempotent():
    out = io.StringIO()
    demo.seed(stdout=out)
    loaded = counts()
    # The curated files load whole; researchers' rows on what the tracker does not hold
    # (e.g. Hong Kong, or the EU signing a UN convention) are skipped and counted.
    assert loaded[0] >= len(read_rows(FIXTURES, "instruments", research=False)) >= 18
    assert loaded[3] >= len(read_rows(FIXTURES, "assessments", research=False))
    assert "Legislation:" in out.getvalue()
    demo.seed(stdout=out)
    assert counts() == loaded


def test_reloading_keeps_a_curators_corrections(shipped):
    instrument = Instrument.objects.get(slug="uk-online-safety-act-2023")
    instrument.summary = "Corrected by a curator."
    instrument.save()
    reference_data_load()
    instrument.refresh_from_db()
    assert instrument.summary == "Corrected by a curator."


def test_every_instrument_cites_an_official_source(shipped):
    for instrument in Instrument.objects.all():
        assert instrument.official_url.startswith(("https://", "http://")), instrument
        assert instrument.summary
    for event in Event.objects.all():
        assert event.source_url.startswith(("https://", "http://")), event


def test_treaty_sources_point_at_the_instrument_not_an_organisations_home_page(shipped):
    for slug in ["un-convention-against-cybercrime", "un-opsc"]:
        url = Instrument.objects.get(slug=slug).official_url
        assert url.startswith("https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=")
    for slug, number in [
        ("coe-lanzarote-convention", 201),
        ("coe-budapest-convention", 185),
        ("coe-budapest-second-protocol", 224),
    ]:
        url = Instrument.objects.get(slug=slug).official_url
        assert (
            url == f"https://www.coe.int/en/web/conventions/full-list/-/conventions/treaty/{number}"
        )
    home_pages = {"https://www.unodc.org/", "https://www.ohchr.org/", "https://www.coe.int/"}
    assert not Instrument.objects.filter(official_url__in=home_pages).exists()
    assert not Event.objects.filter(source_url__in=home_pages).exists()


def test_every_yes_or_partly_cites_articles_of_a_binding_instrument(shipped_with_research):
    for assessment in Assessment.objects.filter(answer__in=["yes", "partial"]).select_related(
        "instrument__jurisdiction", "jurisdiction"
    ):
        assert assessment.instrument, assessment
        if assessment.answer in {"yes", "partial"}:
            assert assessment.article.strip(), assessment
        instrument = assessment.instrument
        assert (
            instrument.jurisdiction_id == assessment.jurisdiction_id
            or instrument.is_treaty
            or assessment.jurisdiction.member_of.filter(pk=instrument.jurisdiction_id).exists()
        ), assessment


def test_assessed_on_is_the_day_the_assessment_was_made_not_the_load_day(shipped):
    rows = {(r["jurisdiction"], r["criterion"]): r for r in read_rows(FIXTURES, "assessments")}
    for assessment in Assessment.objects.select_related("jurisdiction", "criterion"):
        row = rows[(assessment.jurisdiction.code, assessment.criterion.slug)]
        assert assessment.assessed_on.isoformat() == row["assessed_on"]


def test_uk_csam_answers_cite_the_provisions_that_carry_them(shipped):
    uk = {a.criterion.slug: a for a in Assessment.objects.filter(jurisdiction__code="GB")}
    assert uk["icmec-legislation"].instrument.slug == "gb-protection-of-children-act-1978"
    assert uk["icmec-legislation"].article == "s.1"
    assert uk["icmec-possession"].instrument.slug == "gb-criminal-justice-act-1988-s160"
    assert uk["icmec-definition"].article == "s.7"
    prohibited = Instrument.objects.get(slug="uk-coroners-and-justice-act-2009-s62")
    assert prohibited.official_url.startswith("https://www.legislation.gov.uk/ukpga/2009/25")


def test_australias_minimum_age_amendment_is_dated_by_its_royal_assent(shipped):
    step = Event.objects.get(
        instrument__slug="au-online-safety-act-2021", title__contains="Royal Assent"
    )
    assert step.date.isoformat() == "2024-12-10"
    assert "legislation.gov.au/C2024A00127" in step.source_url
    assert "29 November 2024" in step.note  # Parliament passed it then
    assert not Event.objects.filter(
        instrument__slug="au-online-safety-act-2021", date="2024-11-29"
    ).exists()


def test_unverified_facts_are_not_shipped_as_fact(shipped):
    # The fact sheet marks the UK duty to report to the NCA and US §2258A as unverified.
    assert not Coverage.objects.filter(topic__slug="provider-reporting").exclude(
        instrument__status__in=["proposed", "under_deliberation"]
    )
    assert not Assessment.objects.filter(criterion__slug="icmec-isp-reporting").exists()
    australia = Instrument.objects.get(slug="au-online-safety-act-2021")
    assert "not been verified" in australia.status_note
    # Month-only dates are stored with their precision, not as an invented day.
    parliament = Event.objects.get(title="European Parliament adopts its position")
    assert parliament.date_precision == "month"


def test_an_answer_without_a_cited_instrument_is_refused(db):
    from tests.legislation.factories import criterion, jurisdiction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            jurisdiction=jurisdiction("FR"),
            criterion=criterion("icmec-definition"),
            answer="yes",
            assessed_on="2026-12-01",
        )


def test_relations(shipped):
    recast = Instrument.objects.get(slug="eu-csa-directive-recast-proposal")
    assert recast.relations_out.get().target.slug == "eu-directive-2011-93"


def test_the_loader_restores_reference_data_in_an_emptied_database(db):
    from legislation.models import Criterion, Jurisdiction, Topic

    assert reference_data_load(kinds=["jurisdictions", "topics", "criteria"]) == {
        "skipped": 0,
        **dict.fromkeys(
            [
                "jurisdictions",
                "topics",
                "criteria",
                "instruments",
                "events",
                "sources",
                "relations",
                "coverage",
                "assessments",
                "participation",
            ],
            0,
        ),
    }  # the migrations made everything
    Assessment.objects.all().delete()
    Jurisdiction.objects.filter(code__in=["FR", "EU"]).delete()
    Topic.objects.filter(slug="grooming").delete()
    Criterion.objects.filter(slug="portal-grooming").delete()
    created = reference_data_load(kinds=["jurisdictions", "topics", "criteria"])
    assert (created["jurisdictions"], created["topics"], created["criteria"]) == (2, 1, 1)
    assert Jurisdiction.objects.get(code="EU").members.count() == 27
    assert Topic.objects.get(slug="grooming").capabilities.exists()
    assert Criterion.objects.get(slug="portal-grooming").topics.filter(slug="grooming").exists()


def test_a_bad_row_is_refused_with_its_file_and_line_and_nothing_is_written(tmp_path):
    (tmp_path / "participation.csv").write_text(
        "state,treaty,signed,consent,consent_kind,entry_into_force,reservations,source_url,"
        "read_on,verified\n"
        "FR,opsc,2000-09-06,2003-02-05,ratification,,,https://treaties.un.org/x,2026-12-01,yes\n"
        "FR,cets201,not-a-date,,,,,https://www.coe.int/x,2026-12-01,yes\n"
    )
    reference_data_load(kinds=["instruments"])
    with pytest.raises(LoadError, match=r"participation.csv line 3: “not-a-date” is not a date"):
        reference_data_load(directory=tmp_path, kinds=["participation"])
    from legislation.models import Participation

    assert not Participation.objects.exists()


def test_research_files_are_read_as_delivered(tmp_path, shipped):
    research = tmp_path / "research"
    research.mkdir()
    (research / "instruments.csv").write_text(
        "jurisdiction,slug,title,citation,kind,enacted,summary,source_url,read_on,verified\n"
        "FR,fr-test-law,Test law,Art. 1,act,2004-06,A test law.,https://example.org/fr,"
        "2026-12-01,unverified\n"
    )
    (research / "participation.csv").write_text(
        "state,treaty,signed,consent,consent_kind,entry_into_force,reservations,source_url,"
        "read_on,verified\n"
        "FR,opsc,2000-09-06,2003-02-05,Ratification,2003-03-05,,https://treaties.un.org/x,"
        "2026-12-01,yes\n"
    )
    reference_data_load(research=False)
    created = reference_data_load(directory=tmp_path)
    assert created["instruments"] == 1 and created["participation"] == 1
    law = Instrument.objects.get(slug="fr-test-law")
    assert (law.type, law.status, law.verified) == ("statute", "adopted", False)
    enacted = law.events.get()
    assert (enacted.date.isoformat(), enacted.date_precision) == ("2004-06-01", "month")
    france = law.jurisdiction
    opsc = france.participations.get()
    assert (opsc.status, opsc.consent_kind, opsc.treaty.slug) == (
        "ratified",
        "ratification",
        "un-opsc",
    )


def test_data_checks_flag_coverage_that_contradicts_the_criteria(shipped):
    from tests.legislation.factories import jurisdiction

    france = jurisdiction("FR")
    findings = selectors.data_checks(jurisdictions=[france])
    kinds = {(f.criterion.slug, f.kind) for f in findings}
    # Possession and grooming reach France only through Directive 2011/93/EU, while the
    # French criteria say "unknown": flagged, and said to come from the directive.
    assert ("icmec-possession", "directive-only") in kinds
    assert ("portal-grooming", "directive-only") in kinds
    # The shipped UK and US answers agree with their coverage.
    others = selectors.data_checks(jurisdictions=[jurisdiction("GB"), jurisdiction("US")])
    assert not [f for f in others if f.kind == "answer-without-cover"]


def test_the_shipped_data_has_no_answer_without_cover(shipped_with_research):
    # Every "yes" or "partly" that ships, the researchers' rows included, rests on a recorded
    # coverage of one of the criterion's topics by law that binds the state.
    findings = selectors.data_checks()
    assert not [
        (f.jurisdiction.code, f.criterion.slug)
        for f in findings
        if f.kind == "answer-without-cover"
    ]


def test_verified_national_law_rests_on_its_official_source(shipped_with_research):
    # National law checked against an official source covers at least 42 states, and a verified
    # answer cites the page it was read on (an answer whose official source did not give the
    # article number stays listed by the data checks).
    national = Instrument.objects.filter(jurisdiction__kind="state", verified=True)
    assert national.values("jurisdiction").distinct().count() >= 42
    for assessment in Assessment.objects.filter(verified=True).exclude(answer="unknown"):
        assert assessment.source_url.startswith("http"), assessment


def test_researchers_data_loads_and_keeps_every_rule(shipped_with_research):
    """The researchers' files (copied as delivered into fixtures/legislation/research/): every
    row cites its source, unverified rows stay flagged, every yes/partly cites articles of a
    recorded instrument that can bind the state, every "no" cites an instrument or a source."""
    from legislation.models import Participation

    assert Participation.objects.values("jurisdiction").distinct().count() >= 100
    assert Participation.objects.filter(verified=False).exists()
    for participation in Participation.objects.select_related("treaty"):
        assert participation.source_url.startswith("http"), participation
        assert participation.treaty.is_treaty
    for assessment in Assessment.objects.exclude(answer="unknown"):
        assert assessment.instrument_id or (assessment.answer == "no" and assessment.source_url), (
            assessment
        )
        if assessment.answer in {"yes", "partial"}:
            assert assessment.article.strip(), assessment
    national = Instrument.objects.filter(jurisdiction__kind="state")
    assert national.values("jurisdiction").distinct().count() >= 20
    assert all(i.official_url.startswith("http") for i in national)


def test_unverified_research_is_shown_as_such(client, shipped_with_research):
    from django.urls import reverse

    from legislation.models import Participation

    unverified = Participation.objects.filter(verified=False).select_related("jurisdiction")
    state = unverified.first().jurisdiction
    body = client.get(reverse("legislation:jurisdiction-detail", args=[state.code]))
    assert "unverified" in body.content.decode()


def test_the_load_command_checks_without_keeping_anything(tmp_path):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("load_legislation_data", "--check", stdout=out)
    assert "would add" in out.getvalue()
    # The contradictions the admin lists are reported on the data that would be loaded.
    assert "Data checks: 0 answer-without-cover," in out.getvalue()
    assert not Instrument.objects.exists()
    (tmp_path / "coverage.csv").write_text(
        "instrument,topic,level,articles,note\nno-such-law,grooming,explicit,,\n"
    )
    with pytest.raises(CommandError, match="coverage.csv line 2: no instrument"):
        call_command("load_legislation_data", "--directory", str(tmp_path), "--kind", "coverage")
    call_command("load_legislation_data", stdout=out)
    assert Instrument.objects.exists()


def test_data_checks_flag_unconfirmed_articles(shipped):
    from tests.legislation.factories import AssessmentFactory, criterion, jurisdiction

    instrument = Instrument.objects.get(slug="gb-criminal-justice-act-1988-s160")
    AssessmentFactory(
        jurisdiction=jurisdiction("GB"),
        criterion=criterion("icmec-technology"),
        answer="partial",
        instrument=instrument,
        article="(section not confirmed)",
    )
    findings = selectors.data_checks(jurisdictions=[jurisdiction("GB")])
    assert ("icmec-technology", "article-unconfirmed") in {
        (f.criterion.slug, f.kind) for f in findings
    }


def test_data_checks_run_in_fixed_queries(shipped_with_research, django_assert_max_num_queries):
    # Guards the N+1 over 193 states × 10 criteria × coverage: memberships, ratifications,
    # criteria with their topics, assessments and coverage are one query each.
    with django_assert_max_num_queries(8):
        findings = selectors.data_checks()
    assert findings
