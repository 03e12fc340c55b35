"""The one loader of the tracker's reference data: jurisdictions, topics, criteria, instruments,
events, sources, relations, coverage, assessments and treaty participation.

The data lives in files, one per kind, each row with its source (``fixtures/legislation/``):

- ``jurisdictions.json``, ``topics.json``, ``criteria.json``, ``instruments.json``,
  ``events.json``, ``sources.json``, ``relations.json``: lists of objects;
- ``coverage.csv``, ``assessments.csv``, ``participation.csv``: the columns researchers use
  (see ``COLUMNS``);
- ``research/``: researchers' files copied as they were delivered (``participation.csv``,
  ``instruments.csv``, ``coverage.csv``, ``assessments.csv``), read after the files above.

``seed_demo`` loads the live directory; each data migration passes a frozen copy of its own
(``legislation/migrations/data/<migration>/``) and its historical models through ``apps``, so
replaying a migration never depends on files or modules that change later.

Loading is idempotent: rows are matched on their natural keys and only created, so a
curator's corrections survive; a topic's or criterion's language column that is empty is
filled from the files (``name_fr``...). Pass ``overwrite=True`` to make the files win instead.
Dates are ISO ``YYYY-MM-DD``, or ``YYYY-MM`` (``YYYY``) when only the month (year) is known.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.apps import apps as live_apps
from django.apps.registry import Apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "legislation"

KINDS = [
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
]
REFERENCE_KINDS = ["jurisdictions", "topics", "criteria"]

# The columns of the CSV files (researchers deliver these; dates ISO, ``verified`` yes or
# unverified).
COLUMNS = {
    "participation": [
        "state",
        "treaty",
        "signed",
        "consent",
        "consent_kind",
        "entry_into_force",
        "reservations",
        "source_url",
        "read_on",
        "verified",
    ],
    "instruments": [
        "jurisdiction",
        "slug",
        "title",
        "citation",
        "kind",
        "enacted",
        "summary",
        "source_url",
        "read_on",
        "verified",
    ],
    "coverage": ["instrument", "topic", "level", "articles", "note"],
    "assessments": [
        "jurisdiction",
        "criterion",
        "answer",
        "instrument",
        "articles",
        "note",
        "source_url",
        "assessed_on",
        "verified",
    ],
}

# Instrument kinds as researchers name them → the tracker's types.
INSTRUMENT_KINDS = {
    "act": "statute",
    "statute": "statute",
    "law": "statute",
    "code": "statute",
    "penal code": "statute",
    "criminal code": "statute",
    "ordinance": "statute",
    "decree": "regulation",
    "regulation": "regulation",
    "bill": "bill",
    "guidance": "guidance",
    "strategy": "strategy",
    "constitution": "statute",
}
CONSENT_KINDS = {
    "ratification": "ratification",
    "r": "ratification",
    "accession": "accession",
    "a": "accession",
    "acceptance": "acceptance",
    "approval": "approval",
    "aa": "approval",
    "succession": "succession",
    "d": "succession",
}


class LoadError(ValueError):
    """A row in a data file is wrong; the message names the file, the row and the fault."""


@dataclass
class Dated:
    value: date
    precision: str  # "day", "month" or "year"


def parse_date(text: str | None, *, where: str = "") -> Dated | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; empty gives None."""
    text = (text or "").strip()
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return Dated(date(int(parts[0]), int(parts[1]), int(parts[2])), "day")
        if len(parts) == 2:
            return Dated(date(int(parts[0]), int(parts[1]), 1), "month")
        if len(parts) == 1 and len(text) == 4:
            return Dated(date(int(text), 1, 1), "year")
    except ValueError:
        pass
    raise LoadError(
        _("%(where)s: “%(text)s” is not a date (YYYY-MM-DD, or YYYY-MM).")
        % {"where": where, "text": text}
    )


def is_verified(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "yes").strip().lower() in {"yes", "y", "true", "1", "verified"}


def read_rows(directory: Path, kind: str, *, research: bool = True) -> list[dict]:
    """Every row of one kind: ``<kind>.json``, ``<kind>.csv``, then (unless ``research`` is
    False) ``research/<kind>.csv``. Each row carries ``_where`` (file and line)."""
    rows: list[dict] = []
    paths = [directory / f"{kind}.json", directory / f"{kind}.csv"]
    if research:
        paths.append(directory / "research" / f"{kind}.csv")
    for path in paths:
        if not path.exists():
            continue
        if path.suffix == ".json":
            for index, row in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
                rows.append({**row, "_where": f"{path.name} item {index}"})
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS.get(kind, [])) - set(reader.fieldnames or [])
            if missing:
                raise LoadError(f"{path}: missing columns {', '.join(sorted(missing))}.")
            for line, row in enumerate(reader, start=2):
                clean = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if not any(clean.values()):
                    continue
                clean["_where"] = f"{path.parent.name}/{path.name} line {line}"
                rows.append(clean)
    return rows


