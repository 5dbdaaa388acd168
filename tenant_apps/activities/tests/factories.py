"""Rows for activity tests; call inside the centre's schema (schema_context). Volunteers:
`tests.factories.make_volunteer`."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

_numbers = itertools.count(1)


def today() -> date:
    """Today in the test centres' time zone (Europe/Oslo)."""
    return timezone.localdate(timezone=ZoneInfo("Europe/Oslo"))


def make_activity(**fields):
    from tenant_apps.activities.models import Activity, ActivityCategory

    values = {
        "name": f"Language café {next(_numbers)}",
        "category": ActivityCategory.objects.get(code="social-meeting-places"),
        "recurrence": Activity.Recurrence.WEEKLY,
        "first_date": today() + timedelta(days=7),
        "start_time": time(18, 0),
        "end_time": time(20, 0),
        "place": "The library",
    }
    values.update(fields)
    return Activity.objects.create(**values)


def make_session(activity=None, *, day=None, **fields):
    from tenant_apps.activities.models import Session

    activity = activity or make_activity()
    return Session.objects.create(
        activity=activity,
        date=day or activity.first_date,
        start_time=fields.pop("start_time", activity.start_time),
        end_time=fields.pop("end_time", activity.end_time),
        **fields,
    )


def make_shift(session=None, *, capacity=2, name="Host"):
    from tenant_apps.activities.models import Shift

    return Shift.objects.create(session=session or make_session(), name=name, capacity=capacity)
