"""What the audit log holds about a person, for export and erasure (registry:
toolkit.personal_data; discovered by tenant_apps.privacy).

The log keeps that records were viewed and changed (accountability, GDPR art. 5(2)); what
could name the erased person goes: the e-mail address an account acted under, and any of
their names, e-mail address or phone number in an event's parameters. It runs first, while
the person's identifiers are still known.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.models import AuditEvent
from toolkit.personal_data import (
    ACCOUNT,
    CONTACT,
    PARTICIPANT,
    VOLUNTEER,
    Person,
    json_ready,
    register_personal_data,
)

ERASED = "—"


def _about(person: Person) -> Q:
    if person.kind == ACCOUNT:
        return Q(actor_user_id=person.pk) | Q(
            subject_type__in=["member", "account"], subject_id=str(person.pk)
        )
    if person.kind == CONTACT:  # the log never keys an event by a contact's address
        return Q(pk__in=[])
    return Q(subject_type=person.kind, subject_id=str(person.pk))


def _export(person: Person) -> list[dict]:
    events = AuditEvent.objects.filter(_about(person)).order_by("at", "id")
    return [
        json_ready(
            {
                "when": event.at,
                "who": event.actor_label,
                "action": event.get_action_display(),
                "what": event.subject_type,
                "code": event.code,
            }
        )
        for event in events
    ]


def _scrub(value: Any, identifiers: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        for identifier in identifiers:
            if identifier.lower() in value.lower():
                return ERASED
        return value
    if isinstance(value, dict):
        return {key: _scrub(item, identifiers) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, identifiers) for item in value]
    return value


def _erase(person: Person) -> int:
    identifiers = tuple(
        identifier for identifier in person.identifiers if len(identifier.strip()) >= 3
    )
    changed = 0
    if person.kind == ACCOUNT:
        changed += AuditEvent.objects.filter(actor_user_id=person.pk).update(actor_label=ERASED)
    if not identifiers:
        return changed
    by_label = Q()
    by_params = Q()
    for identifier in identifiers:
        by_label |= Q(actor_label__iexact=identifier)
        by_params |= Q(params_text__icontains=identifier)
    changed += AuditEvent.objects.filter(by_label).update(actor_label=ERASED)
    events = AuditEvent.objects.annotate(params_text=Cast("params", TextField())).filter(by_params)
    for event in events:
        event.params = _scrub(event.params, identifiers)
        event.save(update_fields=["params"])
        changed += 1
    return changed


for kind in (VOLUNTEER, PARTICIPANT, ACCOUNT, CONTACT):
    register_personal_data(
        kind=kind,
        key="audit.events",
        models=("audit.AuditEvent",),
        title=_("Audit log"),
        export=_export,
        erase=_erase,
        kept=_(
            "The log keeps that records were viewed and changed, and by which account, "
            "without names, e-mail addresses or phone numbers."
        ),
        order=10,
    )
