"""Activity tests read English messages (`alpha`'s federation speaks Norwegian), and build
their rows with factories.py (inside the centre's schema)."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tests.factories import make_volunteer


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture
def in_centre(inside):
    """`with in_centre(): ...` runs the body inside `centre`'s schema (`inside` of
    tests/plugin.py, under the name these tests use)."""
    return inside


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
