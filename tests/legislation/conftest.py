import pytest

from legislation.loader import reference_data_load


@pytest.fixture
def shipped(db):
    """The real instruments and facts the tracker ships with."""
    reference_data_load()
