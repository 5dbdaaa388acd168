"""Hours tests read English pages (alpha's federation speaks Norwegian)."""

from contextlib import contextmanager

import pytest
from django_tenants.utils import schema_context

from tests.plugin import in_english


@pytest.fixture
def centre_admin_client(centre_admin_client):
    return in_english(centre_admin_client)


@pytest.fixture
def coordinator_client(coordinator_client):
    return in_english(coordinator_client)


@pytest.fixture
def volunteer_client(volunteer_client):
    return in_english(volunteer_client)


@pytest.fixture
def inside(centre):
    """`with inside():` runs the block in alpha's schema (a request sets it back to public)."""

    @contextmanager
    def enter():
        with schema_context(centre.schema_name):
            yield

    return enter
