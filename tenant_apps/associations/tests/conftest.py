"""Association tests read English pages unless a test asks for another language."""

import pytest
from django.core.cache import cache


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The rate limit counts in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()
