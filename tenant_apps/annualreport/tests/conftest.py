"""Annual report tests: pages in English, known figures from stand-in collectors (`inside`
and the other shared fixtures come from tests/plugin.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from shared_apps.statistics.contracts import AggregateRow
from tenant_apps.annualreport.tests import collectors

YEAR = timezone.localdate().year - 1


def month(number: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, number, 1)


def row(key: str, when: datetime.date, value, dimension: str = "") -> AggregateRow:
    return AggregateRow(key=key, month=when, value=Decimal(str(value)), dimension=dimension)


# Last year's figures, and some of other years that the report of last year must leave out.
HOURS_ROWS = [
    row("hours.total", month(1), "10.5"),
    row("hours.total", month(2), "20"),
    row("hours.by_category", month(1), "10.5", "social-meeting-places"),
    row("hours.by_category", month(2), "20", "other"),
    row("activities.running_in_year", month(1), 2, "social-meeting-places"),
    row("sessions.held", month(1), 4, "social-meeting-places"),
    row("sessions.held", month(2), 5, "social-meeting-places"),
    row("hours.total", month(12, YEAR - 1), "99"),
    row("activities.running_in_year", month(1, YEAR - 1), 7, "social-meeting-places"),
]
PEOPLE_ROWS = [
    row("volunteers.active_in_year", month(1), 12),
    row("volunteers.active_in_year_by_age_band", month(1), 3, "18_29"),
    row("volunteers.active_in_year_by_age_band", month(1), 9, "60_79"),
    row("volunteers.new", month(3), 2),
    row("participants.total", month(1), 30),
    row("participants.by_age_band", month(1), 27, "60_79"),
    row("participants.by_age_band", month(1), 3, "80_plus"),
    row("participants.by_target_group", month(1), 20, "seniors"),
    row("help_requests.opened", month(1), 6, "shopping"),
    row("help_requests.opened", month(2), 1, "transport"),
    row("help_requests.matched", month(1), 5, "shopping"),
    row("help_requests.closed", month(2), 4, "shopping"),
    row("volunteers.active_in_year", month(1, YEAR - 1), 50),
    row("volunteers.new", month(1, YEAR + 1), 8),
]
YEAR_ROWS = sorted(
    [r for r in HOURS_ROWS + PEOPLE_ROWS if r.month.year == YEAR],
    key=lambda r: (r.key, r.month, r.dimension),
)


@pytest.fixture
def collected(settings):
    """The stand-in collectors, with last year's known figures."""
    settings.STATISTICS_COLLECTORS = [
        "tenant_apps.annualreport.tests.collectors.collect_hours",
        "tenant_apps.annualreport.tests.collectors.collect_people",
    ]
    collectors.ROWS["hours"] = list(HOURS_ROWS)
    collectors.ROWS["people"] = list(PEOPLE_ROWS)
    collectors.CONTEXTS.clear()
    yield collectors
    collectors.ROWS["hours"] = []
    collectors.ROWS["people"] = []


@pytest.fixture
def client_language():
    return "en"
