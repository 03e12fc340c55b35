"""The catalogue's reference data: stages, capabilities, data types and investigation phases.

They live in ``fixtures/catalogue_taxonomy.json`` (Django's fixture format with natural keys,
so ``manage.py loaddata catalogue_taxonomy`` restores them too). A data migration loads them,
so they exist in every database, tests included; curators may edit names and descriptions in
the admin. Other apps rely on the slugs (see the working agreement).

Names and descriptions are translated in the database (``catalogue/translation.py``): each
entry carries ``name`` (English) and ``name_ar``, ``name_es``... The loaders write the columns
the model has at that point of the migrations, English into ``name_en`` once it exists.
"""

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "catalogue_taxonomy.json"
MODELS = {
    "catalogue.stage": "Stage",
    "catalogue.capability": "Capability",
    "catalogue.datatype": "DataType",
    "catalogue.phase": "Phase",
}


def entries() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def slugs(model: str) -> list[str]:
    """The slugs of one model (``"catalogue.stage"``...), in order."""
    return [e["fields"]["slug"] for e in entries() if e["model"] == model]


TRANSLATED = ("name", "description")


def _values(model, fields: dict) -> dict:
    """The entry's fields that ``model`` has, English copied into ``<field>_en`` where the
    model is translated (an empty translation is stored as NULL)."""
    known = {f.name for f in model._meta.get_fields()}
    values = {}
    for key, value in fields.items():
        if key in known:
            values[key] = value
        if key in TRANSLATED and f"{key}_en" in known:
            values[f"{key}_en"] = value or None
    return values


def load(apps) -> None:
    """Create or update every term by slug (the data migration; safe to run again)."""
    for entry in entries():
        model = apps.get_model("catalogue", MODELS[entry["model"]])
        fields = _values(model, entry["fields"])
        model.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)


def load_missing(apps) -> int:
    """Create missing terms and fill empty language columns from the fixture, keeping every
    name a curator has written (``seed_demo``). Returns the number of terms changed."""
    changed = 0
    for entry in entries():
        model = apps.get_model("catalogue", MODELS[entry["model"]])
        fields = _values(model, entry["fields"])
        term = model.objects.filter(slug=fields["slug"]).first()
        if term is None:
            model.objects.create(**fields)
            changed += 1
            continue
        missing = {
            k: v
            for k, v in fields.items()
            if k not in TRANSLATED and v and not term.__dict__.get(k)
        }
        if missing:
            model.objects.filter(pk=term.pk).update(**missing)
            changed += 1
    return changed
