"""What activities hold about a volunteer, for export and erasure (registry:
toolkit.personal_data; discovered by tenant_apps.privacy). Attendance is counts only."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import ShiftSignup
from tenant_apps.activities.receivers import withdraw_from_coming_shifts
from tenant_apps.people.models import Volunteer
from toolkit.personal_data import (
    VOLUNTEER,
    Person,
    json_ready,
    register_last_active,
    register_personal_data,
)


def _export(person: Person) -> list[dict]:
    signups = ShiftSignup.objects.filter(volunteer_id=person.pk).select_related(
        "shift__session__activity"
    )
    return [
        json_ready(
            {
                "activity": signup.shift.session.activity.name,
                "date": signup.shift.session.date,
                "role": signup.shift.name,
                "status": signup.get_status_display(),
            }
        )
        for signup in signups
    ]


def _erase(person: Person) -> int:
    """Take the volunteer off coming shifts (the waiting list moves up); past shifts stay."""
    volunteer = Volunteer.objects.get(pk=person.pk)
    before = ShiftSignup.objects.filter(volunteer=volunteer).count()
    withdraw_from_coming_shifts(sender=Volunteer, volunteer=volunteer)
    return before - ShiftSignup.objects.filter(volunteer=volunteer).count()


def last_shift() -> dict[int, datetime.date]:
    """Each volunteer's last (or next) shift day."""
    rows = ShiftSignup.objects.values("volunteer_id").annotate(last=Max("shift__session__date"))
    return {row["volunteer_id"]: row["last"] for row in rows}


register_personal_data(
    kind=VOLUNTEER,
    key="activities.shifts",
    models=("activities.ShiftSignup",),
    title=_("Shifts"),
    export=_export,
    erase=_erase,
    kept=_("Coming shifts are given up; past shifts stay, without the name."),
    order=400,
)
register_last_active("activities.shifts", last_shift)
