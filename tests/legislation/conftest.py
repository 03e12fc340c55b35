import pytest

from legislation import services


@pytest.fixture
def shipped(db):
    """The real instruments and facts the tracker ships with."""
    services.shipped_data_load()
