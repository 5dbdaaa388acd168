"""Reads of events: the public list and pages, the stand map, the staff's lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from tenant_apps.associations.models import Association
from tenant_apps.events.models import Event, Registration, Stand


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        places_taken=Sum("registrations__places", filter=Q(registrations__kind="person")),
        stand_count=Count("stands", distinct=True),
        stands_taken=Count("stands", filter=Q(stands__registration__isnull=False), distinct=True),
    )


def public_events() -> QuerySet[Event]:
    """Public events that have not ended, soonest first."""
    return _with_counts(
        Event.objects.filter(is_public=True, ends_at__gt=timezone.now()).order_by("starts_at", "id")
    )


def public_event(event_id: int) -> Event | None:
    """A public event (also one that has ended: its page stays), or None."""
    return _with_counts(Event.objects.filter(is_public=True, pk=event_id)).first()


def staff_events() -> QuerySet[Event]:
    """Every event, the coming ones first, then the past ones, latest first."""
    now = timezone.now()
    return _with_counts(Event.objects.all()).order_by(Q(ends_at__lte=now), "starts_at", "id")


def staff_event(event_id: int) -> Event | None:
    return _with_counts(Event.objects.filter(pk=event_id)).first()


def places_left(event: Event) -> int | None:
    """Places for people still free (None: no limit); needs `_with_counts`."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - (event.places_taken or 0))


@dataclass(frozen=True)
class StandCell:
    stand: Stand
    holder: str  # the association's name when it is listed publicly, else ""
    is_taken: bool


def stand_map(event: Event, *, for_public: bool) -> list[list[StandCell]]:
    """The fair's stands as rows of the grid, in order; a taken stand names its association
    (for the public only an association listed in the public directory)."""
    rows: dict[int, list[StandCell]] = {}
    stands = event.stands.select_related("registration__association").order_by("row", "column")
    for stand in stands:
        registration = getattr(stand, "registration", None)
        holder = ""
        if registration is not None:
            association = registration.association
            if for_public:
                holder = association.name if association and association.is_listed else ""
            else:
                holder = association.name if association else registration.name
        rows.setdefault(stand.row, []).append(
            StandCell(stand=stand, holder=holder, is_taken=registration is not None)
        )
    return [rows[row] for row in sorted(rows)]


def free_stands(event: Event) -> QuerySet[Stand]:
    return event.stands.filter(registration__isnull=True).order_by("row", "column")


def registering_associations() -> QuerySet[Association]:
    """Associations offered for a stand on the public form: those of the public directory
    (a hidden association is never named on a public page)."""
    return Association.objects.filter(status=Association.Status.APPROVED, is_public=True).order_by(
        "name", "id"
    )


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("association", "stand").order_by("created_at", "id")
