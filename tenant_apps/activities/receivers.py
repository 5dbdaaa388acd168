"""What activities does when an app it builds on changes something (connected in apps.py)."""

from __future__ import annotations

from tenant_apps.activities.selectors import session_has_started
from tenant_apps.activities.services import shift_withdraw
from tenant_apps.people.models import Volunteer


def withdraw_from_coming_shifts(sender, *, volunteer: Volunteer, **kwargs) -> None:
    """A volunteer is about to be deleted (people.signals.volunteer_deleting): take them off
    coming shifts through the service, so the first on each waiting list moves up. The
    CASCADE that follows would delete their sign-ups without moving anyone up."""
    signups = volunteer.shift_signups.select_related("shift__session")
    for signup in signups:
        session = signup.shift.session
        if not session.is_cancelled and not session_has_started(session):
            shift_withdraw(shift=signup.shift, volunteer=volunteer)
