"""A topic for duties to label AI-generated content (e.g. Article 50 of the EU AI Act), kept
apart from the criminal law on AI-generated abuse material so the map does not conflate them."""

from django.db import migrations

SLUG = "ai-content-labelling"


def add(apps, schema_editor):
    Topic = apps.get_model("legislation", "Topic")
    Capability = apps.get_model("catalogue", "Capability")
    Coverage = apps.get_model("legislation", "Coverage")
    Instrument = apps.get_model("legislation", "Instrument")
    from legislation.reference import TOPIC_CAPABILITIES, TOPICS

    for position, (slug, name, description) in enumerate(TOPICS):
        if slug == SLUG:
            topic, _ = Topic.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "position": position},
            )
            topic.capabilities.add(*Capability.objects.filter(slug__in=TOPIC_CAPABILITIES[slug]))
    Topic.objects.filter(slug="ai-law-enforcement").update(position=len(TOPICS) - 1)
    # Databases loaded before this topic existed: move the AI Act's transparency duties over.
    ai_act = Coverage.objects.filter(instrument__slug="eu-ai-act")
    if ai_act.filter(topic__slug="ai-generated-material", article="Art. 50(2)").exists():
        ai_act.filter(topic__slug__in=["ai-generated-material", "intimate-images-deepfakes"]).delete()
        Coverage.objects.create(
            instrument=Instrument.objects.get(slug="eu-ai-act"),
            topic=Topic.objects.get(slug=SLUG),
            level="explicit",
            article="Art. 50(2), Art. 50(4)",
            note="AI-generated content must be marked and deepfakes disclosed: transparency "
            "duties, not criminal offences.",
        )


class Migration(migrations.Migration):
    dependencies = [("legislation", "0002_reference_data")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
