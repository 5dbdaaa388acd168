"""Event tests read English pages unless a test asks for another language."""

import pytest
from django.core.cache import cache


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()
