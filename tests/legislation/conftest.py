import pytest

from legislation.loader import reference_data_load


@pytest.fixture
def shipped(db):
    """The curated instruments and facts the tracker ships with (without the researchers' files,
    whose size changes as they deliver more)."""
    reference_data_load(research=False)


@pytest.fixture
def shipped_with_research(db):
    """Everything the tracker ships, the researchers' files (fixtures/legislation/research/)
    included."""
    return reference_data_load()
