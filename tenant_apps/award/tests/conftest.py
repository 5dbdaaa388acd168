"""Award tests read English (`alpha`'s federation speaks Norwegian)."""

import pytest


@pytest.fixture
def client_language():
    return "en"
