"""The volunteer's own shifts as a week and a month, and the calendar address to add."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenant_apps.activities import agenda, services
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.people.models import Volunteer
from tests.plugin import clock_at

URL = "/activities/mine/"
# The views are relative to today, and a volunteer can only sign up for what has not started:
# the clock stands at noon on a Monday early in a month, so every shift below is ahead of it.
MONDAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def early_in_the_week_and_month():
    with clock_at(MONDAY):
        yield


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.text)


def test_week_view_lists_each_day_with_own_shifts(volunteer_client, in_centre, own_volunteer):
    monday, _sunday = agenda.week_range(today())
    with in_centre():
        activity = make_activity(name="Café")
        shift = make_shift(make_session(activity, day=monday + timedelta(days=2)), name="Host")
        services.shift_sign_up(shift=shift, volunteer=own_volunteer)
        next_week = make_shift(make_session(activity, day=monday + timedelta(days=9)))
        services.shift_sign_up(shift=next_week, volunteer=own_volunteer)

    response = volunteer_client.get(URL, {"view": "week", "day": monday.isoformat()})

    assert response.status_code == 200
    days = response.context["days"]
    assert [day.date for day in days] == [monday + timedelta(days=n) for n in range(7)]
    assert [[s.shift_id for s in day.signups] for day in days] == [
        [],
        [],
        [shift.pk],
        [],
        [],
        [],
        [],
    ]
    html = response.text
    assert f'href="?view=week&amp;day={(monday + timedelta(days=7)).isoformat()}"' in html
    assert f'href="?view=week&amp;day={(monday - timedelta(days=7)).isoformat()}"' in html
    assert "18:00–20:00 Café</a>, Host" in html


def test_month_view_is_a_table_of_weeks_with_headers(volunteer_client, in_centre, own_volunteer):
    first = today().replace(day=1)
    with in_centre():
        shift = make_shift(make_session(day=first + timedelta(days=14)))
        services.shift_sign_up(shift=shift, volunteer=own_volunteer)

    response = volunteer_client.get(URL, {"view": "month", "day": first.isoformat()})

    assert response.status_code == 200
    weeks = response.context["weeks"]
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date.weekday() == 0
    signed = [day.date for week in weeks for day in week if day.signups]
    assert signed == [first + timedelta(days=14)]
    html = text_of(response)
    assert '<table class="calendar-month">' in html
    assert "<caption>Your shifts in" in html
    assert html.count('<th scope="col">') == 7
    assert 'aria-current="date"' in html
    next_month = agenda.next_month(first)
    assert f'href="?view=month&amp;day={next_month.isoformat()}"' in html


def test_calendar_views_run_a_fixed_number_of_queries(volunteer_client, in_centre, own_volunteer):
    def queries_for(count: int, layout: str) -> int:
        with in_centre():
            for offset in range(count):
                shift = make_shift(make_session(day=today() + timedelta(days=offset % 5)))
                services.shift_sign_up(shift=shift, volunteer=own_volunteer)
        with CaptureQueriesContext(connection) as context:
            assert volunteer_client.get(URL, {"view": layout}).status_code == 200
        return len(context.captured_queries)

    for layout in ("week", "month"):
        assert queries_for(1, layout) == queries_for(8, layout)


def test_a_strange_day_or_view_falls_back_to_today_and_the_list(volunteer_client, own_volunteer):
    response = volunteer_client.get(URL, {"view": "year", "day": "9999-99-99"})
    assert response.status_code == 200
    assert response.context["layout"] == "list"
    response = volunteer_client.get(URL, {"view": "month", "day": "1900-01-01"})
    assert response.context["month"] == today().replace(day=1)


def test_add_to_calendar_offers_webcal_and_a_copyable_address(
    volunteer_client, in_centre, own_volunteer
):
    page = volunteer_client.get(URL)
    assert "Make my calendar address" in page.text

    response = volunteer_client.post("/activities/calendar/", {"next": URL})
    assert response["Location"] == URL

    with in_centre():
        token = Volunteer.objects.get(pk=own_volunteer.pk).calendar_token
    page = volunteer_client.get(URL)
    path = f"/activities/calendar/volunteer/{token}.ics"
    assert 'href="webcal://alpha.' in page.text
    assert f'{path}"' in page.text
    assert re.search(rf'<input[^>]+readonly value="http://[^"]+{re.escape(path)}"', page.text)
    assert 'data-copy="calendar-url"' in page.text
    assert re.search(
        r'<script src="[^"]*activities/copy\.js" defer nonce="[^"]+"></script>', page.text
    )
    assert "no-cache" in page["Cache-Control"]


def test_an_account_without_a_volunteer_record_is_told_so(volunteer_client):
    for layout in ("list", "week", "month"):
        response = volunteer_client.get(URL, {"view": layout})
        assert "Your account is not linked to a volunteer here." in response.text
