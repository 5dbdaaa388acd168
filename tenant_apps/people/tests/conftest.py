"""People tests: English pages unless a test asks otherwise (the `alpha` centre's federation
is Norwegian), and participants made inside a centre's schema. `inside`, `make_volunteer`
and `audit_events` come from tests/plugin.py.
"""

from __future__ import annotations

import itertools

import pytest
from django_tenants.utils import schema_context

_numbers = itertools.count(1)


@pytest.fixture
def client_language():
    return "en"


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
