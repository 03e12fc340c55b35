"""Fictional demo catalogue (text only) and synthetic tools for scale tests.

``seed`` loads ``fixtures/demo/catalogue.json``: invented providers and tools, every one
flagged ``is_demo`` (shown as a "fictional demo" badge), with names, figures, evaluations and
addresses (under ``.demo.test``) made up. Each tool's tags follow from its description, and
its dates are absolute (listed, published, last verified, updated, none after the file's
``reference_date``), so seeding again, on any day, changes nothing. The ``rai``, ``evidence``,
``exposure_safeguards`` and ``human_review_documented`` keys are read by the responsible-AI
profile; this seed ignores them. ``generate`` bulk-creates N synthetic tools for the
benchmark. Neither stores or describes abuse material.
"""

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pgtrigger
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

DATA_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "catalogue.json"

# Tool fields copied from the data file as they are.
TOOL_FIELDS = [
    "name", "summary", "description", "deployment", "languages", "cost_model", "open_source",
    "licence", "countries_available", "skill_level", "hardware", "integrations",
    "accuracy_evidence", "evidence_links", "rai_lawfulness", "rai_harm_minimisation",
    "rai_human_autonomy", "rai_fairness", "rai_good_governance", "website", "contact",
    "pricing_details", "deployment_notes", "visibility", "status",
]  # fmt: skip
PROVIDER_FIELDS = ["name", "kind", "country", "website", "description"]
RELATIONS = {
    "stages": Stage,
    "capabilities": Capability,
    "data_types": DataType,
    "phases": Phase,
}

COSTS = [c.value for c in CostModel]
SKILLS = [s.value for s in SkillLevel]

# What a synthetic tool "does", by its first capability (benchmark text only).
CAPABILITY_WHAT = {
    "hash-matching": "compares seized files against hash lists shared by hotlines and police",
    "age-estimation": "estimates the apparent age range of people in images and video frames",
    "classification": "sorts large collections into review categories",
    "face-matching": "finds the same person across images from different cases",
    "object-scene-recognition": "recognises objects and rooms that help locate victims",
    "ocr": "reads printed and handwritten text inside images and scans",
    "speech-to-text": "transcribes audio and video soundtracks with time codes",
    "translation": "translates chats and documents on the investigator's own hardware",
    "grooming-detection": "flags conversations that show grooming or sextortion patterns",
    "entity-extraction": "pulls usernames, phone numbers and other identifiers out of text",
    "dark-web-monitoring": "watches hidden services and forums for offender communities",
    "deduplication": "collapses exact and near-duplicate files so each is reviewed once",
    "triage": "ranks seized devices and referrals by urgency",
    "link-analysis": "maps relations between accounts, devices, payments and people",
    "geolocation": "estimates where an image or video was taken",
    "report-automation": "drafts case, referral and court reports from structured findings",
    "synthetic-persona": "keeps lawful synthetic identities consistent for undercover work",
    "ai-media-detection": "tells AI-generated or manipulated media from camera originals",
    "metadata-extraction": "reads EXIF, file-system and container metadata into a timeline",
    "case-management": "tracks cases, evidence, deadlines and hand-overs across a team",
}


