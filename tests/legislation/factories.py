"""Factories for the legislation tests. Jurisdictions, topics and criteria are reference data
created by the migrations, so factories look them up instead of making new ones."""

import datetime

import factory

from legislation.models import (
    Assessment,
    Coverage,
    Criterion,
    Event,
    Instrument,
    Jurisdiction,
    Participation,
    Topic,
)


def jurisdiction(code: str) -> Jurisdiction:
    return Jurisdiction.objects.get(code=code)


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def criterion(slug: str) -> Criterion:
    return Criterion.objects.get(slug=slug)


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    slug = factory.Sequence(lambda n: f"test-instrument-{n}")
    jurisdiction = factory.LazyFunction(lambda: jurisdiction("GB"))
    title = factory.Sequence(lambda n: f"Test Instrument {n} (official title)")
    short_title = factory.Sequence(lambda n: f"Test Instrument {n}")
    citation = factory.Sequence(lambda n: f"TEST {n}")
    type = Instrument.Type.STATUTE
    status = Instrument.Status.IN_FORCE
    summary = "A test instrument."
    official_url = "https://example.org/law"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    instrument = factory.SubFactory(InstrumentFactory)
    date = datetime.date(2024, 1, 31)
    kind = Event.Kind.ADOPTED
    title = factory.Sequence(lambda n: f"Step {n}")
    source_url = "https://example.org/source"


class CoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coverage

    instrument = factory.SubFactory(InstrumentFactory)
    topic = factory.LazyFunction(lambda: topic("grooming"))
    level = "explicit"
    article = "Art. 1"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    jurisdiction = factory.LazyFunction(lambda: jurisdiction("GB"))
    criterion = factory.LazyFunction(lambda: criterion("icmec-legislation"))
    answer = "yes"
    instrument = factory.SubFactory(InstrumentFactory)
    article = "s. 1"
    assessed_on = datetime.date(2026, 11, 30)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    jurisdiction = factory.LazyFunction(lambda: jurisdiction("FR"))
    treaty = factory.SubFactory(
        InstrumentFactory,
        type=Instrument.Type.TREATY,
        jurisdiction=factory.LazyFunction(lambda: jurisdiction("COE")),
    )
    status = Participation.Status.RATIFIED
    ratified_on = datetime.date(2011, 9, 27)
    source_url = "https://example.org/treaty-office"


def make_tool(*, capabilities: list[str], slug: str = "test-tool"):
    """A published catalogue tool with the given capability slugs."""
    from catalogue.models import Capability, Provider, Tool

    provider, _ = Provider.objects.get_or_create(
        slug="test-provider", defaults={"name": "Test Provider", "kind": "company"}
    )
    tool = Tool.objects.create(
        name=f"Tool {slug}", slug=slug, provider=provider, summary="A tool.", cost_model="free"
    )
    tool.capabilities.set(Capability.objects.filter(slug__in=capabilities))
    return tool
