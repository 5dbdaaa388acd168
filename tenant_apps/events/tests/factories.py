"""Events for code already inside a centre's schema."""

from __future__ import annotations

import datetime
import string

from django.utils import timezone

from tenant_apps.events.models import Event, Stand


def make_event(title: str = "Information meeting", *, days: int = 10, **fields) -> Event:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    fields.setdefault("kind", Event.Kind.INFO_MEETING)
    fields.setdefault("place", "The centre")
    return Event.objects.create(
        title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **fields
    )


def make_fair(title: str = "Volunteer fair", *, rows: int = 1, columns: int = 2, **fields):
    event = make_event(title, kind=Event.Kind.FAIR, **fields)
    for row in range(1, rows + 1):
        for column in range(1, columns + 1):
            Stand.objects.create(
                event=event,
                row=row,
                column=column,
                label=f"{string.ascii_uppercase[row - 1]}{column}",
            )
    return event
