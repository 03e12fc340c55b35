"""The catalogue's reference data: stages, capabilities, data types and investigation phases.

They live in ``fixtures/catalogue_taxonomy.json`` (Django's fixture format with natural keys,
so ``manage.py loaddata catalogue_taxonomy`` restores them too). A data migration loads them,
so they exist in every database, tests included; curators may edit names and descriptions in
the admin. Other apps rely on the slugs (see the working agreement).
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


def load(apps) -> None:
    """Create or update every term by slug (the data migration; safe to run again)."""
    for entry in entries():
        model = apps.get_model("catalogue", MODELS[entry["model"]])
        fields = dict(entry["fields"])
        model.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)
