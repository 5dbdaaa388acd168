"""Reading the audit log of the centre whose schema the connection is in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from tenant_apps.audit import messages
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


@dataclass(frozen=True)
class AuditEntry:
    """One event as the log page shows it, in the reader's language."""

    event: AuditEvent
    subject: str
    subject_url: str
    text: str


def _names_of(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    # One lookup per kind of subject on the page, not one per row.
    by_kind: dict[str, set[str]] = {}
    for kind, subject_id in pairs:
        by_kind.setdefault(kind, set()).add(subject_id)
    names: dict[tuple[str, str], str] = {}
    for kind, ids in by_kind.items():
        subject_kind = messages.SUBJECTS.get(kind)
        if subject_kind is None or subject_kind.names is None:
            continue
        for subject_id, name in subject_kind.names(ids).items():
            names[(kind, str(subject_id))] = name
    return names


def _subject(event: AuditEvent, names, may_open: Callable[[str], bool]) -> tuple[str, str]:
    kind = messages.SUBJECTS.get(event.subject_type)
    label = messages.subject_label(event.subject_type)
    if not event.subject_id:
        return label, ""
    if kind is None or kind.names is None:
        return f"{label} {event.subject_id}", ""
    name = names.get((event.subject_type, event.subject_id))
    if name is None:
        return messages.subject_deleted_label(event.subject_type), ""
    url = ""
    if kind.view_name and may_open(kind.view_name):
        url = reverse(kind.view_name, args=[event.subject_id])
    return f"{label} {name}", url


def audit_entries(
    events: Iterable[AuditEvent], *, may_open: Callable[[str], bool] = lambda view_name: False
) -> list[AuditEntry]:
    """The events in the active language, subjects named (and linked where `may_open(view
    name)` allows) with one query per kind of subject, whatever the number of events."""
    events = list(events)
    wanted: set[tuple[str, str]] = set()
    for event in events:
        if event.subject_id:
            wanted.add((event.subject_type, event.subject_id))
        if event.code:
            wanted.update(messages.referenced_subjects(event.code, event.params))
    names = _names_of(wanted)
    entries = []
    for event in events:
        subject, url = _subject(event, names, may_open)
        text = messages.render(event.code, event.params, names) if event.code else event.summary
        entries.append(AuditEntry(event=event, subject=subject, subject_url=url, text=text))
    return entries
