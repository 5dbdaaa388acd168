"""Hours tests read English pages (alpha's federation speaks Norwegian); `inside` and the
other shared fixtures come from tests/plugin.py."""

import pytest


@pytest.fixture
def client_language():
    return "en"
