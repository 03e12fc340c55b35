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


def use_second_factor(client, user):
    """Sign ``client``'s session in with a second factor, as after the second step: the
    curation site and trainers' pages need one (hub.access.second_factor_gate)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test client signed in as ``user`` (None: anonymous). Accounts
    that must use a second factor (staff, trainers) have used one in this session, as have
    ``second_factor=True`` ones; ``second_factor=False`` signs in with the password only."""
    from hub.access import second_factor_required_for

    def make(user=None, second_factor=None):
        client = Client()
        if user is not None:
            client.force_login(user)
            if second_factor or (second_factor is None and second_factor_required_for(user)):
                use_second_factor(client, user)
        return client

    return make


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, past the second step."""
    client = Client()
    client.force_login(admin_user)
    use_second_factor(client, admin_user)
    return client
