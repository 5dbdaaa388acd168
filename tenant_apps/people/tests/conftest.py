"""People tests: English pages unless a test asks otherwise (the `alpha` centre's federation
is Norwegian), and helpers to make people inside a centre's schema.

A page request sets the connection back to the public schema when it is done, so tests
read and write a centre's rows inside `schema_context(centre.schema_name)` (the `inside`
fixture), never relying on the schema a previous request left behind.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django_tenants.utils import schema_context

from tests.plugin import in_english

_numbers = itertools.count(1)


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
    """inside() -> a context manager that enters `centre`'s schema."""
    return lambda: schema_context(centre.schema_name)


@pytest.fixture
def make_volunteer(centre):
    """make_volunteer(**fields) -> a Volunteer saved in `centre`'s schema (no services)."""
    from tenant_apps.people.models import Volunteer

    def make(**fields):
        number = next(_numbers)
        values = {
            "first_name": f"Vol{number}",
            "last_name": f"Unteer{number}",
            "start_date": datetime.date(2024, 1, 1),
        }
        values.update(fields)
        with schema_context(centre.schema_name):
            return Volunteer.objects.create(**values)

    return make


@pytest.fixture
def make_participant(centre):
    from tenant_apps.people.models import Participant

    def make(**fields):
        number = next(_numbers)
        values = {"first_name": f"Part{number}", "last_name": f"Icipant{number}"}
        values.update(fields)
        with schema_context(centre.schema_name):
            return Participant.objects.create(**values)

    return make


@pytest.fixture
def audit_events(centre):
    """audit_events(**filters) -> [(action, subject_type, subject_id, actor_user_id)]"""
    from tenant_apps.audit.models import AuditEvent

    def read(**filters):
        with schema_context(centre.schema_name):
            return list(
                AuditEvent.objects.filter(**filters)
                .order_by("id")
                .values_list("action", "subject_type", "subject_id", "actor_user_id")
            )

    return read
