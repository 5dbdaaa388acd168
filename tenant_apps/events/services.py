"""Every write to events: events and their stand grid, registrations (capacity and stands
hold under concurrent registrations: the event row is locked while one is counted), the
registration list's export, reminders."""

from __future__ import annotations

import logging
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.associations.models import Association
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.events import emails
from tenant_apps.events.models import Event, Registration, Stand
from tenant_apps.people.selectors import centre_settings
from toolkit.actors import Actor
from toolkit.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_GRID = 26  # rows are lettered A–Z


class EventFull(ApplicationError):
    """No places (or no stands) are left."""

    http_status = 409


@dataclass(frozen=True)
class EventDetails:
    kind: str
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    capacity: int | None = None
    is_registration_open: bool = True
    is_public: bool = True


def _check(details: EventDetails) -> None:
    if details.kind not in Event.Kind.values:
        raise ApplicationError(_("Choose the kind of event."), field="kind")
    if not details.title.strip():
        raise ApplicationError(_("Enter a title."), field="title")
    if details.ends_at <= details.starts_at:
        raise ApplicationError(_("The event must end after it starts."), field="ends_at")


def event_create(*, actor: Actor, details: EventDetails) -> Event:
    """Make an event."""
    _check(details)
    with transaction.atomic():
        event = Event.objects.create(**details.__dict__)
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="event",
            subject_id=event.pk,
            code="event.created",
        )
    return event


def event_update(*, actor: Actor, event: Event, details: EventDetails) -> Event:
    """Change an event (places already taken stay taken)."""
    _check(details)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if details.capacity is not None and details.capacity < _places_taken(locked):
            raise ApplicationError(_("More places are already taken than that."), field="capacity")
        for name, value in details.__dict__.items():
            setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="event",
            subject_id=locked.pk,
            code="event.updated",
        )
    return locked


def event_stands_set(*, actor: Actor, event: Event, rows: int, columns: int) -> list[Stand]:
    """Lay out the fair's stands as a grid of `rows` × `columns` (A1, A2 … B1 …); stands
    already taken must stay inside the new grid."""
    if not (0 <= rows <= MAX_GRID and 0 <= columns <= MAX_GRID):
        raise ApplicationError(
            _("A grid has at most %(n)s rows and %(n)s columns.") % {"n": MAX_GRID},
            field="rows",
        )
    if rows * columns and event.kind != Event.Kind.FAIR:
        raise ApplicationError(_("Only a fair has stands."), field="rows")
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        outside = event.stands.filter(registration__isnull=False).exclude(
            row__lte=rows, column__lte=columns
        )
        if outside.exists():
            raise ApplicationError(
                _("Stands outside the new grid are taken: %(stands)s.")
                % {"stands": ", ".join(outside.values_list("label", flat=True))},
                field="rows",
            )
        event.stands.exclude(row__lte=rows, column__lte=columns).delete()
        existing = set(event.stands.values_list("row", "column"))
        Stand.objects.bulk_create(
            Stand(
                event=event,
                row=row,
                column=column,
                label=f"{string.ascii_uppercase[row - 1]}{column}",
            )
            for row in range(1, rows + 1)
            for column in range(1, columns + 1)
            if (row, column) not in existing
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="event",
            subject_id=event.pk,
            code="event.stands_set",
            params={"rows": rows, "columns": columns},
        )
    return list(event.stands.all())


def _places_taken(event: Event) -> int:
    return (
        event.registrations.filter(kind=Registration.Kind.PERSON).aggregate(total=Sum("places"))[
            "total"
        ]
        or 0
    )


