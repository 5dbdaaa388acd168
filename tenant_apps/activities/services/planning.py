"""An activity, its sessions and a first shift on each, made in one step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.activities.models import Activity, Session, Shift
from tenant_apps.activities.services.activities import (
    GENERATE_AHEAD_LIMIT,
    activity_create,
    sessions_generate,
)
from tenant_apps.activities.services.shifts import shift_create
from tenants.current import centre_time_zone
from toolkit.errors import ApplicationError


@dataclass(frozen=True)
class PlannedActivity:
    activity: Activity
    sessions: list[Session]
    shifts: list[Shift]


def _horizon(*, plan_until: date | None, last_date: date | None) -> date | None:
    """Up to when to plan: the date given, else the activity's last date (at most as far
    ahead as sessions may be planned)."""
    if plan_until is not None:
        return plan_until
    if last_date is None:
        return None
    today = timezone.localdate(timezone=centre_time_zone())
    return min(last_date, today + GENERATE_AHEAD_LIMIT)


def activity_create_with_plan(
    *,
    plan_until: date | None = None,
    shift_name: str = "",
    shift_capacity: int | None = None,
    **activity_fields: Any,
) -> PlannedActivity:
    """Add an activity, plan its sessions up to `plan_until` (default: its last date) and give
    each session a shift `shift_name` with `shift_capacity` places, all or nothing.

    Without a horizon (no date given, no last date) only the activity is added: its sessions
    are planned on the next page, as before. Errors name the fields `plan_until`,
    `shift_name` and `shift_capacity` besides the activity's own.
    """
    shift_name = (shift_name or "").strip()
    if shift_capacity is not None and not shift_name:
        raise ApplicationError(_("Name the role, for example “Host”."), field="shift_name")
    if shift_name and shift_capacity is None:
        raise ApplicationError(_("Give the number of places."), field="shift_capacity")
    with transaction.atomic():
        activity = activity_create(**activity_fields)
        until = _horizon(plan_until=plan_until, last_date=activity.last_date)
        if until is None:
            if shift_name:
                raise ApplicationError(
                    _("Give a date to plan the sessions up to, so the shift can be added."),
                    field="plan_until",
                )
            return PlannedActivity(activity=activity, sessions=[], shifts=[])
        try:
            sessions = sessions_generate(activity=activity, until=until)
        except ApplicationError as error:
            raise ApplicationError(error.message, field="plan_until") from None
        shifts = []
        if shift_name:
            try:
                shifts = [
                    shift_create(session=session, name=shift_name, capacity=shift_capacity)
                    for session in sessions
                ]
            except ApplicationError as error:
                raise ApplicationError(
                    error.message, field=f"shift_{error.field}" if error.field else None
                ) from None
    return PlannedActivity(activity=activity, sessions=sessions, shifts=shifts)
