"""Reference data every database needs: the 193 UN member states and three supranational
bodies (with memberships), the topics (tied to the catalogue's capabilities) and the criteria.

The rows come from this migration's own frozen copy of the data files
(``data/0002_reference_data/``), loaded through the shared loader with the historical models,
so replaying it gives the same rows whatever the live fixtures say later."""

from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).resolve().parent / "data" / "0002_reference_data"


def load(apps, schema_editor):
    from legislation.loader import REFERENCE_KINDS, reference_data_load

    reference_data_load(directory=FROZEN, apps=apps, kinds=REFERENCE_KINDS)


class Migration(migrations.Migration):
    dependencies = [("legislation", "0001_initial"), ("catalogue", "0002_taxonomy")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
