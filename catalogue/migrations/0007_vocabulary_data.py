"""The case finder's starting vocabulary.

Frozen: the rows are read from ``0007_vocabulary_data.csv`` next to this file (a copy of
``fixtures/catalogue_vocabulary.csv`` as it was when this migration was written), through the
historical model. Existing entries are left alone, so running it again adds nothing.
"""

import csv
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".csv")


def load_vocabulary(apps, schema_editor):
    entry_model = apps.get_model("catalogue", "VocabularyEntry")
    existing = set(entry_model.objects.values_list("phrase", "kind", "term"))
    new = []
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            phrase = re.sub(r"\s+", " ", row["phrase"].strip()).casefold()
            key = (phrase, row["kind"], row["term"].strip())
            if key in existing:
                continue
            existing.add(key)
            new.append(
                entry_model(phrase=phrase, language=row["language"], kind=key[1], term=key[2])
            )
    entry_model.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_vocabulary")]

    operations = [migrations.RunPython(load_vocabulary, migrations.RunPython.noop)]
