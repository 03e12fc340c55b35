from django.db import migrations


def load_taxonomy(apps, schema_editor):
    from catalogue import taxonomy

    taxonomy.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
