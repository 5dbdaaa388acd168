"""Open shifts for volunteers: what is listed, the filters, signing up from the list, and a
fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenant_apps.activities import services
from tenant_apps.activities.models import ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tests.factories import make_volunteer

URL = "/activities/shifts/open/"


def listed(response) -> list[int]:
    return [shift.pk for shift in response.context["shifts"]]


def test_lists_coming_shifts_with_free_places_in_public_running_activities(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        soon = make_shift(make_session(make_activity(name="Café"), day=today() + timedelta(days=2)))
        later = make_shift(make_session(make_activity(), day=today() + timedelta(days=9)))
        full = make_shift(capacity=1)
        services.shift_sign_up(shift=full, volunteer=make_volunteer(first_name="Ola"))
        make_shift(make_session(make_activity(is_public=False)))
        make_shift(make_session(make_activity(is_active=False)))
        make_shift(make_session(is_cancelled=True))
        make_shift(make_session(day=today() - timedelta(days=1)))
        make_shift(make_session(day=today() + timedelta(days=60)))  # past the default 4 weeks

    response = volunteer_client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [soon.pk, later.pk]
    assert f'action="/activities/shifts/{soon.pk}/sign-up/"' in response.text
    assert "Ola" not in response.text


def test_filters_by_dates_activity_and_place(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        cafe = make_activity(name="Café", place="Library")
        walk = make_activity(name="Walk", place="Park")
        first = make_shift(make_session(cafe, day=today() + timedelta(days=3)))
        second = make_shift(make_session(cafe, day=today() + timedelta(days=40)))
        park = make_shift(make_session(walk, day=today() + timedelta(days=3)))

    span = {"start": today().isoformat(), "end": (today() + timedelta(days=50)).isoformat()}
    assert listed(volunteer_client.get(URL, span)) == [first.pk, park.pk, second.pk]
    assert listed(volunteer_client.get(URL, {**span, "activity": cafe.pk})) == [
        first.pk,
        second.pk,
    ]
    assert listed(volunteer_client.get(URL, {**span, "place": "Park"})) == [park.pk]
    later = {"start": (today() + timedelta(days=30)).isoformat(), "end": span["end"]}
    assert listed(volunteer_client.get(URL, later)) == [second.pk]


def test_a_bad_filter_says_so_and_shows_the_coming_weeks(volunteer_client, in_centre):
    with in_centre():
        shift = make_shift(make_session(day=today() + timedelta(days=3)))
    response = volunteer_client.get(
        URL, {"start": today().isoformat(), "end": (today() - timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"end": ["Choose a date on or after the first date."]}
    assert listed(response) == [shift.pk]


def test_signing_up_from_the_list_returns_to_it_with_a_message(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        shift = make_shift(make_session(day=today() + timedelta(days=3)), name="Host")
        other = make_shift(shift.session, name="Kitchen")
    back = f"{URL}?place=&page=1"

    response = volunteer_client.post(
        f"/activities/shifts/{shift.pk}/sign-up/", {"next": back}, follow=True
    )

    assert response.redirect_chain == [(back, 302)]
    text = re.sub(r"\s+", " ", response.text)
    assert "You are signed up as Host." in text
    assert "You are signed up." in text
    assert "You have another shift in this session." in text
    assert f'action="/activities/shifts/{other.pk}/sign-up/"' not in text
    with in_centre():
        assert ShiftSignup.objects.get(shift=shift).volunteer_id == own_volunteer.pk


def test_open_shifts_page_runs_a_fixed_number_of_queries(
    volunteer_client, in_centre, own_volunteer
):
    def queries_for(count: int) -> int:
        with in_centre():
            for offset in range(count):
                activity = make_activity(place=f"Place {offset}")
                shift = make_shift(make_session(activity, day=today() + timedelta(days=1)))
                services.shift_sign_up(shift=shift, volunteer=own_volunteer)
                make_shift(make_session(activity, day=today() + timedelta(days=8)))
        with CaptureQueriesContext(connection) as context:
            assert volunteer_client.get(URL).status_code == 200
        return len(context.captured_queries)

    few = queries_for(2)
    many = queries_for(12)
    assert many == few


def test_the_menus_offer_open_shifts(volunteer_client):
    assert 'href="/activities/shifts/open/"' in volunteer_client.get("/staff/").text
    assert 'href="/activities/shifts/open/"' in volunteer_client.get("/activities/").text
