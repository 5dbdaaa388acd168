"""Background entry points of billing (Django tasks, django-tasks-db)."""

from __future__ import annotations

from django.tasks import task

from shared_apps.billing.services import billing_dunning_run


@task
def run_billing_dunning() -> dict:
    """Centres past due beyond the grace period become read-only."""
    return {"centres_read_only": billing_dunning_run()}
