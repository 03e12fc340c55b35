"""The demo catalogue reads like a real one: tags that follow from each description, texts
that differ tool by tool, coherent dates, and a seed that can run again without writing."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import demo, taxonomy
from catalogue.models import (
    STALE_AFTER_DAYS,
    CostModel,
    Deployment,
    Language,
    Provider,
    SkillLevel,
    Tool,
)

DATA = demo.load_data()
TOOLS = DATA["tools"]
REFERENCE = date.fromisoformat(DATA["reference_date"])
SUB_PRINCIPLES = [
    "legitimacy", "necessity", "proportionality", "well-being", "robustness-safety",
    "accuracy", "efficiency", "privacy", "human-control", "human-agency",
    "transparency-explainability", "diversity-accessibility", "non-discrimination",
    "protection-of-vulnerable-groups", "contestability-redress", "accountability",
    "traceability-auditability",
]  # fmt: skip

# Words (regular expressions matched at the start of a word, any case) that justify a tag:
# a tool tagged "face matching" must say "face" somewhere in its description.
CAPABILITY_WORDS = {
    "hash-matching": ["hash"],
    "age-estimation": ["age estimation", "apparent age", "age range"],
    "classification": ["classif", "categor"],
    "face-matching": ["face"],
    "object-scene-recognition": ["object", "scene"],
    "ocr": ["ocr", "reads text", "text in images", "text shown on screen"],
    "speech-to-text": ["transcri", "speech-to-text"],
    "translation": ["translat"],
    "grooming-detection": ["grooming", "sextortion"],
    "entity-extraction": ["entit", "extracts identifiers"],
    "dark-web-monitoring": ["dark-web", "dark web", "hidden service"],
    "deduplication": ["duplicate", "deduplicat"],
    "triage": ["triage", "prioritis"],
    "link-analysis": ["link analysis", "graph", "map of who", "draw the network"],
    "geolocation": ["geolocat", "where an image", "where a picture", "where .{0,30}taken"],
    "report-automation": ["draft"],
    "synthetic-persona": ["persona"],
    "ai-media-detection": ["ai-generated", "deepfake", "voice cloning"],
    "metadata-extraction": ["metadata", "exif"],
    "case-management": ["case management"],
}
DATA_TYPE_WORDS = {
    "images": ["image", "photo", "picture", "screenshot"],
    "video": ["video"],
    "audio": ["audio", "voice", "recording"],
    "chat-text": ["chat", "message", "conversation"],
    "documents": ["document", "report", "pdf", "paperwork"],
    "web-pages": ["web", "forum", "url"],
    "device-images": [
        "seized device",
        "device image",
        "extraction",
        "seized phone",
        "phones and computers",
        "seized computer",
        "from a device",
        "device examination",
    ],  # fmt: skip
    "metadata": ["metadata", "exif"],
    "network-data": ["subscriber", "network data", "call records", "ip address"],
    "hash-lists": ["hash list", "hash set", "hashes"],
}
PHASE_WORDS = {
    "prevention": ["prevent"],
    "detection": ["detect"],
    "triage": ["triage", "prioritis"],
    "analysis": ["analys", "analyst"],
    "identification": ["identif"],
    "prosecution": ["prosecut", "court"],
    "victim-support": ["victim support", "support services", "wellbeing"],
}
DEPLOYMENT_WORDS = {
    "on-premises": ["on-premises"],
    "cloud": ["cloud", "hosted"],
    "desktop": ["desktop", "workstation", "laptop"],
    "mobile": ["mobile", "phone app", "android"],
    "api": [r"api\b"],
}
COST_WORDS = {
    "free": ["free and open source", "free of charge"],
    "free-for-le": ["free for law enforcement"],
    "subscription": ["subscription"],
    "licence": ["one-off licence"],
    "on-request": ["price on request"],
}
SKILL_WORDS = {
    "basic": ["any trained investigator"],
    "intermediate": ["analyst or (a )?specialist"],
    "expert": ["data scientist or forensic engineer", "forensic engineer or data scientist"],
}
# A stage follows from one of the tool's capabilities.
STAGE_CAPABILITIES = {
    "prevention": {
        "grooming-detection", "dark-web-monitoring", "classification", "synthetic-persona",
    },
    "content-generation": {"report-automation", "synthetic-persona"},
    "text-speech-analysis": {
        "ocr", "speech-to-text", "translation", "grooming-detection", "entity-extraction",
        "dark-web-monitoring",
    },
    "image-analysis": {
        "hash-matching", "age-estimation", "classification", "face-matching",
        "object-scene-recognition", "ocr", "deduplication", "triage", "geolocation",
        "ai-media-detection", "metadata-extraction",
    },
    "process-workflow-optimisation": {
        "hash-matching", "classification", "dark-web-monitoring", "deduplication", "triage",
        "link-analysis", "report-automation", "metadata-extraction", "case-management",
        "entity-extraction",
    },
}  # fmt: skip


def mentions(text: str, stems: list[str]) -> bool:
    return any(re.search(r"(?<![\w-])" + stem, text, re.I) for stem in stems)


def unexplained_tags(tool: dict) -> list[str]:
    """The tags of a tool (as stored in the data file) that its description does not support."""
    text = tool["description"]
    missing = []
    for field, words in (
        ("capabilities", CAPABILITY_WORDS),
        ("data_types", DATA_TYPE_WORDS),
        ("phases", PHASE_WORDS),
        ("deployment", DEPLOYMENT_WORDS),
    ):
        missing += [f"{field}:{v}" for v in tool[field] if not mentions(text, words[v])]
    missing += [
        f"languages:{code}" for code in tool["languages"] if str(Language(code).label) not in text
    ]
    if not mentions(text, COST_WORDS[tool["cost_model"]]):
        missing.append(f"cost_model:{tool['cost_model']}")
    if not mentions(text, SKILL_WORDS[tool["skill_level"]]):
        missing.append(f"skill_level:{tool['skill_level']}")
    missing += [
        f"stages:{stage}"
        for stage in tool["stages"]
        if not STAGE_CAPABILITIES[stage] & set(tool["capabilities"])
    ]
    return missing


# The data file ------------------------------------------------------------------------------


def test_the_tag_checker_catches_a_tag_the_description_does_not_support():
    tool = next(t for t in TOOLS if t["name"] == "CaseWriter")
    assert unexplained_tags(tool) == []
    assert unexplained_tags({**tool, "capabilities": ["face-matching"]}) == [
        "capabilities:face-matching",
        "stages:content-generation",
        "stages:process-workflow-optimisation",
    ]
    assert unexplained_tags({**tool, "languages": ["en", "ja"]}) == ["languages:ja"]


@pytest.mark.parametrize("tool", TOOLS, ids=[t["slug"] for t in TOOLS])
def test_every_tag_follows_from_the_description(tool):
    assert unexplained_tags(tool) == []


def test_tags_use_the_taxonomy_and_the_model_choices():
    known = {
        "stages": set(taxonomy.slugs("catalogue.stage")),
        "capabilities": set(taxonomy.slugs("catalogue.capability")),
        "data_types": set(taxonomy.slugs("catalogue.datatype")),
        "phases": set(taxonomy.slugs("catalogue.phase")),
        "deployment": set(Deployment.values),
        "languages": set(Language.values),
    }
    for tool in TOOLS:
        for field, allowed in known.items():
            assert tool[field] and set(tool[field]) <= allowed, (tool["name"], field)
        assert tool["cost_model"] in CostModel.values
        assert tool["skill_level"] in SkillLevel.values


def test_texts_differ_tool_by_tool_and_are_marked_as_demo():
    for field in ("name", "slug", "summary", "description", "rai_lawfulness", "accuracy_evidence"):
        values = [t[field] for t in TOOLS]
        assert len(set(values)) == len(values), field
    for tool in TOOLS:
        assert "fictional demo entry" in tool["description"].lower()
        assert len(tool["description"].split("\n\n")) >= 3, "a few short paragraphs"
        assert len(tool["summary"]) <= 300
        assert ".demo.test/" in tool["website"] and ".demo.test" in tool["contact"]
    for provider in DATA["providers"]:
        assert provider["name"].endswith("(demo)")
        assert provider["website"].endswith(".demo.test/")


def test_every_tool_has_a_specific_responsible_ai_profile_and_evidence():
    texts = [p["text"] for t in TOOLS for p in t["rai"].values()]
    assert len(set(texts)) == len(texts), "no sentence is shared by two tools or principles"
    for tool in TOOLS:
        assert list(tool["rai"]) == SUB_PRINCIPLES, tool["name"]
        for principle in tool["rai"].values():
            assert principle["status"] in (
                "documented",
                "partly",
                "not-documented",
                "not-applicable",
            )
            assert all(re.match(r"https://[\w.-]+\.demo\.test/", s) for s in principle["sources"])
            assert bool(principle["sources"]) == (principle["status"] in ("documented", "partly"))
        assert 1 <= len(tool["evidence"]) <= 4
        for entry in tool["evidence"]:
            assert entry["claim"].startswith("(demo)")
            assert entry["kind"] in (
                "accuracy",
                "bias-test",
                "independent-evaluation",
                "court-ruling",
                "data-protection",
                "deployment",
            )
            assert entry["level"] in ("vendor-claimed", "peer-reported", "independently-tested")
            assert entry["visibility"] in ("public", "verified")
            assert re.match(r"https://[\w.-]+\.demo\.test/", entry["source_url"])
            assert date.fromisoformat(entry["date"]) <= REFERENCE
        assert set(tool["exposure_safeguards"]) <= {
            "blurring",
            "greyscale",
            "auto-categorisation",
            "de-duplication",
        }
        if tool["exposure_safeguards"]:
            assert {"images", "video"} & set(tool["data_types"]), tool["name"]
        assert isinstance(tool["human_review_documented"], bool)
    # A hash matcher's fairness profile is not an age estimator's.
    hash_tool = next(t for t in TOOLS if t["name"] == "HashHarbor")
    age_tool = next(t for t in TOOLS if t["name"] == "AgeLens")
    assert hash_tool["rai"]["non-discrimination"]["status"] == "not-applicable"
    assert "skin tone" in age_tool["rai"]["non-discrimination"]["text"]


def test_dates_are_coherent_and_absolute():
    for tool in TOOLS:
        created = datetime.fromisoformat(tool["created"])
        updated = datetime.fromisoformat(tool["updated"])
        assert created.tzinfo is not None and updated.tzinfo is not None
        assert created <= updated and updated.date() <= REFERENCE, tool["name"]
        if tool["published"]:
            published = datetime.fromisoformat(tool["published"])
            assert created <= published <= updated, tool["name"]
        else:
            assert tool["status"] in ("draft", "in_review"), tool["name"]
        if tool["last_verified"]:
            verified = date.fromisoformat(tool["last_verified"])
            listed = datetime.fromisoformat(tool["published"] or tool["created"]).date()
            assert listed <= verified <= updated.date(), tool["name"]
        else:
            assert tool["status"] in ("draft", "in_review"), tool["name"]


def test_retired_tools_name_their_successor():
    slugs = {t["name"]: t["status"] for t in TOOLS}
    for tool in TOOLS:
        if tool["status"] == "retired":
            named = [n for n in slugs if n != tool["name"] and n in tool["description"]]
            assert any(slugs[n] == "published" for n in named), tool["name"]


# The seeded catalogue -------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    """The demo accounts (a provider account submitted two tools) and the demo catalogue."""
    from hub import demo as hub_demo

    hub_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())


def test_counts_by_status_visibility_and_staleness(seeded):
    tools = Tool.objects.filter(is_demo=True)
    assert tools.count() == len(TOOLS) >= 84
    counts = {s: tools.filter(status=s).count() for s in Tool.Status.values}
    assert counts["published"] >= 80
    assert 2 <= counts["in_review"] <= 5
    assert 2 <= counts["draft"] <= 5
    assert 2 <= counts["retired"] <= 5
    restricted = tools.published().filter(visibility="verified").count()
    assert 3 <= restricted <= 8
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=UTC), tick=False):
        stale_published = tools.published().stale().count()
        stale_all = tools.stale().count()
    assert 0.08 <= stale_published / counts["published"] <= 0.15
    assert 0.08 <= stale_all / tools.count() <= 0.15


def test_stale_means_what_the_model_means(seeded):
    cutoff = REFERENCE - timedelta(days=STALE_AFTER_DAYS)
    expected = {
        t["slug"]
        for t in TOOLS
        if t["last_verified"] is None or date.fromisoformat(t["last_verified"]) < cutoff
    }
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=UTC), tick=False):
        assert set(Tool.objects.filter(is_demo=True).stale().values_list("slug", flat=True)) == (
            expected
        )


def test_seeded_dates_come_from_the_data_not_from_the_day_of_seeding(seeded):
    by_slug = {t["slug"]: t for t in TOOLS}
    for tool in Tool.objects.filter(is_demo=True):
        spec = by_slug[tool.slug]
        assert tool.updated_at == datetime.fromisoformat(spec["updated"])
        assert tool.created_at == datetime.fromisoformat(spec["created"])
        assert tool.last_verified == (
            date.fromisoformat(spec["last_verified"]) if spec["last_verified"] else None
        )
        assert tool.updated_at.date() <= REFERENCE
    for provider in Provider.objects.filter(is_demo=True, slug__startswith="demo-"):
        assert provider.updated_at.date() <= REFERENCE


def test_seeded_tools_keep_their_tags_and_search_columns(seeded):
    by_slug = {t["slug"]: t for t in TOOLS}
    tools = Tool.objects.filter(is_demo=True).prefetch_related("capabilities", "stages")
    for tool in tools:
        spec = by_slug[tool.slug]
        assert sorted(c.slug for c in tool.capabilities.all()) == sorted(spec["capabilities"])
        assert sorted(s.slug for s in tool.stages.all()) == sorted(spec["stages"])
        assert tool.capability_ids == sorted(c.pk for c in tool.capabilities.all())
        assert tool.keywords == tool.build_keywords()
    submitted = Tool.objects.filter(is_demo=True, submitted_by__isnull=False)
    assert set(submitted.values_list("status", flat=True)) == {"in_review"}


def test_every_facet_value_has_a_public_published_tool(seeded):
    public = Tool.objects.public().filter(is_demo=True)
    for relation, model in demo.RELATIONS.items():
        for term in model.objects.all():
            assert public.filter(**{relation: term}).exists(), (relation, term.slug)
    assert {d for t in public for d in t.deployment} == set(Deployment.values)
    assert {code for t in public for code in t.languages} == set(Language.values)
    assert set(public.values_list("cost_model", flat=True)) == set(CostModel.values)
    assert set(public.values_list("skill_level", flat=True)) == set(SkillLevel.values)
    assert set(public.values_list("provider__kind", flat=True)) == set(Provider.Kind.values)
    assert public.values("provider__country").distinct().count() == len(DATA["providers"])
    assert public.filter(open_source=True).exists() and public.filter(open_source=False).exists()


def test_earlier_demo_slugs_survive(seeded):
    # Links in other demo data (courses, shortlists) point at these.
    for slug in (
        "demo-hashharbor",
        "demo-agelens",
        "demo-groomguard",
        "demo-casewriter",
        "demo-text-in-image-scanner",
        "demo-safety-by-design-checker",
        "demo-training-data-synthesiser",
        "demo-victim-support-tracker",
    ):
        assert Tool.objects.filter(slug=slug, is_demo=True).exists(), slug


def test_seeding_again_writes_nothing_to_tools_and_records_no_history(seeded):
    tool_events = apps.get_model("catalogue", "ToolEvent").objects
    provider_events = apps.get_model("catalogue", "ProviderEvent").objects
    counts = (tool_events.count(), provider_events.count())
    before = list(Tool.objects.order_by("pk").values_list("pk", "updated_at", "keywords"))
    with CaptureQueriesContext(connection) as queries:
        demo.seed(stdout=io.StringIO())
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if re.match(r"\s*(UPDATE|INSERT|DELETE)", q["sql"], re.I) and "catalogue_" in q["sql"]
    ]
    assert writes == []
    assert list(Tool.objects.order_by("pk").values_list("pk", "updated_at", "keywords")) == before
    assert (tool_events.count(), provider_events.count()) == counts


def test_seeding_on_another_day_changes_nothing(seeded):
    before = list(
        Tool.objects.order_by("pk").values_list("pk", "updated_at", "created_at", "last_verified")
    )
    with time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=UTC)):
        demo.seed(stdout=io.StringIO())
    after = list(
        Tool.objects.order_by("pk").values_list("pk", "updated_at", "created_at", "last_verified")
    )
    assert after == before


def test_seed_repairs_a_demo_tool_edited_by_hand(seeded):
    tool = Tool.objects.get(slug="demo-casewriter")
    tool.summary = "Edited"
    tool.save()
    tool.capabilities.set([])
    demo.seed(stdout=io.StringIO())
    tool.refresh_from_db()
    spec = next(t for t in TOOLS if t["slug"] == "demo-casewriter")
    assert tool.summary == spec["summary"]
    assert tool.updated_at == datetime.fromisoformat(spec["updated"])
    assert list(tool.capabilities.values_list("slug", flat=True)) == spec["capabilities"]


def test_plain_investigator_words_find_sensible_tools(seeded):
    public = Tool.objects.public()
    expectations = {
        "known material": "hash-matching",
        "grooming": "grooming-detection",
        "transcribe": "speech-to-text",
        "deepfake": "ai-media-detection",
        "Spanish": "translation",
        "seized devices": "triage",
    }
    for words, capability in expectations.items():
        found = public.filter(search_vector=words)
        assert found.filter(capabilities__slug=capability).exists(), words


@pytest.mark.django_db
def test_generate_catalogue_command_bulk_creates_searchable_tools():
    out = io.StringIO()
    call_command("generate_catalogue", tools=250, batch_size=100, stdout=out)
    assert "Created 250 synthetic tools" in out.getvalue()
    tools = Tool.objects.filter(slug__startswith="synthetic-")
    assert tools.count() == 250
    tool = tools.first()
    assert tool.stages.exists() and tool.capability_ids
    assert sorted(tool.capability_ids) == sorted(tool.capabilities.values_list("pk", flat=True))
    assert Tool.objects.filter(search_vector="synthetic").count() == 250
    call_command("generate_catalogue", tools=10, stdout=io.StringIO())
    assert tools.count() == 260


@pytest.mark.django_db
def test_generated_tools_are_published_demo_entries_with_their_terms_and_no_history():
    """The load-test generator writes rows set-wise: terms and their id arrays agree, and no
    audit-trail event is written per synthetic tool."""
    from catalogue.models import Tool

    events = apps.get_model("catalogue", "ToolEvent").objects
    before = events.count()
    assert demo.generate(count=30, stdout=io.StringIO(), batch_size=7) == 30
    tools = Tool.objects.filter(slug__startswith="synthetic-").prefetch_related("capabilities")
    assert tools.count() == 30
    for tool in tools:
        assert tool.is_demo and tool.status == Tool.Status.PUBLISHED
        assert tool.capability_ids == sorted(c.pk for c in tool.capabilities.all())
    assert events.count() == before
