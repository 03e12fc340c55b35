"""Copy each tool's responsible-AI facts onto the catalogue's facet columns, for the profiles
and evidence recorded before the columns existed. From now on ``services`` keeps them in
step (``tool_responsible_flags_refresh``). Frozen here: only public independently tested
claims count."""

from django.db import migrations


def copy_flags(apps, schema_editor):
    Tool = apps.get_model("catalogue", "Tool")
    ToolProfile = apps.get_model("responsible", "ToolProfile")
    Evidence = apps.get_model("responsible", "Evidence")
    tested = set(
        Evidence.objects.filter(level="independently-tested", visibility="public").values_list(
            "profile_id", flat=True
        )
    )
    for profile in ToolProfile.objects.order_by("pk"):
        Tool.objects.filter(pk=profile.tool_id).update(
            independently_tested=profile.pk in tested,
            human_review_documented=profile.human_review_documented,
            exposure_safeguards=sorted(set(profile.exposure_safeguards)),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0011_tool_responsible_flags"),
        ("responsible", "0002_principles"),
    ]

    operations = [migrations.RunPython(copy_flags, migrations.RunPython.noop)]
