import pytest
from django.core.cache import cache

from hub.models import User
from tests.community.factories import expired_member
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def accounts(db):
    """One account of every kind the access rules know. The portal has no separate state
    for a member who left law enforcement: curators suspend (or let lapse) such accounts,
    so ``suspended`` and ``expired`` stand for it."""
    return {
        "pending": UserFactory(),
        "verified": UserFactory(verified=True),
        "expired": expired_member(),
        "suspended": UserFactory(verified=True, verification_status=User.Verification.SUSPENDED),
        "curator": UserFactory(curator=True),
    }