def load_data() -> dict:
    """The demo catalogue as stored: reference date, providers and tools."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _differs(current, wanted) -> bool:
    if isinstance(current, list):
        current = [getattr(v, "code", v) for v in current]
    return current != wanted


def seed(*, stdout) -> None:
    """Create or update the demo providers and tools; a second run writes nothing.

    Rows are saved (with ``full_clean``) only when a field differs from the data file, and
    relations only when they differ. ``created_at`` and ``updated_at`` then get the file's
    dates through a queryset ``update`` (``updated_at`` is ``auto_now``, so ``save`` would
    stamp today), together with the denormalised search columns, again only when they differ.
    """
    from django.apps import apps

    from catalogue import taxonomy
    from hub.demo import ACCOUNTS
    from hub.models import User

    # Reference data first: terms a migration did not create, translations a database lacks.
    if taxonomy.load_missing(apps):
        catalogue_changed()
    data = load_data()
    providers = {}
    for spec in data["providers"]:
        values = {field: spec[field] for field in PROVIDER_FIELDS}
        provider = Provider.objects.filter(slug=spec["slug"]).first()
        if provider is None:
            provider = Provider(slug=spec["slug"])
        if (
            provider.pk is None
            or any(str(getattr(provider, k)) != str(v) for k, v in values.items())
            or not provider.is_demo
        ):
            for key, value in values.items():
                setattr(provider, key, value)
            provider.is_demo = True
            provider.full_clean()
            provider.save()
        stamps = {"created_at": _moment(spec["created"]), "updated_at": _moment(spec["updated"])}
        if any(getattr(provider, k) != v for k, v in stamps.items()):
            Provider.objects.filter(pk=provider.pk).update(**stamps)
        providers[spec["slug"]] = provider

    submitters = {key: User.objects.filter(email=email).first() for key, email in ACCOUNTS.items()}
    terms = {
        relation: {t.slug: t for t in model.objects.all()} for relation, model in RELATIONS.items()
    }
    existing = {
        tool.slug: tool
        for tool in Tool.objects.filter(slug__in=[spec["slug"] for spec in data["tools"]])
        .select_related("provider", "submitted_by")
        .prefetch_related(*RELATIONS)
    }
    changed = []
    for spec in data["tools"]:
        values = {field: spec[field] for field in TOOL_FIELDS}
        values["provider"] = providers[spec["provider"]]
        values["published_at"] = _moment(spec["published"])
        values["last_verified"] = _day(spec["last_verified"])
        values["submitted_by"] = (
            submitters.get(spec["submitted_by"]) if spec["submitted_by"] else None
        )
        values["is_demo"] = True
        tool = existing.get(spec["slug"])
        if tool is None:
            tool = Tool(slug=spec["slug"], created_at=_moment(spec["created"]))
        touched = tool.pk is None
        if touched or any(_differs(getattr(tool, k), v) for k, v in values.items()):
            for key, value in values.items():
                setattr(tool, key, value)
            tool.full_clean()
            tool.save()
            touched = True
        for relation, by_slug in terms.items():
            wanted = [by_slug[slug] for slug in spec[relation]]
            current = {t.pk for t in getattr(tool, relation).all()} if not touched else None
            if current != {t.pk for t in wanted}:
                getattr(tool, relation).set(wanted)
                touched = True
        # Dates from the file and the denormalised columns search and facets read, in one
        # UPDATE and only when something differs (an unchanged tool gets no write at all).
        columns = {
            "created_at": _moment(spec["created"]),
            "updated_at": _moment(spec["updated"]),
            "keywords": tool.build_keywords(),
            "stage_ids": sorted(t.pk for t in tool.stages.all()),
            "capability_ids": sorted(t.pk for t in tool.capabilities.all()),
            "data_type_ids": sorted(t.pk for t in tool.data_types.all()),
            "phase_ids": sorted(t.pk for t in tool.phases.all()),
        }
        if any(getattr(tool, k) != v for k, v in columns.items()):
            Tool.objects.filter(pk=tool.pk).update(**columns)
            touched = True
        if touched:
            changed.append(tool.pk)
    if changed:
        search.refresh_terms(changed)
        catalogue_changed()
    stdout.write(
        f"Catalogue: {len(data['tools'])} fictional demo tools from {len(providers)} "
        f"providers ({len(changed)} created or updated)."
    )


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
    while created < count:
        n = min(batch_size, count - created)
        batch, relations = [], []
        for k in range(n):
            number = start + created + k + 1
            provider = providers[rng.randrange(len(providers))]
            caps = rng.sample(capabilities, rng.choice([1, 1, 2, 3]))
            what = CAPABILITY_WHAT[caps[0].slug]
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
        # Synthetic rows for load tests get no audit-trail event each (the history trigger
        # is skipped for this insert only); curators' changes are still recorded.
        with transaction.atomic(), pgtrigger.ignore("catalogue.Tool:insert_insert"):
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
