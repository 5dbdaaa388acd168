"""Days that break date arithmetic, with the clock stopped on them: 29 February, the last day
of a year and the first day of the next. Pages that compute "today", "the month" and "three
years on" keep working: logging hours, exporting a month, recording a police certificate.
"""

from __future__ import annotations

import datetime

import pytest

from tenant_apps.activities.models import ActivityCategory
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import make_entry
from tenant_apps.people.models import PoliceCertificateRecord
from tests.factories import make_volunteer
from tests.plugin import clock_at

# day -> the day a certificate seen that day must be renewed by (36 months on, the default)
DAYS = {
    datetime.date(2028, 2, 29): datetime.date(2031, 2, 28),
    datetime.date(2027, 12, 31): datetime.date(2030, 12, 31),
    datetime.date(2028, 1, 1): datetime.date(2031, 1, 1),
}


@pytest.fixture(params=list(DAYS), ids=str)
def day(request):
    """The clock stopped at noon on the day (list it first, before the signed-in clients, so
    that their sessions are made on that day too)."""
    with clock_at(request.param):
        yield request.param


@pytest.fixture
def client_language():
    return "en"


def test_hours_of_today_are_logged_and_tomorrow_is_refused(
    day, volunteer, volunteer_client, inside
):
    with inside():
        own = make_volunteer("Vera", account_user_id=volunteer.pk)
        other = ActivityCategory.objects.get(code="other").pk

    tomorrow = day + datetime.timedelta(days=1)
    refused = volunteer_client.post(
        "/hours/log/", {"date": tomorrow.isoformat(), "hours": "1", "category": other}
    )
    logged = volunteer_client.post(
        "/hours/log/", {"date": day.isoformat(), "hours": "1.5", "category": other}
    )

    assert refused.status_code == 200
    assert refused.context["form"].errors["date"] == ["The date cannot be in the future."]
    assert logged.status_code == 302
    with inside():
        assert list(HoursEntry.objects.values_list("volunteer", "date")) == [(own.pk, day)]


def test_the_month_export_runs_from_the_first_to_the_last_day(day, coordinator_client, inside):
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    last = following - datetime.timedelta(days=1)
    with inside():
        for name, date in (("First", first), ("Last", last), ("Following", following)):
            make_entry(make_volunteer(name, "Day"), "1", date=date, status="approved")

    response = coordinator_client.get("/hours/export/", {"month": f"{day:%Y-%m}", "format": "csv"})

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "First Day" in text
    assert "Last Day" in text
    assert "Following Day" not in text


def test_a_certificate_seen_today_is_to_be_renewed_three_years_on(day, coordinator_client, inside):
    with inside():
        volunteer = make_volunteer()

    response = coordinator_client.post(
        f"/people/volunteers/{volunteer.pk}/certificates/new/",
        {"kind": "politiattest", "seen_on": day.isoformat(), "renew_by": "", "confirm": "on"},
    )

    assert response.status_code == 302
    with inside():
        assert PoliceCertificateRecord.objects.get(volunteer=volunteer).renew_by == DAYS[day]
