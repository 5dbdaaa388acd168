"""Audit page tests read English (see tenant_apps/staff/tests/conftest.py)."""

import pytest

from tests.plugin import in_english


@pytest.fixture
def centre_admin_client(centre_admin_client):
    return in_english(centre_admin_client)
