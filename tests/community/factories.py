"""Community factories: field reports and listed directory entries."""

from datetime import timedelta

import factory
from django.utils import timezone

from catalogue.models import Stage
from community.models import CommunityProfile, FieldReport
from tests.catalogue.factories import ToolFactory
from tests.factories import AgencyFactory, UserFactory


def expired_member(**kwargs):
    """A member whose verification lapsed (verified more than a year ago)."""
    return UserFactory(verified=True, verified_at=timezone.now() - timedelta(days=400), **kwargs)


class ListedProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, verified=True)
    is_listed = True
    languages = factory.LazyFunction(lambda: ["en", "fr"])

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create and extracted:
            self.stages.set(Stage.objects.filter(slug__in=extracted))


class FieldReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldReport

    author = factory.SubFactory(
        UserFactory, verified=True, agency=factory.SubFactory(AgencyFactory)
    )
    agency = factory.LazyAttribute(lambda o: o.author.agency)
    tool = factory.SubFactory(ToolFactory)
    stage = factory.LazyFunction(lambda: Stage.objects.get(slug="image-analysis"))
    case_kind = "distribution"
    data_volume = "medium"
    time_saved = "much"
    exposure_saved = "some"
    went_wrong = "Hash lists needed a manual refresh every week."
    still_used = "yes"
    open_to_questions = False
