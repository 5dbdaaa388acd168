"""Who is asking, as the hours services need to know it."""

from __future__ import annotations

from shared_apps.accounts.access import roles_for
from shared_apps.accounts.roles import Role
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import volunteer_of_account
from toolkit.actors import StaffActor


def hours_actor(request) -> StaffActor:
    """The signed-in person on this centre's host, and whether they act as staff here."""
    user = request.user
    return StaffActor(
        pk=user.pk,
        email=user.email,
        is_staff=Role.COORDINATOR in roles_for(user, request),
    )


def own_volunteer(request) -> Volunteer | None:
    """The signed-in person's volunteer record at this centre, if they have one."""
    return volunteer_of_account(user_id=request.user.pk)
