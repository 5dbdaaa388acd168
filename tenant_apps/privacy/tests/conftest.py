import pytest


@pytest.fixture
def client_language():
    return "en"
