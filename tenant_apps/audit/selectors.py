"""Reading the audit log of the centre whose schema the connection is in."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tenant_apps.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditActor:
    user_id: int
    label: str


def audit_events(*, action: str = "", actor_user_id: int | None = None) -> QuerySet[AuditEvent]:
    """The log, newest first, optionally only one action or one person's events."""
    events = AuditEvent.objects.order_by("-at", "-id")
    if action:
        events = events.filter(action=action)
    if actor_user_id is not None:
        events = events.filter(actor_user_id=actor_user_id)
    return events


def audit_actors() -> list[AuditActor]:
    """Everyone who appears in the log, with the e-mail address of their latest event."""
    latest = (
        AuditEvent.objects.order_by("actor_user_id", "-at", "-id")
        .distinct("actor_user_id")
        .values_list("actor_user_id", "actor_label")
    )
    return sorted(
        (AuditActor(user_id=user_id, label=label) for user_id, label in latest),
        key=lambda actor: actor.label.lower(),
    )
