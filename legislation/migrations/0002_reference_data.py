"""Reference data every database needs: the 193 UN member states and three supranational
bodies (with memberships), the topics (tied to the catalogue's capabilities) and the criteria. Names of states are stored in English
for sorting and search; pages show them in the visitor's language through django-countries."""

from django.db import migrations
from django_countries import countries

from legislation.reference import (
    CRITERIA,
    MEMBERSHIPS,
    SUPRANATIONAL,
    TOPIC_CAPABILITIES,
    TOPICS,
    UN_MEMBER_STATES,
)


def english_name(code):
    # django-countries' built-in English names, without the active translation.
    from django.utils import translation

    with translation.override("en"):
        return str(countries.name(code))


def load(apps, schema_editor):
    Jurisdiction = apps.get_model("legislation", "Jurisdiction")
    Topic = apps.get_model("legislation", "Topic")
    Criterion = apps.get_model("legislation", "Criterion")
    Capability = apps.get_model("catalogue", "Capability")

    for region, codes in UN_MEMBER_STATES.items():
        for code in codes:
            Jurisdiction.objects.update_or_create(
                code=code,
                defaults={"name": english_name(code), "kind": "state", "region": region},
            )
    for code, name, region in SUPRANATIONAL:
        Jurisdiction.objects.update_or_create(
            code=code, defaults={"name": name, "kind": "supranational", "region": region}
        )
    by_code = {j.code: j for j in Jurisdiction.objects.all()}
    for body, members in MEMBERSHIPS.items():
        by_code[body].members.add(*(by_code[code] for code in members))

    for position, (slug, name, description) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    capabilities = {c.slug: c for c in Capability.objects.all()}
    for topic in Topic.objects.all():
        wanted = TOPIC_CAPABILITIES.get(topic.slug, [])
        topic.capabilities.add(*(capabilities[slug] for slug in wanted if slug in capabilities))

    for position, (framework, slug, label, text) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            slug=slug,
            defaults={"framework": framework, "label": label, "text": text, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("legislation", "0001_initial"), ("catalogue", "0002_taxonomy")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
