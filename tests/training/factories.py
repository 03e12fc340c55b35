from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import UserFactory
from training.models import Course, Enrolment, Format, Level, Session, Topic


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "A course for tests."
    description = "What the course covers."
    format = Format.ONLINE_LIVE
    level = Level.INTRODUCTORY
    language = "en"
    topic = Topic.TOOL_TRAINING
    duration_hours = 3
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    format = Format.ONLINE_LIVE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    capacity = 10
    online_url = "https://meet.example.test/room-42"
    location = ""

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.add(*extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A raw row for setting up pages; seat rules are tested through the services."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory, verified=True)
    status = Enrolment.Status.CONFIRMED


def make_tool(*, name: str, **extra):
    """A published catalogue tool, as little as the training pages need."""
    from catalogue.models import Provider, Tool

    provider, _ = Provider.objects.get_or_create(
        slug="training-test-provider", defaults={"name": "Training test provider", "kind": "ngo"}
    )
    values = {
        "summary": "A tool.",
        "status": Tool.Status.PUBLISHED,
        "published_at": timezone.now(),
        **extra,
    }
    return Tool.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), provider=provider, **values
    )
