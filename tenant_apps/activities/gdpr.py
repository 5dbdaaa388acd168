"""What activities hold about a volunteer, and about whoever signed up for a session on the
public site (found by e-mail address), for export and erasure (registry:
toolkit.personal_data; discovered by tenant_apps.privacy). Attendance is counts only."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import SessionSignup, ShiftSignup
from tenant_apps.activities.receivers import withdraw_from_coming_shifts
from tenant_apps.people.models import Volunteer
from toolkit.personal_data import (
    ERASED_NAME,
    VOLUNTEER,
    Person,
    json_ready,
    register_contact_data,
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


# --- Sign-ups from the public site ---------------------------------------------------------


def session_signups_anonymise(ids) -> int:
    """Remove the name, e-mail address and phone of these sign-ups; the sign-up keeps its
    place and status, so places taken and the waiting list stay as they were."""
    return (
        SessionSignup.objects.filter(pk__in=list(ids))
        .exclude(email="")
        .update(name=ERASED_NAME, email="", phone="")
    )


def _signups_of(person: Person):
    if not person.email:
        return SessionSignup.objects.none()
    return SessionSignup.objects.filter(email__iexact=person.email)


def _signups_export(person: Person) -> list[dict]:
    signups = _signups_of(person).select_related("session__activity").order_by("created_at")
    return [
        json_ready(
            {
                "activity": signup.session.activity.name,
                "date": signup.session.date,
                "name": signup.name,
                "email": signup.email,
                "phone": signup.phone,
                "status": signup.get_status_display(),
                "signed_up": signup.created_at,
            }
        )
        for signup in signups
    ]


def _signups_erase(person: Person) -> int:
    return session_signups_anonymise(_signups_of(person).values_list("pk", flat=True))


register_contact_data(
    key="activities.session_signups",
    models=("activities.SessionSignup",),
    title=_("Sign-ups for activities"),
    export=_signups_export,
    erase=_signups_erase,
    kept=_("Each sign-up keeps its place, so the places taken stay; the name goes."),
)