def event_register(
    *,
    event: Event,
    kind: str,
    name: str,
    email: str,
    phone: str = "",
    places: int = 1,
    association: Association | None = None,
    stand_id: int | None = None,
    language: str = "en",
    now: datetime | None = None,
) -> Registration:
    """Register a person (places) or an association (a stand) for an event; EventFull when
    nothing is left. The confirmation e-mail goes out after the transaction commits."""
    now = now or timezone.now()
    name = name.strip()
    if not name:
        raise ApplicationError(_("Enter your name."), field="name")
    if not 1 <= places <= 20:
        raise ApplicationError(_("Register between 1 and 20 places."), field="places")
    with transaction.atomic():
        # One registration at a time per event: what is left is counted under this lock.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not locked.is_registration_open or locked.starts_at <= now:
            raise ApplicationError(_("Registration for this event is closed."))
        stand = None
        if kind == Registration.Kind.ASSOCIATION:
            if association is None or association.status != Association.Status.APPROVED:
                raise ApplicationError(_("Choose your association."), field="association")
            free = Stand.objects.filter(event=locked, registration__isnull=True)
            if not free.exists() and not locked.stands.exists():
                raise ApplicationError(_("This event has no stands."), field="association")
            if locked.registrations.filter(association=association).exists():
                raise ApplicationError(
                    _("%(name)s is already registered for this event.")
                    % {"name": association.name},
                    field="association",
                )
            if stand_id:
                stand = free.filter(pk=stand_id).first()
                if stand is None:
                    raise ApplicationError(
                        _("This stand has just been taken. Choose another one."), field="stand"
                    )
            else:
                stand = free.first()
            if stand is None:
                raise EventFull(_("All stands are taken."))
            places = 1
        elif kind == Registration.Kind.PERSON:
            association = None
            if locked.capacity is not None:
                left = locked.capacity - _places_taken(locked)
                if left <= 0:
                    raise EventFull(_("The event is full."))
                if places > left:
                    raise EventFull(
                        _("Only %(left)s places are left.") % {"left": left}, field="places"
                    )
        else:
            raise ApplicationError(_("Choose how you register."), field="kind")
        registration = Registration.objects.create(
            event=locked,
            kind=kind,
            name=name,
            email=email.strip().lower(),
            phone=phone,
            places=places,
            association=association,
            stand=stand,
            language=language,
        )
        registration_id = registration.pk
        transaction.on_commit(lambda: emails.confirmation_send(registration_id))
    return registration


def registration_remove(*, actor: Actor, registration: Registration) -> None:
    """Staff take a registration off the list (its place or stand is free again)."""
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=registration.event_id)
        event_id = registration.event_id
        registration.delete()
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="event",
            subject_id=event_id,
            code="event.registration_removed",
        )


def registrations_viewed(*, actor: Actor, event: Event, exported: str = "") -> None:
    """Record that staff read (or exported, as "csv"/"xlsx") the list of registrants."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type="event",
        subject_id=event.pk,
        code="event.registrations_exported" if exported else "event.registrations_listed",
        params={"format": exported} if exported else {},
    )


def event_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail everyone registered for an event that starts within the centre's reminder
    lead time and who has not been reminded; returns how many were sent. Run inside the
    centre's schema (by activities' `send_due_reminders` task, settings.CENTRE_REMINDERS)."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=centre_settings().reminder_lead_hours)
    candidates = (
        Registration.objects.filter(
            reminder_sent_at__isnull=True, event__starts_at__gt=now, event__starts_at__lte=horizon
        )
        .exclude(email="")  # erased (GDPR): no one to remind
        .select_related("event")
        .order_by("event__starts_at", "id")
    )
    sent = 0
    for candidate in candidates:
        try:
            with transaction.atomic():
                registration = (
                    Registration.objects.select_for_update(skip_locked=True)
                    .filter(pk=candidate.pk, reminder_sent_at__isnull=True)
                    .first()
                )
                if registration is None:
                    continue
                registration.reminder_sent_at = now
                registration.save(update_fields=["reminder_sent_at"])
                emails.reminder_send(candidate)
        except Exception:
            # One bad address must not stop the others; this one is tried again next run.
            logger.exception("Event reminder %s could not be sent", candidate.pk)
            continue
        sent += 1
    return sent
