"""A topic for duties to label AI-generated content (e.g. Article 50 of the EU AI Act), kept
apart from the criminal law on AI-generated abuse material so the map does not conflate them.

New databases get the topic from 0002's frozen data; this step only matters for databases
loaded before the topic existed. Its data is inline and frozen."""

from django.db import migrations

SLUG = "ai-content-labelling"
NAME = "Labelling of AI-generated content"
DESCRIPTION = (
    "Duties to mark AI-generated content or disclose deepfakes, which helps to tell synthetic "
    "material from real."
)
POSITION = 20
CAPABILITIES = ["ai-media-detection"]


def add(apps, schema_editor):
    Topic = apps.get_model("legislation", "Topic")
    Capability = apps.get_model("catalogue", "Capability")
    Coverage = apps.get_model("legislation", "Coverage")
    Instrument = apps.get_model("legislation", "Instrument")

    topic, made = Topic.objects.get_or_create(
        slug=SLUG, defaults={"name": NAME, "description": DESCRIPTION, "position": POSITION}
    )
    if made:
        topic.capabilities.add(*Capability.objects.filter(slug__in=CAPABILITIES))
        Topic.objects.filter(slug="ai-law-enforcement").update(position=POSITION + 1)
    # Databases loaded before this topic existed: move the AI Act's transparency duties over.
    ai_act = Coverage.objects.filter(instrument__slug="eu-ai-act")
    if ai_act.filter(topic__slug="ai-generated-material", article="Art. 50(2)").exists():
        ai_act.filter(topic__slug__in=["ai-generated-material", "intimate-images-deepfakes"]).delete()
        Coverage.objects.create(
            instrument=Instrument.objects.get(slug="eu-ai-act"),
            topic=topic,
            level="explicit",
            article="Art. 50(2), Art. 50(4)",
            note="AI-generated content must be marked and deepfakes disclosed: transparency "
            "duties, not criminal offences.",
        )


class Migration(migrations.Migration):
    dependencies = [("legislation", "0002_reference_data")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
