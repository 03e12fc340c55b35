import pytest
from django.core.cache import cache

from tests.catalogue.factories import ToolFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """List pages are cached per catalogue version; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tool_factory(db):
    return ToolFactory