# The languages of translated topic and criterion wording besides English (the data files'
# ``name_fr``... keys, the models' columns; see ``legislation/translation.py``).
TRANSLATED_LANGUAGES = ("ar", "es", "fr", "ru", "zh_hans")
TRANSLATED_COLUMNS = {
    f"{field}_{language}"
    for field in ("name", "description", "label", "text")
    for language in ("en", *TRANSLATED_LANGUAGES)
}


def translations(row: dict, fields: tuple[str, ...]) -> dict:
    """The English text again as ``<field>_en`` and the row's other languages; ``upsert``
    drops the keys a model (a historical one in an old migration) does not have."""
    values = {}
    for field in fields:
        values[f"{field}_en"] = row.get(field, "")
        for language in TRANSLATED_LANGUAGES:
            if row.get(f"{field}_{language}"):
                values[f"{field}_{language}"] = row[f"{field}_{language}"]
    return values


class _Loader:
    def __init__(
        self, directory: Path, apps: Apps | None, overwrite: bool, research: bool = True
    ) -> None:
        self.directory = Path(directory)
        self.research = research
        self.apps = apps or live_apps
        self.overwrite = overwrite
        self.created = dict.fromkeys([*KINDS, "skipped"], 0)
        self._caches: dict = {}
        self._pending: list = []

    def model(self, name: str) -> type[Model]:
        return self.apps.get_model("legislation", name)

    def fields(self, model: type[Model]) -> set[str]:
        return {f.name for f in model._meta.get_fields()}

    def clean(self, obj: Model, where: str) -> None:
        """Validate the fields (foreign keys come resolved from lookups, so they are not
        queried again; constraints are checked by the database on insert)."""
        relations = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        try:
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise LoadError(f"{where}: {'; '.join(error.messages)}") from error

    def _key(self, lookup: dict) -> tuple:
        return tuple(
            (name, value.pk if hasattr(value, "_meta") else value)
            for name, value in sorted(lookup.items())
        )

    def _existing(self, model: type[Model], names: list[str]) -> dict:
        cache = self._caches.get(model)
        if cache is None:
            cache = {}
            for obj in model.objects.all():
                lookup = {n: getattr(obj, f"{n}_id" if self._is_fk(model, n) else n) for n in names}
                cache[tuple(sorted(lookup.items()))] = obj
            self._caches[model] = cache
        return cache

    @staticmethod
    def _is_fk(model: type[Model], name: str) -> bool:
        return model._meta.get_field(name).is_relation

    def upsert(
        self, model: type[Model], lookup: dict, values: dict, where: str
    ) -> tuple[Model, bool]:
        """Create the row if missing (queued for one bulk insert per kind, see ``flush``);
        update it only when overwriting. Fields a historical model lacks are dropped."""
        known = self.fields(model)
        values = {k: v for k, v in values.items() if k in known}
        cache = self._existing(model, sorted(lookup))
        key = self._key(lookup)
        obj = cache.get(key)
        if obj is None:
            obj = model(**lookup, **values)
            self.clean(obj, where)
            cache[key] = obj
            self._pending.append((obj, where))
            return obj, True
        if self.overwrite and obj.pk:
            for name, value in values.items():
                setattr(obj, name, value)
            self.clean(obj, where)
            self._write(lambda: obj.save(), where)
        elif obj.pk:
            # A language a row lacks is filled from the files; written wording is kept.
            empty = {
                k: v
                for k, v in values.items()
                if k in TRANSLATED_COLUMNS and v and not obj.__dict__.get(k)
            }
            if empty:
                self._write(lambda: model.objects.filter(pk=obj.pk).update(**empty), where)
                obj.__dict__.update(empty)
        return obj, False

    def flush(self, model: type[Model]) -> None:
        """Insert the queued rows of one kind in one query."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        objs = [obj for obj, _ in pending]
        self._write(lambda: model.objects.bulk_create(objs), pending[0][1].rsplit(" ", 2)[0])

    @staticmethod
    def _write(action: Callable[[], Any], where: str) -> None:
        try:
            with transaction.atomic():
                action()
        except IntegrityError as error:
            detail = str(error).splitlines()[0]
            raise LoadError(f"{where}: the database refused a row ({detail}).") from error

    def known_only(self, rows: list[dict], checks: dict[str, dict]) -> list[dict]:
        """Researchers' rows that name something the tracker does not hold (a jurisdiction
        that is not a UN member state, such as Hong Kong, or a row hanging off one) are left
        out and counted as skipped; the shipped files must be whole, so theirs raise."""
        kept = []
        for row in rows:
            unknown = [
                column
                for column, mapping in checks.items()
                if row.get(column) and row[column].strip() not in mapping
            ]
            if unknown and row["_where"].startswith("research/"):
                self.created["skipped"] += 1
                continue
            kept.append(row)
        return kept

    def lookup(self, mapping: dict, key: str, what: str, where: str) -> Model:
        try:
            return mapping[key]
        except KeyError:
            raise LoadError(f"{where}: no {what} “{key}”.") from None

    # Kinds ------------------------------------------------------------------------------------
    def jurisdictions(self, rows: list[dict]) -> None:
        Jurisdiction = self.model("Jurisdiction")
        for row in rows:
            _, made = self.upsert(
                Jurisdiction,
                {"code": row["code"]},
                {"name": row["name"], "kind": row["kind"], "region": row["region"]},
                row["_where"],
            )
            self.created["jurisdictions"] += made
        self.flush(Jurisdiction)
        by_code = {j.code: j for j in Jurisdiction.objects.all()}
        Through = Jurisdiction.member_of.through
        existing = set(Through.objects.values_list("from_jurisdiction_id", "to_jurisdiction_id"))
        links = []
        for row in rows:
            state = by_code[row["code"]]
            for body in row.get("member_of", []):
                pair = (state.pk, self.lookup(by_code, body, "body", row["_where"]).pk)
                if pair not in existing:
                    existing.add(pair)
                    links.append(Through(from_jurisdiction_id=pair[0], to_jurisdiction_id=pair[1]))
        Through.objects.bulk_create(links)

    def topics(self, rows: list[dict]) -> None:
        Topic = self.model("Topic")
        Capability = self.apps.get_model("catalogue", "Capability")
        capabilities = {c.slug: c for c in Capability.objects.all()}
        touched = []
        for row in rows:
            topic, made = self.upsert(
                Topic,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "description": row.get("description", ""),
                    **translations(row, ("name", "description")),
                    "position": row["position"],
                },
                row["_where"],
            )
            self.created["topics"] += made
            if made or self.overwrite:
                touched.append((topic, row.get("capabilities", [])))
        self.flush(Topic)
        for topic, wanted in touched:
            topic.capabilities.add(*(capabilities[s] for s in wanted if s in capabilities))

    def criteria(self, rows: list[dict]) -> None:
        Criterion = self.model("Criterion")
        has_topics = "topics" in self.fields(Criterion)
        topics = {t.slug: t for t in self.model("Topic").objects.all()}
        touched = []
        for row in rows:
            criterion, made = self.upsert(
                Criterion,
                {"slug": row["slug"]},
                {
                    "framework": row["framework"],
                    "label": row["label"],
                    "text": row["text"],
                    **translations(row, ("label", "text")),
                    "position": row["position"],
                },
                row["_where"],
            )
            self.created["criteria"] += made
            if has_topics and row.get("topics"):
                touched.append((criterion, made, row))
        self.flush(Criterion)
        for criterion, made, row in touched:
            if made or not criterion.topics.exists():
                criterion.topics.add(
                    *(self.lookup(topics, s, "topic", row["_where"]) for s in row["topics"])
                )

    def instruments(self, rows: list[dict]) -> None:
        Instrument = self.model("Instrument")
        jurisdictions = {j.code: j for j in self.model("Jurisdiction").objects.all()}
        for row in self.known_only(rows, {"jurisdiction": jurisdictions}):
            where = row["_where"]
            if "kind" in row and "type" not in row:
                row = self._instrument_from_research(row)
            read_on = parse_date(row.get("read_on"), where=where)
            values = {
                "jurisdiction": self.lookup(jurisdictions, row["jurisdiction"], "state", where),
                "title": row["title"],
                "short_title": row.get("short_title") or row["title"][:160],
                "citation": row.get("citation", ""),
                "type": row["type"],
                "status": row["status"],
                "status_note": row.get("status_note", ""),
                "summary": row["summary"],
                "official_url": row["official_url"],
                "code": row.get("code", ""),
                "verified": is_verified(row.get("verified")),
                "read_on": read_on.value if read_on else None,
            }
            _, made = self.upsert(Instrument, {"slug": row["slug"]}, values, where)
            self.created["instruments"] += made
        self.flush(Instrument)

    def _instrument_from_research(self, row: dict) -> dict:
        """A researcher's national-law row: an enacted law is adopted (it binds), and its
        enactment becomes a dated step with the same source."""
        where = row["_where"]
        kind = row["kind"].strip().lower()
        if kind not in INSTRUMENT_KINDS:
            raise LoadError(f"{where}: unknown kind “{row['kind']}”.")
        if not row.get("source_url"):
            raise LoadError(f"{where}: every instrument needs its source_url.")
        enacted = parse_date(row.get("enacted"), where=where)
        if enacted and INSTRUMENT_KINDS[kind] != "bill":
            self._pending_events.append(
                {
                    "instrument": row["slug"],
                    "date": row["enacted"],
                    "kind": "adopted",
                    "title": "Enacted",
                    "source_url": row["source_url"],
                    "note": "",
                    "_where": where,
                }
            )
        if INSTRUMENT_KINDS[kind] == "bill":
            # A bill is not law: shown, never counted as cover.
            status, note = "proposed", ""
        else:
            status, note = "adopted", ("" if enacted else "Date of enactment not recorded.")
        return {
            **row,
            "type": INSTRUMENT_KINDS[kind],
            "status": status,
            "status_note": note,
            "official_url": row["source_url"],
        }

    def events(self, rows: list[dict]) -> None:
        Event = self.model("Event")
        instruments = {i.slug: i for i in self.model("Instrument").objects.all()}
        for row in [*rows, *self._pending_events]:
            where = row["_where"]
            when = parse_date(row["date"], where=where)
            instrument = self.lookup(instruments, row["instrument"], "instrument", where)
            _, made = self.upsert(
                Event,
                {"instrument": instrument, "date": when.value, "title": row["title"]},
                {
                    "date_precision": when.precision,
                    "kind": row["kind"],
                    "source_url": row["source_url"],
                    "note": row.get("note", ""),
                },
                where,
            )
            self.created["events"] += made
        self.flush(Event)

    def sources(self, rows: list[dict]) -> None:
        Source = self.model("Source")
        instruments = {i.slug: i for i in self.model("Instrument").objects.all()}
        for row in rows:
            instrument = self.lookup(instruments, row["instrument"], "instrument", row["_where"])
            _, made = self.upsert(
                Source,
                {"instrument": instrument, "url": row["url"]},
                {"title": row["title"]},
                row["_where"],
            )
            self.created["sources"] += made
        self.flush(Source)

    def relations(self, rows: list[dict]) -> None:
        Relation = self.model("Relation")
        instruments = {i.slug: i for i in self.model("Instrument").objects.all()}
        for row in rows:
            where = row["_where"]
            _, made = self.upsert(
                Relation,
                {
                    "source": self.lookup(instruments, row["source"], "instrument", where),
                    "kind": row["kind"],
                    "target": self.lookup(instruments, row["target"], "instrument", where),
                },
                {},
                where,
            )
            self.created["relations"] += made
        self.flush(Relation)

    def coverage(self, rows: list[dict]) -> None:
        Coverage = self.model("Coverage")
        instruments = {i.slug: i for i in self.model("Instrument").objects.all()}
        topics = {t.slug: t for t in self.model("Topic").objects.all()}
        for row in self.known_only(rows, {"instrument": instruments, "topic": topics}):
            where = row["_where"]
            _, made = self.upsert(
                Coverage,
                {
                    "instrument": self.lookup(instruments, row["instrument"], "instrument", where),
                    "topic": self.lookup(topics, row["topic"], "topic", where),
                },
                {"level": row["level"], "article": row.get("articles", ""), "note": row["note"]},
                where,
            )
            self.created["coverage"] += made
        self.flush(Coverage)

    def assessments(self, rows: list[dict]) -> None:
        Assessment = self.model("Assessment")
        instruments = {i.slug: i for i in self.model("Instrument").objects.all()}
        jurisdictions = {j.code: j for j in self.model("Jurisdiction").objects.all()}
        criteria = {c.slug: c for c in self.model("Criterion").objects.all()}
        checks = {"jurisdiction": jurisdictions, "criterion": criteria, "instrument": instruments}
        for row in self.known_only(rows, checks):
            where = row["_where"]
            assessed = parse_date(row.get("assessed_on"), where=where)
            if assessed is None:
                raise LoadError(f"{where}: every assessment needs the date it was made.")
            instrument = None
            if row.get("instrument"):
                instrument = self.lookup(instruments, row["instrument"], "instrument", where)
            _, made = self.upsert(
                Assessment,
                {
                    "jurisdiction": self.lookup(jurisdictions, row["jurisdiction"], "state", where),
                    "criterion": self.lookup(criteria, row["criterion"], "criterion", where),
                },
                {
                    "answer": row["answer"],
                    "instrument": instrument,
                    "article": row.get("articles", ""),
                    "note": row.get("note", ""),
                    "source_url": row.get("source_url", ""),
                    "assessed_on": assessed.value,
                    "verified": is_verified(row.get("verified")),
                },
                where,
            )
            self.created["assessments"] += made
        self.flush(Assessment)

    def participation(self, rows: list[dict]) -> None:
        Participation = self.model("Participation")
        Instrument = self.model("Instrument")
        treaties = {i.code: i for i in Instrument.objects.exclude(code="")}
        treaties.update({i.slug: i for i in Instrument.objects.filter(type__in=TREATY_TYPES)})
        jurisdictions = {j.code: j for j in self.model("Jurisdiction").objects.all()}
        for row in self.known_only(rows, {"treaty": treaties}):
            where = row["_where"]
            treaty = self.lookup(treaties, row["treaty"].strip().lower(), "treaty", where)
            state = jurisdictions.get(row["state"].strip().upper())
            if state is None or state.kind != "state":
                # The tracker records UN member states only: a body (the EU signing a UN
                # convention) or a non-member state in a treaty office's list is left out.
                self.created["skipped"] += 1
                continue
            values = participation_values(row, where=where)
            _, made = self.upsert(
                Participation, {"jurisdiction": state, "treaty": treaty}, values, where
            )
            self.created["participation"] += made
        self.flush(Participation)

    def run(self, kinds: Iterable[str]) -> dict[str, int]:
        self._pending_events: list[dict] = []
        for kind in KINDS:
            if kind in kinds:
                loader: Callable[[list[dict]], None] = getattr(self, kind)
                loader(read_rows(self.directory, kind, research=self.research))
        return self.created


TREATY_TYPES = ["treaty", "protocol"]


def participation_values(row: dict, *, where: str = "") -> dict:
    """Model values from a participation row (researchers' columns)."""
    signed = parse_date(row.get("signed"), where=where)
    consent = parse_date(row.get("consent"), where=where)
    in_force = parse_date(row.get("entry_into_force"), where=where)
    read_on = parse_date(row.get("read_on"), where=where)
    kind_text = (row.get("consent_kind") or "").strip().lower()
    if kind_text and kind_text not in CONSENT_KINDS:
        raise LoadError(
            _(
                "%(where)s: unknown consent_kind “%(kind)s” (ratification, accession, "
                "acceptance, approval or succession)."
            )
            % {"where": where, "kind": row["consent_kind"]}
        )
    if not (row.get("source_url") or "").strip():
        raise LoadError(
            _("%(where)s: every participation row needs its source_url.") % {"where": where}
        )
    # A consent date, a consent kind or an entry into force: the state is bound. Only a
    # signature: it has signed. Nothing but the source: the source lists it as a party without
    # dates (kept, shown as "date not recorded").
    if consent or kind_text or in_force or not signed:
        status = "ratified"
    else:
        status = "signed"
    return {
        "status": status,
        "signed_on": signed.value if signed else None,
        "signed_precision": signed.precision if signed else "day",
        "ratified_on": consent.value if consent else None,
        "ratified_precision": consent.precision if consent else "day",
        "consent_kind": CONSENT_KINDS.get(kind_text, "") if status == "ratified" else "",
        "entry_into_force": in_force.value if in_force else None,
        "entry_into_force_precision": in_force.precision if in_force else "day",
        "reservations": row.get("reservations", ""),
        "source_url": row["source_url"].strip(),
        "read_on": read_on.value if read_on else None,
        "verified": is_verified(row.get("verified")),
    }


def reference_data_load(
    *,
    directory: Path = FIXTURES,
    apps: Apps | None = None,
    kinds: Iterable[str] | None = None,
    overwrite: bool = False,
    research: bool = True,
) -> dict[str, int]:
    """Load the data files in ``directory`` (all kinds, or ``kinds``) in one transaction.

    Returns the number of rows created per kind (and of rows skipped: participation of a body
    rather than a state). Raises ``LoadError`` naming the file and row
    of the first fault; nothing is written then. ``research=False`` leaves out the
    researchers' files (``research/``), e.g. for tests about the curated core."""
    with transaction.atomic():
        return _Loader(directory, apps, overwrite, research).run(set(kinds or KINDS))
