"""The public site's tests read English (`alpha`'s federation speaks Norwegian)."""

from __future__ import annotations

import pytest

from tests.plugin import in_english


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture
def visitor(centre_client):
    """An anonymous visitor on alpha's host, reading English."""
    return in_english(centre_client)
