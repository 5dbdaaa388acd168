"""Background work of the activities: shift reminders (Django's tasks framework).

A task that works inside a centre takes the centre's schema name and enters it itself, so it
never runs in the wrong schema by accident (docs/adr/0007).
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils.module_loading import import_string
from django_tenants.utils import get_tenant_model, schema_context

from tenant_apps.activities import services

# Centres whose volunteers still show up for shifts (read-only, suspended and closed ones
# are left alone).
REMINDING_STATUSES = ("trial", "active", "past_due")


@task
def send_due_reminders(schema_name: str) -> int:
    """In one centre: e-mail the shift reminders that are due, and those of the other apps
    in settings.CENTRE_REMINDERS; returns how many were sent."""
    centre = get_tenant_model().objects.filter(schema_name=schema_name).first()
    if centre is None or centre.status not in REMINDING_STATUSES:
        return 0
    with schema_context(schema_name):
        sent = services.shift_reminders_send()
        for sender in settings.CENTRE_REMINDERS:
            sent += import_string(sender)()
        return sent


def send_due_reminders_everywhere() -> int:
    """Enqueue `send_due_reminders` for every centre in operation; returns how many."""
    schema_names = list(
        get_tenant_model()
        .objects.filter(status__in=REMINDING_STATUSES)
        .exclude(schema_name="public")
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )
    for schema_name in schema_names:
        send_due_reminders.enqueue(schema_name)
    return len(schema_names)
