"""An index on the tool-capability relation ordered by capability, then tool: "related tools"
read the newest tools of a capability backwards from it, a bounded number of index entries
whatever the catalogue's size. The relation is Django's own many-to-many table, which has no
model of ours to declare the index on, hence SQL."""

from django.db import migrations

INDEX = "catalogue_tool_capabilities_capability_tool"


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_tool_successor"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON catalogue_tool_capabilities (capability_id, tool_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
