import pytest
from django.test import Client

from tests.factories import PASSWORD, AgencyFactory, UserFactory


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def pending_user(db):
    return UserFactory()


@pytest.fixture
def verified_user(db):
    return UserFactory(verified=True)


@pytest.fixture
def curator(db):
    return UserFactory(curator=True)


@pytest.fixture
def trainer_user(db):
    return UserFactory(trainer=True)


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test client signed in as ``user`` (None: anonymous)."""

    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
