"""Staff page tests read English: `alpha` belongs to a Norwegian federation, so its pages
would otherwise be in Norwegian. The signed-in clients of tests/plugin.py get the English
language cookie here."""

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
def audit_events():
    """audit_events(centre, **filters) -> [(action, subject_type, subject_id, actor_user_id)]"""
    from tenant_apps.audit.models import AuditEvent

    def read(centre, **filters):
        with schema_context(centre.schema_name):
            return list(
                AuditEvent.objects.filter(**filters)
                .order_by("id")
                .values_list("action", "subject_type", "subject_id", "actor_user_id")
            )

    return read
