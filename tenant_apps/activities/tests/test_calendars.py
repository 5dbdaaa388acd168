"""Calendar feeds at secret addresses: valid iCalendar with the right events, reachable
without signing in, 404 for a wrong token and for another centre's token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.people.models import Volunteer
from tests.factories import make_volunteer

OSLO = ZoneInfo("Europe/Oslo")


def events(response) -> list[icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def summary_and_start(event) -> tuple[str, datetime]:
    return str(event["SUMMARY"]), event.decoded("DTSTART")


def test_volunteer_feed_holds_their_confirmed_shifts_only(centre_client, in_centre):
    with in_centre():
        volunteer = make_volunteer()
        someone = make_volunteer()
        café = make_activity(name="Language café", place="Library")
        lunch = make_activity(name="Seniors' lunch")
        confirmed = make_shift(make_session(café), name="Host", capacity=1)
        waiting = make_shift(make_session(lunch), name="Cook", capacity=1)
        cancelled = make_shift(make_session(lunch, day=lunch.first_date + timedelta(days=7)))
        services.shift_sign_up(shift=confirmed, volunteer=volunteer)
        services.shift_sign_up(shift=waiting, volunteer=someone)
        services.shift_sign_up(shift=waiting, volunteer=volunteer)
        services.shift_sign_up(shift=cancelled, volunteer=volunteer)
        services.session_cancel(session=cancelled.session)
        token = services.volunteer_calendar_token(volunteer=volunteer)

    found = events(centre_client.get(f"/activities/calendar/volunteer/{token}.ics"))

    start = datetime.combine(café.first_date, café.start_time, tzinfo=OSLO)
    assert [summary_and_start(event) for event in found] == [
        ("Language café – Host", start.astimezone(UTC))
    ]
    assert str(found[0]["LOCATION"]) == "Library"
    assert found[0].decoded("DTEND") - found[0].decoded("DTSTART") == timedelta(hours=2)


def test_activity_feed_holds_its_sessions_that_take_place(centre_client, in_centre):
    with in_centre():
        activity = make_activity(name="Walking group")
        services.sessions_generate(
            activity=activity, until=activity.first_date + timedelta(weeks=2)
        )
        middle = activity.sessions.get(date=activity.first_date + timedelta(weeks=1))
        services.session_cancel(session=middle)
        make_session(make_activity(name="Other activity"))
        token = services.activity_calendar_token(activity=activity)

    found = events(centre_client.get(f"/activities/calendar/activity/{token}.ics"))

    assert [summary_and_start(event) for event in found] == [
        ("Walking group", datetime.combine(day, activity.start_time, tzinfo=OSLO).astimezone(UTC))
        for day in (activity.first_date, activity.first_date + timedelta(weeks=2))
    ]
    assert len({str(event["UID"]) for event in found}) == 2


@pytest.mark.parametrize("kind", ["volunteer", "activity"])
def test_a_wrong_token_is_not_found(centre_client, in_centre, kind):
    with in_centre():
        services.volunteer_calendar_token(volunteer=make_volunteer())
        services.activity_calendar_token(activity=make_activity())
    response = centre_client.get(f"/activities/calendar/{kind}/not-the-token.ics")
    assert response.status_code == 404


def test_another_centres_token_is_not_found_on_this_centres_host(in_centre, other_centre_client):
    with in_centre():
        volunteer_token = services.volunteer_calendar_token(volunteer=make_volunteer())
        activity_token = services.activity_calendar_token(activity=make_activity())

    for url in (
        f"/activities/calendar/volunteer/{volunteer_token}.ics",
        f"/activities/calendar/activity/{activity_token}.ics",
    ):
        assert other_centre_client.get(url).status_code == 404


def test_a_new_address_stops_the_old_one(volunteer_client, centre_client, own_volunteer, in_centre):
    response = volunteer_client.post("/activities/calendar/")
    assert response.status_code == 302
    with in_centre():
        old = Volunteer.objects.get(pk=own_volunteer.pk).calendar_token
    assert len(old) >= 43
    page = volunteer_client.get("/activities/calendar/")
    assert f"/activities/calendar/volunteer/{old}.ics" in page.text
    assert "no-cache" in page["Cache-Control"]
    assert centre_client.get(f"/activities/calendar/volunteer/{old}.ics").status_code == 200

    volunteer_client.post("/activities/calendar/")

    with in_centre():
        new = Volunteer.objects.get(pk=own_volunteer.pk).calendar_token
    assert new != old
    assert centre_client.get(f"/activities/calendar/volunteer/{old}.ics").status_code == 404
    assert centre_client.get(f"/activities/calendar/volunteer/{new}.ics").status_code == 200


def test_coordinators_make_an_activity_address_that_members_then_see(
    coordinator_client, volunteer_client, in_centre
):
    with in_centre():
        activity = make_activity()
    page = volunteer_client.get(f"/activities/{activity.pk}/")
    assert "This activity has no calendar address yet." in page.text

    coordinator_client.post(f"/activities/{activity.pk}/calendar-address/")

    with in_centre():
        token = Activity.objects.get(pk=activity.pk).calendar_token
    assert token
    page = volunteer_client.get(f"/activities/{activity.pk}/")
    assert f"/activities/calendar/activity/{token}.ics" in page.text


def test_feed_shows_the_past_three_months_and_what_is_coming(centre_client, in_centre):
    with in_centre():
        volunteer = make_volunteer()
        activity = make_activity(first_date=today() - timedelta(days=200))
        old = make_shift(make_session(activity, day=today() - timedelta(days=120)))
        recent = make_shift(make_session(activity, day=today() - timedelta(days=20)))
        from tenant_apps.activities.models import ShiftSignup

        for shift in (old, recent):
            ShiftSignup.objects.create(shift=shift, volunteer=volunteer, status="confirmed")
        token = services.volunteer_calendar_token(volunteer=volunteer)

    found = events(centre_client.get(f"/activities/calendar/volunteer/{token}.ics"))
    # 18:00 in Oslo is the same day in UTC.
    assert [event.decoded("DTSTART").date() for event in found] == [recent.session.date]
