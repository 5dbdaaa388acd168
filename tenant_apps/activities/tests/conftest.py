"""Activity tests read English messages (`alpha`'s federation speaks Norwegian), and build
their rows with factories.py (inside the centre's schema)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from tenant_apps.activities.tests.factories import make_volunteer
from tests.plugin import in_english


@pytest.fixture
def coordinator_client(coordinator_client):
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return coordinator_client


@pytest.fixture
def centre_admin_client(centre_admin_client):
    return in_english(centre_admin_client)


@pytest.fixture
def volunteer_client(volunteer_client):
    return in_english(volunteer_client)


@pytest.fixture
def in_centre(centre):
    """Run the body inside `centre`'s schema: `with in_centre(): ...`."""
    return lambda: schema_context(centre.schema_name)


@pytest.fixture
def own_volunteer(centre, volunteer):
    """The people.Volunteer row of the signed-in `volunteer` account."""
    with schema_context(centre.schema_name):
        return make_volunteer(
            account_user_id=volunteer.pk,
            first_name="Vera",
            last_name="Volunteer",
            email=volunteer.email,
        )
