"""Writes that carry the tracker's rules: status changes leave a dated, sourced event behind,
assessments must cite what they rest on, and loading the shipped facts never overwrites a
curator's edits."""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django_countries import countries

from catalogue.models import Capability
from legislation import data, reference
from legislation.models import (
    Assessment,
    Coverage,
    Criterion,
    Event,
    Instrument,
    Jurisdiction,
    Relation,
    Source,
    Topic,
)


@transaction.atomic
def instruments_mark_verified(*, instruments, on: date | None = None) -> int:
    """A curator has checked these instruments against their sources today (or ``on``)."""
    on = on or timezone.localdate()
    count = 0
    for instrument in Instrument.objects.filter(
        pk__in=instruments.values("pk")
    ).select_for_update():
        instrument.last_verified = on
        instrument.full_clean()
        instrument.save(update_fields=["last_verified", "updated_at"])
        count += 1
    return count


@transaction.atomic
def assessments_mark_verified(*, assessments, on: date | None = None) -> int:
    on = on or timezone.localdate()
    count = 0
    for assessment in Assessment.objects.filter(
        pk__in=assessments.values("pk")
    ).select_for_update():
        assessment.last_verified = on
        assessment.full_clean()
        assessment.save(update_fields=["last_verified"])
        count += 1
    return count


@transaction.atomic
def instrument_change_status(
    *,
    instrument: Instrument,
    status: str,
    on: date,
    source_url: str,
    title: str = "",
    kind: str = Event.Kind.OTHER,
) -> Event:
    """Move an instrument to a new status and record the step on its timeline (and feed)."""
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    instrument.status = status
    instrument.full_clean()
    instrument.save(update_fields=["status", "updated_at"])
    event = Event(
        instrument=instrument,
        date=on,
        kind=kind,
        title=title or f"Status: {instrument.get_status_display()}",
        source_url=source_url,
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def instrument_status_changed(*, instrument: Instrument, on: date | None = None) -> Event:
    """Record on the timeline (and so in the feed) that a curator changed the status."""
    on = on or timezone.localdate()
    title = f"Status in the tracker: {instrument.get_status_display()}"
    event, _ = Event.objects.get_or_create(
        instrument=instrument,
        date=on,
        title=title,
        defaults={
            "kind": Event.Kind.OTHER,
            "source_url": instrument.official_url,
            "note": instrument.status_note[:300],
        },
    )
    return event


@transaction.atomic
def assessment_record(
    *,
    jurisdiction: Jurisdiction,
    criterion: Criterion,
    answer: str,
    instrument: Instrument | None = None,
    article: str = "",
    note: str = "",
    on: date | None = None,
) -> Assessment:
    """Create or replace the answer for one cell of the matrix; it must cite an instrument."""
    assessment = (
        Assessment.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, criterion=criterion)
        .first()
    ) or Assessment(jurisdiction=jurisdiction, criterion=criterion)
    assessment.answer = answer
    assessment.instrument = instrument
    assessment.article = article
    assessment.note = note
    assessment.assessed_on = on or timezone.localdate()
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def reference_data_ensure() -> int:
    """Create any missing jurisdiction, membership, topic or criterion (the migrations create
    them; this restores them in a database that was emptied, e.g. by browser tests). Existing
    rows are left as curators made them. Returns the number of rows created."""
    created = 0
    with translation.override("en"):
        for region, codes in reference.UN_MEMBER_STATES.items():
            for code in codes:
                _, made = Jurisdiction.objects.get_or_create(
                    code=code,
                    defaults={"name": str(countries.name(code)), "kind": "state", "region": region},
                )
                created += made
    for code, name, region in reference.SUPRANATIONAL:
        _, made = Jurisdiction.objects.get_or_create(
            code=code, defaults={"name": name, "kind": "supranational", "region": region}
        )
        created += made
    if created:
        by_code = {j.code: j for j in Jurisdiction.objects.all()}
        for body, members in reference.MEMBERSHIPS.items():
            by_code[body].members.add(*(by_code[code] for code in members))
    capabilities = {c.slug: c for c in Capability.objects.all()}
    for position, (slug, name, description) in enumerate(reference.TOPICS):
        topic, made = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        if made:
            wanted = reference.TOPIC_CAPABILITIES.get(slug, [])
            topic.capabilities.add(*(capabilities[c] for c in wanted if c in capabilities))
        created += made
    for position, (framework, slug, label, text) in enumerate(reference.CRITERIA):
        _, made = Criterion.objects.get_or_create(
            slug=slug,
            defaults={"framework": framework, "label": label, "text": text, "position": position},
        )
        created += made
    return created


@transaction.atomic
def shipped_data_load(*, stdout=None) -> dict[str, int]:
    """Create the shipped instruments and their facts where they do not exist yet.

    Rows are matched on their natural keys and only created, never updated, so running it
    again changes nothing and a curator's corrections survive.
    """
    created = dict.fromkeys(
        ["instruments", "events", "coverage", "sources", "relations", "assessments"], 0
    )
    jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    criteria = {c.slug: c for c in Criterion.objects.all()}
    instruments = {}

    for item in data.INSTRUMENTS:
        instrument = Instrument.objects.filter(slug=item["slug"]).first()
        if instrument is None:
            instrument = Instrument(
                slug=item["slug"],
                jurisdiction=jurisdictions[item["jurisdiction"]],
                **{
                    field: item[field]
                    for field in (
                        "title",
                        "short_title",
                        "citation",
                        "type",
                        "status",
                        "status_note",
                        "summary",
                        "official_url",
                    )
                },
            )
            instrument.full_clean()
            instrument.save()
            created["instruments"] += 1
        instruments[item["slug"]] = instrument

        for title, url in item["sources"]:
            _, made = Source.objects.get_or_create(
                instrument=instrument, url=url, defaults={"title": title}
            )
            created["sources"] += made
        for day, precision, kind, title, url, note in item["events"]:
            if not Event.objects.filter(instrument=instrument, date=day, title=title).exists():
                event = Event(
                    instrument=instrument,
                    date=day,
                    date_precision=precision,
                    kind=kind,
                    title=title,
                    source_url=url,
                    note=note,
                )
                event.full_clean()
                event.save()
                created["events"] += 1
        for slug, level, article, note in item["coverage"]:
            _, made = Coverage.objects.get_or_create(
                instrument=instrument,
                topic=topics[slug],
                defaults={"level": level, "article": article, "note": note},
            )
            created["coverage"] += made

    for source, kind, target in data.RELATIONS:
        _, made = Relation.objects.get_or_create(
            source=instruments[source], kind=kind, target=instruments[target]
        )
        created["relations"] += made

    for code, criterion, answer, instrument, article, note in data.ASSESSMENTS:
        if not Assessment.objects.filter(
            jurisdiction=jurisdictions[code], criterion=criteria[criterion]
        ).exists():
            assessment = Assessment(
                jurisdiction=jurisdictions[code],
                criterion=criteria[criterion],
                answer=answer,
                instrument=instruments[instrument],
                article=article,
                note=note,
            )
            assessment.full_clean()
            assessment.save()
            created["assessments"] += 1

    if stdout is not None:
        stdout.write(
            "Legislation: "
            + ", ".join(f"{count} {name}" for name, count in created.items())
            + " added."
        )
    return created
