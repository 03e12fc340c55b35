"""Writes that carry the tracker's rules: status changes leave a dated, sourced event behind,
assessments must cite the provisions they rest on, participation is recorded as the treaty
office states it, and curators mark what they have checked. Admin forms, admin actions, CSV
imports and commands all call these. (Loading the data files is ``legislation.loader``.)"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from legislation.models import (
    Assessment,
    Criterion,
    Event,
    Instrument,
    Jurisdiction,
    Participation,
)


def _mark_dated(
    *, model: type[models.Model], queryset: QuerySet, field: str, on: date | None
) -> int:
    """Stamp ``field`` with ``on`` (today) on every row of ``queryset``, locked and validated."""
    on = on or timezone.localdate()
    update_fields = [field]
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        update_fields.append("updated_at")
    count = 0
    for obj in model.objects.filter(pk__in=queryset.values("pk")).select_for_update():
        setattr(obj, field, on)
        obj.full_clean()
        obj.save(update_fields=update_fields)
        count += 1
    return count


@transaction.atomic
def instruments_mark_verified(*, instruments: QuerySet, on: date | None = None) -> int:
    """A curator has checked these instruments against their sources today (or ``on``)."""
    return _mark_dated(model=Instrument, queryset=instruments, field="last_verified", on=on)


@transaction.atomic
def assessments_mark_verified(*, assessments: QuerySet, on: date | None = None) -> int:
    """A curator has checked these answers against their sources today (or ``on``)."""
    return _mark_dated(model=Assessment, queryset=assessments, field="last_verified", on=on)


@transaction.atomic
def jurisdictions_mark_checked(*, jurisdictions: QuerySet, on: date | None = None) -> int:
    """A curator has gone through these jurisdictions' entries today (or ``on``)."""
    return _mark_dated(model=Jurisdiction, queryset=jurisdictions, field="last_checked", on=on)


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


def assessment_check_citation(
    *, jurisdiction: Jurisdiction, answer: str, instrument: Instrument | None, article: str
) -> None:
    """A "yes" or "partly" must cite articles of a recorded instrument that can bind the
    jurisdiction: its own law, a body's law or a treaty (raises ValidationError)."""
    if answer not in {"yes", "partial"}:
        return
    errors = {}
    if instrument is None:
        errors["instrument"] = _("Cite the recorded instrument that carries this answer.")
    elif not (
        instrument.jurisdiction_id == jurisdiction.pk
        or instrument.is_treaty
        or jurisdiction.member_of.filter(pk=instrument.jurisdiction_id).exists()
    ):
        errors["instrument"] = _(
            "%(instrument)s is law of %(other)s, which does not bind %(jurisdiction)s."
        ) % {
            "instrument": instrument.short_title,
            "other": instrument.jurisdiction.display_name,
            "jurisdiction": jurisdiction.display_name,
        }
    if not article.strip():
        errors["article"] = _("Name the articles or sections that carry this answer.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_record(
    *,
    jurisdiction: Jurisdiction,
    criterion: Criterion,
    answer: str,
    instrument: Instrument | None = None,
    article: str = "",
    note: str = "",
    source_url: str = "",
    verified: bool = True,
    on: date | None = None,
) -> Assessment:
    """Create or replace the answer for one cell of the matrix. ``on`` is the day the answer
    was worked out from its source (today when a curator records it now)."""
    assessment_check_citation(
        jurisdiction=jurisdiction, answer=answer, instrument=instrument, article=article
    )
    assessment = (
        Assessment.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, criterion=criterion)
        .first()
    ) or Assessment(jurisdiction=jurisdiction, criterion=criterion)
    assessment.answer = answer
    assessment.instrument = instrument
    assessment.article = article
    assessment.note = note
    assessment.source_url = source_url
    assessment.verified = verified
    assessment.assessed_on = on or timezone.localdate()
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def participation_record(
    *,
    jurisdiction: Jurisdiction,
    treaty: Instrument,
    values: dict,
) -> Participation:
    """Create or replace a state's participation in a treaty. ``values`` holds the model's
    fields (``legislation.loader.participation_values`` makes them from a CSV row)."""
    if not jurisdiction.is_state:
        raise ValidationError({"jurisdiction": _("Only states take part in treaties.")})
    if not treaty.is_treaty:
        raise ValidationError({"treaty": _("%(title)s is not a treaty.") % {"title": treaty}})
    participation = (
        Participation.objects.select_for_update()
        .filter(jurisdiction=jurisdiction, treaty=treaty)
        .first()
    ) or Participation(jurisdiction=jurisdiction, treaty=treaty)
    for key, value in values.items():
        setattr(participation, key, value)
    participation.full_clean()
    participation.save()
    return participation
