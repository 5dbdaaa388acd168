"""Background work of privacy: the retention rules, run per centre every night (Django's
tasks framework; `manage.py apply_retention` enqueues one task per centre)."""

from __future__ import annotations

from django.tasks import task
from django_tenants.utils import get_tenant_model, schema_context

from tenant_apps.privacy import selectors, services

# Centres in operation; read-only, suspended and closed ones are left as they are (a closed
# centre's data has its own retention date, tenants' lifecycle).
RETAINING_STATUSES = ("trial", "active", "past_due")


@task
def apply_retention(schema_name: str) -> int:
    """In one centre: apply its retention rules if they run automatically; returns how many
    changes were made."""
    centre = get_tenant_model().objects.filter(schema_name=schema_name).first()
    if centre is None or centre.status not in RETAINING_STATUSES:
        return 0
    with schema_context(schema_name):
        if not selectors.retention_rules().is_automatic:
            return 0
        return len(services.retention_apply().applied)


def apply_retention_everywhere() -> int:
    """Enqueue `apply_retention` for every centre in operation; returns how many."""
    schema_names = list(
        get_tenant_model()
        .objects.filter(status__in=RETAINING_STATUSES)
        .exclude(schema_name="public")
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )
    for schema_name in schema_names:
        apply_retention.enqueue(schema_name)
    return len(schema_names)
