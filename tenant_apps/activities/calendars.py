"""iCalendar feeds: a volunteer's confirmed shifts, an activity's sessions."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.activities import selectors
from tenant_apps.activities.models import Activity, Session
from tenant_apps.people.models import Volunteer
from tenants.current import centre_time_zone, current_centre, local_moment

# Calendar apps show what is coming and a little of what was.
FEED_HISTORY = timedelta(days=90)


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Dugnad//Activities//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(
    *, uid: str, session: Session, summary: str, description: str, time_zone: ZoneInfo
) -> icalendar.Event:
    activity = session.activity
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    # UTC moments: every calendar app places them right, with no time zone table to ship.
    event.add("dtstart", local_moment(session.date, session.start_time, time_zone).astimezone(UTC))
    event.add("dtend", local_moment(session.date, session.end_time, time_zone).astimezone(UTC))
    event.add("summary", summary)
    if activity.place:
        event.add("location", activity.place)
    if description:
        event.add("description", description)
    return event


def volunteer_feed(volunteer: Volunteer, *, host: str) -> bytes:
    """The volunteer's confirmed shifts in sessions that take place, as an .ics file."""
    centre = current_centre()
    time_zone = centre_time_zone(centre)
    calendar = _calendar(_("My shifts – %(centre)s") % {"centre": centre.name})
    since = selectors.centre_today() - FEED_HISTORY
    for signup in selectors.volunteer_calendar_signups(volunteer=volunteer, since=since):
        session = signup.shift.session
        calendar.add_component(
            _event(
                uid=f"shift-signup-{signup.pk}@{host}",
                session=session,
                summary=f"{session.activity.name} – {signup.shift.name}",
                description=session.note,
                time_zone=time_zone,
            )
        )
    return calendar.to_ical()


def activity_feed(activity: Activity, *, host: str) -> bytes:
    """The activity's sessions that take place, as an .ics file."""
    calendar = _calendar(activity.name)
    time_zone = centre_time_zone()
    since = selectors.centre_today() - FEED_HISTORY
    for session in selectors.activity_calendar_sessions(activity=activity, since=since):
        session.activity = activity
        calendar.add_component(
            _event(
                uid=f"session-{session.pk}@{host}",
                session=session,
                summary=activity.name,
                description=session.note or activity.description,
                time_zone=time_zone,
            )
        )
    return calendar.to_ical()


def public_sessions_feed(sessions, *, name: str, host: str) -> bytes:
    """Sessions of the public calendar (each with its activity), as an .ics file."""
    calendar = _calendar(name)
    time_zone = centre_time_zone()
    for session in sessions:
        calendar.add_component(
            _event(
                uid=f"public-session-{session.pk}@{host}",
                session=session,
                summary=session.activity.name,
                description=session.note or session.activity.description,
                time_zone=time_zone,
            )
        )
    return calendar.to_ical()
