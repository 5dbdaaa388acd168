"""The secrets behind the calendar feeds' addresses."""

from __future__ import annotations

import secrets

from django.db import transaction

from tenant_apps.activities.models import (
    Activity,
)
from tenant_apps.people.models import Volunteer


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def volunteer_calendar_token(*, volunteer: Volunteer, reset: bool = False) -> str:
    """The secret of the volunteer's calendar feed, made on first use; `reset` makes a new
    one, and the old address stops working."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if reset or not volunteer.calendar_token:
            volunteer.calendar_token = _new_calendar_token()
            volunteer.save(update_fields=["calendar_token"])
    return volunteer.calendar_token


def activity_calendar_token(*, activity: Activity, reset: bool = False) -> str:
    """The secret of the activity's calendar feed, made on first use; `reset` makes a new one."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if reset or not activity.calendar_token:
            activity.calendar_token = _new_calendar_token()
            activity.save(update_fields=["calendar_token"])
    return activity.calendar_token


def volunteer_calendar_revoke(*, account_user_id: int) -> bool:
    """End the calendar address of the volunteer who signs in with this account (when their
    membership of the centre ends); True if there was one."""
    return bool(
        Volunteer.objects.filter(
            account_user_id=account_user_id, calendar_token__isnull=False
        ).update(calendar_token=None)
    )
