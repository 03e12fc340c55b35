"""Catalogue factories: published public tools by default, with terms given as slugs."""

import factory
from django.utils import timezone

from catalogue import search
from catalogue.models import (
    Capability,
    DataType,
    Phase,
    Provider,
    Shortlist,
    ShortlistItem,
    Stage,
    Tool,
)
from tests.factories import UserFactory


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    kind = Provider.Kind.COMPANY
    country = "FR"


class ToolFactory(factory.django.DjangoModelFactory):
    """``ToolFactory(stages=["prevention"], capabilities=["ocr"])`` sets terms by slug."""

    class Meta:
        model = Tool
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    provider = factory.SubFactory(ProviderFactory)
    summary = factory.LazyAttribute(lambda o: f"{o.name} helps investigators.")
    description = "A plain description."
    deployment = factory.LazyFunction(lambda: ["on-premises"])
    languages = factory.LazyFunction(lambda: ["en"])
    cost_model = "free"
    status = Tool.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_verified = factory.LazyFunction(timezone.localdate)
    visibility = "public"
    contact = "Sales desk: sales@example.org"
    pricing_details = "Secret price list"
    deployment_notes = "Air-gapped install notes"
    accuracy_evidence = "Evaluated on a synthetic benchmark"

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if not create:
            return
        self.stages.set(Stage.objects.filter(slug__in=self._stage_slugs))
        self.capabilities.set(Capability.objects.filter(slug__in=self._capability_slugs))
        self.data_types.set(DataType.objects.filter(slug__in=self._data_type_slugs))
        self.phases.set(Phase.objects.filter(slug__in=self._phase_slugs))
        self.refresh_denormalised()
        search.refresh_terms([self.pk])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        stages = kwargs.pop("stages", ["image-analysis"])
        capabilities = kwargs.pop("capabilities", ["hash-matching"])
        data_types = kwargs.pop("data_types", ["images"])
        phases = kwargs.pop("phases", ["detection"])
        tool = super()._create(model_class, *args, **kwargs)
        tool._stage_slugs, tool._capability_slugs = stages, capabilities
        tool._data_type_slugs, tool._phase_slugs = data_types, phases
        return tool


class ShortlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shortlist

    owner = factory.SubFactory(UserFactory, verified=True)
    name = factory.Sequence(lambda n: f"Shortlist {n}")


class ShortlistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistItem

    shortlist = factory.SubFactory(ShortlistFactory)
    tool = factory.SubFactory(ToolFactory)
    note = "Worth a pilot"


def admin_change_data(tool, **changes) -> dict:
    """The admin change form as a curator submits it for ``tool`` (its provider and stages
    kept), with ``changes`` applied: summary, capabilities, cost model and so on."""
    data = {
        "name": tool.name,
        "slug": tool.slug,
        "provider": tool.provider.pk,
        "status": "published",
        "visibility": "public",
        "summary": tool.summary,
        "description": "",
        "stages": [s.pk for s in tool.stages.all()],
        "capabilities": [c.pk for c in tool.capabilities.all()],
        "languages": "en",
        "deployment": "cloud",
        "cost_model": tool.cost_model,
        "skill_level": "basic",
        "last_verified": "2026-01-02",
    }
    return {**data, **changes}
