"""Writing to the audit log of the centre whose schema the connection is in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenant_apps.audit.models import AuditAction, AuditEvent
from toolkit.actors import Actor


def audit_record(
    *,
    actor: Actor,
    action: AuditAction | str,
    subject_type: str,
    subject_id: str | int = "",
    code: str = "",
    params: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to a subject of this centre; what happened is a
    `code` with `params` (ids, codes, ISO dates: never words in the actor's language; the
    `summary` column only keeps the English sentences of events from before codes). Say how
    a new code reads in the app's `audit_messages.py` (tenant_apps/audit/messages.py)."""
    if connection.schema_name == get_public_schema_name():
        # The shared schema has no audit table; an event here would belong to no centre.
        raise RuntimeError("audit_record needs the connection set to a centre's schema.")
    return AuditEvent.objects.create(
        actor_user_id=actor.pk,
        actor_label=actor.email[: AuditEvent._meta.get_field("actor_label").max_length],
        action=AuditAction(action),
        subject_type=subject_type,
        subject_id=str(subject_id),
        code=code,
        params=dict(params or {}),
    )
