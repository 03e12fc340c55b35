"""Fictional demo catalogue (text only) and synthetic tools for scale tests.

``seed`` creates 84 invented tools from 16 invented providers, every one flagged
``is_demo`` (shown as a "fictional demo" badge): names, figures and contacts are made up,
spread over every stage, capability, data type, phase, deployment, cost model and language
group so that each facet has something to show. ``generate`` bulk-creates N synthetic tools
for the benchmark. Neither stores or describes abuse material.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from catalogue import search
from catalogue.models import (
    Capability,
    CostModel,
    DataType,
    Deployment,
    Language,
    Phase,
    Provider,
    SkillLevel,
    Stage,
    Tool,
)
from catalogue.selectors import catalogue_changed

PROVIDERS = [
    ("Northlight Forensics", "company", "GB"),
    ("Vireo Labs", "company", "NL"),
    ("Kestrel Analytics", "company", "US"),
    ("Institute for Safer Networks", "academia", "DE"),
    ("Open Safeguard Collective", "community", "SE"),
    ("National Cyber Unit Innovation Lab", "law-enforcement", "FR"),
    ("Child Safety Tech Alliance", "ngo", "CA"),
    ("Meridian Data Systems", "company", "IN"),
    ("Atlas Language Technologies", "company", "ES"),
    ("Southern Cross Digital Forensics", "company", "AU"),
    ("Harbour Research Centre", "academia", "SG"),
    ("Global Policing Innovation Network", "international", "BE"),
    ("Lumen Vision Systems", "company", "JP"),
    ("Savanna Digital Safety Lab", "ngo", "KE"),
    ("Andes Forensic Software", "company", "BR"),
    ("Baltic Signal Processing", "company", "EE"),
]

# capability slug -> (four tool names, stages, data types, phases, what it does)
CAPABILITY_TOOLS = {
    "hash-matching": (
        ["HashHarbor", "Fingerprint Relay", "KnownFile Sieve", "PDQ Bridge"],
        ["image-analysis"],
        ["images", "video", "hash-lists"],
        ["detection", "triage"],
        "compares seized files against hash lists shared by hotlines and police, using "
        "cryptographic and perceptual hashes, and imports lists in PhotoDNA and PDQ formats",
    ),
    "age-estimation": (
        ["AgeLens", "Maturity Gauge", "Youthline Estimator", "Cohort Scope"],
        ["image-analysis"],
        ["images", "video"],
        ["triage", "identification"],
        "estimates the apparent age range of people in images and video frames and shows "
        "its uncertainty, so that an examiner confirms every decision",
    ),
    "classification": (
        ["TriageSort", "Category Prism", "Review Queue Ranker", "Severity Lens"],
        ["image-analysis"],
        ["images", "video"],
        ["triage", "analysis"],
        "sorts large collections into review categories so that examiners see the most "
        "relevant files first and are exposed to less distressing material overall",
    ),
    "face-matching": (
        ["FaceThread", "Likeness Link", "Portrait Bridge", "Recurrence Finder"],
        ["image-analysis"],
        ["images", "video"],
        ["identification", "analysis"],
        "finds the same person across images from different cases to help identify victims "
        "and link series, returning candidates that an analyst must confirm",
    ),
    "object-scene-recognition": (
        ["SceneSense", "Room Print", "Context Lens", "Object Atlas"],
        ["image-analysis"],
        ["images", "video"],
        ["identification", "analysis"],
        "recognises objects, furnishings, logos and room layouts that help victim "
        "identification teams narrow down where a picture was taken",
    ),
    "ocr": (
        ["GlyphReader", "Text-in-Image Scanner", "Caption Miner", "ScanScript"],
        ["image-analysis", "text-speech-analysis"],
        ["images", "documents"],
        ["analysis"],
        "reads printed and handwritten text inside images and scans, such as labels, "
        "screens and documents, in several scripts",
    ),
    "speech-to-text": (
        ["VoiceLedger", "Transcribe Desk", "Audio Scribe", "Soundtrack Reader"],
        ["text-speech-analysis"],
        ["audio", "video"],
        ["analysis", "prosecution"],
        "transcribes audio and video soundtracks with time codes and speaker turns, so "
        "that hours of recordings can be searched instead of listened to",
    ),
    "translation": (
        ["Polyglot Desk", "ChatTranslate", "Lingua Bridge", "Idiom Decoder"],
        ["text-speech-analysis"],
        ["chat-text", "documents"],
        ["analysis", "prosecution"],
        "translates chats and documents on the investigator's own hardware, including "
        "slang and abbreviations common in online conversations",
    ),
    "grooming-detection": (
        ["GroomGuard", "Conversation Sentinel", "SafeChat Signal", "Risk Dialogue Monitor"],
        ["text-speech-analysis", "prevention"],
        ["chat-text"],
        ["prevention", "detection"],
        "flags conversations that show grooming or sextortion patterns, such as moving a "
        "child to a private channel or requests for images, and explains each flag",
    ),
    "entity-extraction": (
        ["EntityMiner", "Identifier Harvest", "NameTrace", "Selector Extractor"],
        ["text-speech-analysis"],
        ["chat-text", "documents", "web-pages"],
        ["analysis", "identification"],
        "pulls usernames, payment references, places, phone numbers and other "
        "identifiers out of large text collections into a reviewable table",
    ),
    "dark-web-monitoring": (
        ["Onion Watch", "Hidden Forum Monitor", "Shadow Index", "Darknet Pulse"],
        ["prevention", "process-workflow-optimisation"],
        ["web-pages"],
        ["prevention", "detection"],
        "watches hidden services and forums for new offender communities, posts that "
        "advertise material and reuse of known handles, without downloading any media",
    ),
    "deduplication": (
        ["DupeCollapse", "Near-Duplicate Folder", "Single Review", "Variant Merger"],
        ["process-workflow-optimisation", "image-analysis"],
        ["images", "video", "documents"],
        ["triage"],
        "collapses exact and near-duplicate files so that each item is reviewed once, "
        "which shortens reviews and limits examiners' exposure",
    ),
    "triage": (
        ["DeviceTriage", "Priority Board", "First Look Kit", "Rapid Preview"],
        ["process-workflow-optimisation"],
        ["device-images", "metadata"],
        ["triage", "detection"],
        "ranks seized devices and referrals by urgency, for example signs of ongoing "
        "contact with a child, so that teams act first where a child may be at risk",
    ),
    "link-analysis": (
        ["LinkWeaver", "Network Canvas", "Relation Graph", "Contact Mapper"],
        ["process-workflow-optimisation"],
        ["network-data", "chat-text", "metadata"],
        ["analysis", "identification"],
        "maps relations between accounts, devices, payments and people across cases and "
        "shows the paths between them on a graph",
    ),
    "geolocation": (
        ["GeoClue", "Skyline Locator", "Place Finder", "Terrain Match"],
        ["image-analysis"],
        ["images", "video", "metadata"],
        ["identification"],
        "estimates where an image or video was taken from its scenery, signs, light and "
        "metadata, and lists candidate places with their evidence",
    ),
    "report-automation": (
        ["CaseWriter", "Court Brief Builder", "Referral Drafter", "Findings Composer"],
        ["content-generation", "process-workflow-optimisation"],
        ["documents", "metadata"],
        ["prosecution"],
        "drafts case, referral and court reports from structured findings; the "
        "investigator edits and signs every report",
    ),
    "synthetic-persona": (
        ["PersonaForge", "Cover Profile Studio", "Decoy Voice", "Undercover Assistant"],
        ["content-generation"],
        ["chat-text"],
        ["detection", "prevention"],
        "creates and keeps consistent lawful synthetic identities for authorised undercover "
        "work; it never generates images of children",
    ),
    "ai-media-detection": (
        ["SynthSpotter", "Provenance Check", "Generated Media Detector", "Artefact Probe"],
        ["image-analysis"],
        ["images", "video"],
        ["triage", "identification"],
        "tells AI-generated or manipulated media from camera originals, which helps teams "
        "decide whether a real child may need to be found",
    ),
    "metadata-extraction": (
        ["MetaHarvest", "Exif Inspector", "Container Reader", "Timeline Builder"],
        ["process-workflow-optimisation"],
        ["metadata", "device-images"],
        ["analysis"],
        "reads EXIF, file-system and container metadata and arranges it into a timeline "
        "of when and where files were created",
    ),
    "case-management": (
        ["CaseHub", "Evidence Ledger", "Team Tasker", "Victim Support Tracker"],
        ["process-workflow-optimisation"],
        ["documents"],
        ["analysis", "victim-support", "prosecution"],
        "tracks cases, evidence, deadlines and hand-overs across a team, including the "
        "referral of identified victims to support services",
    ),
}

EXTRA_TOOLS = [
    (
        "Deterrence Messenger",
        ["prevention"],
        ["classification"],
        ["web-pages"],
        ["prevention"],
        "shows warning and help messages to people who search for abuse material on "
        "participating platforms, and measures how often they turn away",
    ),
    (
        "Safety-by-Design Checker",
        ["prevention"],
        ["classification", "triage"],
        ["web-pages", "documents"],
        ["prevention"],
        "reviews an online service's features against child-safety design guidance and "
        "lists the gaps, for regulators and platform trust-and-safety teams",
    ),
    (
        "Wellbeing Rota",
        ["process-workflow-optimisation"],
        ["case-management"],
        ["documents"],
        ["victim-support"],
        "plans examiners' exposure to distressing material and schedules breaks and "
        "welfare check-ins, as part of a team's wellbeing policy",
    ),
    (
        "Training Data Synthesiser",
        ["content-generation"],
        ["synthetic-persona", "report-automation"],
        ["chat-text"],
        ["prevention", "detection"],
        "writes synthetic, abuse-free chat transcripts that show grooming patterns, for "
        "training detectors and investigators without using real victims' words",
    ),
]

LANGUAGE_SETS = [
    ["en"],
    ["en", "fr", "es"],
    ["en", "ar", "fr"],
    ["en", "ru", "zh"],
    ["en", "pt", "es"],
    ["en", "de", "nl", "pl"],
    ["en", "hi", "id", "th", "vi", "tl"],
    ["en", "ja", "ko", "zh"],
    ["en", "sw", "fr"],
    ["en", "tr", "ar", "it"],
]
DEPLOYMENT_SETS = [
    ["on-premises"],
    ["on-premises", "desktop"],
    ["cloud", "api"],
    ["desktop"],
    ["cloud"],
    ["on-premises", "api"],
    ["mobile", "cloud"],
]
COSTS = [c.value for c in CostModel]
SKILLS = [s.value for s in SkillLevel]
LICENCES = ["Apache-2.0", "GPL-3.0-or-later", "MIT", "AGPL-3.0-or-later"]


INTEGRATIONS = {
    "hash-matching": "Imports hash lists in PhotoDNA and PDQ formats from hotlines; exports "
    "CSV and JSON (demo text).",
    "translation": "Works with the speech-to-text and entity-extraction tools of the same "
    "provider; exports CSV and JSON (demo text).",
}
DEFAULT_INTEGRATIONS = (
    "Exports CSV and JSON; reads case files from common forensic suites (demo text)."
)


def _demo_text(name: str, what: str, provider: str, capability: str = "") -> dict:
    return {
        "summary": f"{name} {what}."[:300],
        "description": (
            f"**Fictional demo entry.** {name} {what}.\n\n"
            f"This description was written for the Global Hub demonstration: {provider} is an "
            "invented organisation and no real product is described. A real entry would say "
            "which versions were evaluated, what the tool needs from the agency, and where "
            "its limits are."
        ),
        "hardware": "A workstation with 16 GB of memory; a GPU speeds up video (demo text).",
        "integrations": INTEGRATIONS.get(capability, DEFAULT_INTEGRATIONS),
        "accuracy_evidence": (
            "Provider-reported figures on a synthetic, abuse-free test set; no independent "
            "evaluation yet. Invented for the demo."
        ),
        "evidence_links": "https://example.org/demo-evaluation",
        "rai_lawfulness": "Processing needs a legal basis in the deploying agency's "
        "jurisdiction; the provider supplies a data-protection impact template (demo).",
        "rai_harm_minimisation": "Blurs previews by default and limits exposure of examiners "
        "to distressing material (demo).",
        "rai_human_autonomy": "Every result is a suggestion that a trained person confirms; "
        "nothing is actioned automatically (demo).",
        "rai_fairness": "Error rates are reported per age group, skin tone and language where "
        "the test data allows (demo).",
        "rai_good_governance": "Audit log of every query; model versions are recorded in "
        "reports for disclosure (demo).",
        "contact": f"Partnerships desk, {provider}: partnerships@example.org (fictional)",
        "pricing_details": "Indicative only: per-seat yearly licence, free pilot for agencies "
        "(fictional figures).",
        "deployment_notes": "Runs air-gapped; updates delivered on signed media (demo).",
    }


def _specs() -> list[dict]:
    specs = []
    for slug, (names, stages, data_types, phases, what) in CAPABILITY_TOOLS.items():
        for name in names:
            specs.append(
                {
                    "name": name,
                    "stages": stages,
                    "capabilities": [slug],
                    "data_types": data_types,
                    "phases": phases,
                    "what": what,
                }
            )
    for name, stages, capabilities, data_types, phases, what in EXTRA_TOOLS:
        specs.append(
            {
                "name": name,
                "stages": stages,
                "capabilities": capabilities,
                "data_types": data_types,
                "phases": phases,
                "what": what,
            }
        )
    capability_slugs = list(CAPABILITY_TOOLS)
    for i, spec in enumerate(specs):
        # A second capability for every third tool, so related tools overlap.
        if i % 3 == 0:
            extra = capability_slugs[(i * 7) % len(capability_slugs)]
            if extra not in spec["capabilities"]:
                spec["capabilities"] = [*spec["capabilities"], extra]
    return specs


def _status(i: int) -> str:
    if i in (5, 27, 61):
        return Tool.Status.IN_REVIEW
    if i in (13, 44):
        return Tool.Status.DRAFT
    if i in (20, 71):
        return Tool.Status.RETIRED
    return Tool.Status.PUBLISHED


def seed(*, stdout) -> None:
    """Create or update the demo providers and tools (running it twice changes nothing)."""
    from hub.demo import ACCOUNTS
    from hub.models import User

    provider_user = User.objects.filter(email=ACCOUNTS["provider"]).first()
    providers = []
    for name, kind, country in PROVIDERS:
        values = {
            "name": f"{name} (demo)",
            "kind": kind,
            "country": country,
            "website": "https://example.org/",
            "description": "A fictional organisation invented for the demo catalogue.",
            "is_demo": True,
        }
        provider, created = Provider.objects.get_or_create(
            slug=f"demo-{_slugify(name)}", defaults=values
        )
        if not created and any(str(getattr(provider, k)) != str(v) for k, v in values.items()):
            for key, value in values.items():
                setattr(provider, key, value)
            provider.save()
        providers.append(provider)
    terms = {
        "stages": {t.slug: t for t in Stage.objects.all()},
        "capabilities": {t.slug: t for t in Capability.objects.all()},
        "data_types": {t.slug: t for t in DataType.objects.all()},
        "phases": {t.slug: t for t in Phase.objects.all()},
    }
    # A fixed reference date keeps the data identical whenever it is seeded on the same day.
    today = timezone.localdate()
    tools = []
    for i, spec in enumerate(_specs()):
        provider = providers[i % len(providers)]
        status = _status(i)
        verified = today - timedelta(days=(i * 23) % 700)
        open_source = i % 4 == 0
        defaults = {
            "name": spec["name"],
            "provider": provider,
            **_demo_text(spec["name"], spec["what"], provider.name, spec["capabilities"][0]),
            "languages": LANGUAGE_SETS[i % len(LANGUAGE_SETS)],
            "deployment": DEPLOYMENT_SETS[i % len(DEPLOYMENT_SETS)],
            "cost_model": CostModel.FREE if open_source else COSTS[i % len(COSTS)],
            "open_source": open_source,
            "licence": LICENCES[i % len(LICENCES)] if open_source else "Proprietary",
            "countries_available": [] if i % 5 else ["BR", "DE", "FR", "GB", "KE"],
            "skill_level": SKILLS[i % len(SKILLS)],
            "website": "https://example.org/",
            "visibility": "verified" if i % 7 == 3 else "public",
            "status": status,
            "is_demo": True,
            "submitted_by": provider_user if status == Tool.Status.IN_REVIEW else None,
        }
        tool = Tool.objects.filter(slug=f"demo-{_slugify(spec['name'])}").first()
        if tool is None:
            tool = Tool(slug=f"demo-{_slugify(spec['name'])}")
        if tool.pk is None:
            defaults["last_verified"] = verified if status != Tool.Status.IN_REVIEW else None
        changed = tool.pk is None or any(
            _comparable(getattr(tool, k)) != _comparable(v) for k, v in defaults.items()
        )
        for key, value in defaults.items():
            setattr(tool, key, value)
        if status in (Tool.Status.PUBLISHED, Tool.Status.RETIRED):
            tool.published_at = tool.published_at or timezone.now() - timedelta(days=i * 5)
        if changed:
            tool.full_clean()
            tool.save()
        for relation in ("stages", "capabilities", "data_types", "phases"):
            wanted = [terms[relation][slug] for slug in spec[relation]]
            current = set(getattr(tool, relation).values_list("pk", flat=True))
            if current != {t.pk for t in wanted}:
                getattr(tool, relation).set(wanted)
        tool.refresh_denormalised()  # an UPDATE of untracked columns: no history event
        tools.append(tool)
    search.refresh_terms([t.pk for t in tools])
    stdout.write(f"Catalogue: {len(tools)} fictional demo tools from {len(providers)} providers.")


def _comparable(value):
    if isinstance(value, list):
        return [getattr(v, "code", v) for v in value]
    return value


def _slugify(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)


# Synthetic tools for scale tests ------------------------------------------------------------

WORDS = [
    "vision", "signal", "harbor", "beacon", "vector", "lattice", "prism", "summit", "delta",
    "ember", "falcon", "granite", "horizon", "iris", "juniper", "kernel", "lumen", "mosaic",
    "nimbus", "orbit", "pillar", "quartz", "ripple", "sentry", "tundra", "umbra", "vertex",
    "willow", "xenon", "yonder", "zephyr", "anchor", "bastion", "cascade", "drift", "echo",
]  # fmt: skip


def generate(*, count: int, stdout, batch_size: int = 2000, rng_seed: int = 2026) -> int:
    """Bulk-create ``count`` synthetic published tools (flagged as demo) in batches.

    Rows, relations and the search keywords are written with ``bulk_create``; the stored
    search vector is computed by PostgreSQL as rows arrive. Returns the number created.
    """
    rng = random.Random(rng_seed)
    stages = list(Stage.objects.all())
    capabilities = list(Capability.objects.all())
    data_types = list(DataType.objects.all())
    phases = list(Phase.objects.all())
    providers = _synthetic_providers(rng)
    start = Tool.objects.filter(slug__startswith="synthetic-").count()
    today = timezone.localdate()
    now = timezone.now()
    through = {
        "stages": (Tool.stages.through, "stage_id", stages),
        "capabilities": (Tool.capabilities.through, "capability_id", capabilities),
        "data_types": (Tool.data_types.through, "datatype_id", data_types),
        "phases": (Tool.phases.through, "phase_id", phases),
    }
    languages = [c.value for c in Language]
    deployments = [c.value for c in Deployment]
    created = 0
    spec_by_capability = CAPABILITY_TOOLS
    while created < count:
        n = min(batch_size, count - created)
        batch, relations = [], []
        for k in range(n):
            number = start + created + k + 1
            provider = providers[rng.randrange(len(providers))]
            caps = rng.sample(capabilities, rng.choice([1, 1, 2, 3]))
            what = spec_by_capability[caps[0].slug][4]
            words = " ".join(rng.sample(WORDS, 2)).title()
            name = f"{words} {caps[0].name} {number}"
            open_source = rng.random() < 0.25
            tool = Tool(
                name=name,
                slug=f"synthetic-{number}",
                provider=provider,
                summary=f"Synthetic test entry: {name} {what.split(',')[0]}."[:300],
                description=f"Synthetic entry for load tests. {name} {what}.",
                languages=rng.sample(languages, rng.randint(1, 4)),
                deployment=rng.sample(deployments, rng.randint(1, 2)),
                cost_model=rng.choice(COSTS),
                open_source=open_source,
                licence="Apache-2.0" if open_source else "",
                skill_level=rng.choice(SKILLS),
                visibility="verified" if rng.random() < 0.15 else "public",
                status=Tool.Status.PUBLISHED,
                published_at=now,
                last_verified=today - timedelta(days=rng.randrange(900)),
                created_at=now,
                is_demo=True,
                integrations="Exports CSV and JSON.",
            )
            tool.keywords = " ".join(
                [name, provider.name, *(c.name for c in caps), tool.integrations]
            )
            picks = {
                "stages": rng.sample(stages, rng.choice([1, 1, 2])),
                "capabilities": caps,
                "data_types": rng.sample(data_types, rng.randint(1, 3)),
                "phases": rng.sample(phases, rng.randint(1, 2)),
            }
            tool.stage_ids = sorted(t.pk for t in picks["stages"])
            tool.capability_ids = sorted(t.pk for t in picks["capabilities"])
            tool.data_type_ids = sorted(t.pk for t in picks["data_types"])
            tool.phase_ids = sorted(t.pk for t in picks["phases"])
            batch.append(tool)
            relations.append(picks)
        with transaction.atomic():
            Tool.objects.bulk_create(batch, batch_size=batch_size)
            for relation, (model, column, _terms) in through.items():
                rows = [
                    model(tool_id=tool.pk, **{column: term.pk})
                    for tool, picks in zip(batch, relations, strict=True)
                    for term in picks[relation]
                ]
                model.objects.bulk_create(rows, batch_size=5000)
        created += n
        if created % 10000 < batch_size or created == count:
            stdout.write(f"  {created} / {count} synthetic tools")
    search.refresh_terms()
    catalogue_changed()
    return created


def _synthetic_providers(rng: random.Random) -> list[Provider]:
    providers = list(Provider.objects.filter(slug__startswith="synthetic-provider-"))
    if len(providers) >= 200:
        return providers
    kinds = [k.value for k in Provider.Kind]
    country_codes = ["FR", "DE", "GB", "US", "NL", "ES", "BR", "IN", "KE", "JP", "AU", "CA"]
    new = [
        Provider(
            name=f"Synthetic Provider {i}",
            slug=f"synthetic-provider-{i}",
            kind=rng.choice(kinds),
            country=rng.choice(country_codes),
            is_demo=True,
        )
        for i in range(len(providers) + 1, 201)
    ]
    Provider.objects.bulk_create(new)
    return list(Provider.objects.filter(slug__startswith="synthetic-provider-"))
