"""What the hours app holds about a volunteer, for export and erasure (registry:
toolkit.personal_data; discovered by tenant_apps.privacy). Hours stay in every total."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tenant_apps.hours.models import HoursEntry
from toolkit.personal_data import (
    VOLUNTEER,
    Person,
    json_ready,
    register_last_active,
    register_personal_data,
)


def _export(person: Person) -> list[dict]:
    entries = HoursEntry.objects.filter(volunteer_id=person.pk).select_related(
        "category", "activity"
    )
    return [
        json_ready(
            {
                "date": entry.date,
                "hours": entry.hours,
                "category": entry.category.name,
                "activity": entry.activity.name if entry.activity else "",
                "what_was_done": entry.description,
                "status": entry.get_status_display(),
            }
        )
        for entry in entries
    ]


def _erase(person: Person) -> int:
    # The entries stay (totals, statistics, the annual report); only free text may name people.
    return (
        HoursEntry.objects.filter(volunteer_id=person.pk)
        .exclude(description="")
        .update(description="")
    )


def last_logged() -> dict[int, datetime.date]:
    """Each volunteer's last day with hours logged."""
    rows = (
        HoursEntry.objects.filter(volunteer__isnull=False)
        .values("volunteer_id")
        .annotate(last=Max("date"))
    )
    return {row["volunteer_id"]: row["last"] for row in rows}


register_personal_data(
    kind=VOLUNTEER,
    key="hours.entries",
    models=("hours.HoursEntry",),
    title=_("Hours"),
    export=_export,
    erase=_erase,
    kept=_(
        "Hours stay, without the description, in the centre's totals, its annual report and "
        "the statistics."
    ),
    order=500,
)
register_last_active("hours.entries", last_logged)
