"""Staff page tests read English: `alpha` belongs to a Norwegian federation, so its pages
would otherwise be in Norwegian. `audit_events` comes from tests/plugin.py."""

import pytest


@pytest.fixture
def client_language():
    return "en"
