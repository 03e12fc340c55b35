"""Factories shared by every app's tests."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from hub.models import Agency, User

PASSWORD = "correct-horse-battery"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name", "country")

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    country = "FR"
    kind = Agency.Kind.POLICE


class UserFactory(factory.django.DjangoModelFactory):
    """A pending member by default; ``verified=True``, ``curator=True`` or ``trainer=True``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@agency.test")
    full_name = factory.Faker("name")
    agency = factory.SubFactory(AgencyFactory)
    country = "FR"
    role = User.Role.INVESTIGATOR
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        verified = factory.Trait(
            verification_status=User.Verification.VERIFIED,
            verified_at=factory.LazyFunction(timezone.now),
        )
        curator = factory.Trait(
            is_staff=True,
            verification_status=User.Verification.VERIFIED,
            verified_at=factory.LazyFunction(timezone.now),
        )
        trainer = factory.Trait(
            role=User.Role.TRAINER,
            verification_status=User.Verification.VERIFIED,
            verified_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        names = list(extracted or [])
        if self.is_staff and not self.is_superuser:
            names.append("curator")
        if self.role == User.Role.TRAINER:
            names.append("trainer")
        for name in names:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        self.save()
