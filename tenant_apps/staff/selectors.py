"""What the coordinators' "Today" page reads, gathered from the selectors of the apps below
(activities, help requests, people, hours). Each list is capped and counted, so the page
runs the same queries whatever the size of the centre."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max

from tenant_apps.activities import selectors as activities
from tenant_apps.helprequests import selectors as helprequests
from tenant_apps.helprequests.models import HelpRequest
from tenant_apps.hours.selectors import WaitingHours, hours_waiting
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import volunteer_application_count

LIST_LIMIT = 15
UNFILLED_SHIFT_DAYS = 14
CERTIFICATE_WINDOW_DAYS = 60


@dataclass(frozen=True)
class Section:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.rows), 0)


def _section(items) -> Section:
    """The first LIST_LIMIT items, and how many there are (counted only when the list is full)."""
    rows = list(items[:LIST_LIMIT])
    total = len(rows) if len(rows) < LIST_LIMIT else items.order_by().count()
    return Section(rows=rows, total=total)


def todays_sessions(today: datetime.date) -> list:
    """Today's sessions (cancelled ones too, marked), each with `places` and `confirmed`."""
    sessions = list(activities.sessions_between(start=today, end=today)[: LIST_LIMIT * 2])
    for session in sessions:
        shifts = session.shifts.all()
        session.places = sum(shift.capacity for shift in shifts)
        session.confirmed = sum(shift.confirmed_count for shift in shifts)
    return sessions


def unfilled_shifts(today: datetime.date) -> Section:
    """Shifts from today to UNFILLED_SHIFT_DAYS ahead (both included) with free places."""
    return _section(activities.unfilled_shifts(days=UNFILLED_SHIFT_DAYS + 1, today=today))


def new_help_requests() -> Section:
    """Help requests nobody has been matched with yet, oldest first."""
    requests = helprequests.help_request_list(status=HelpRequest.Status.NEW)
    return _section(requests.prefetch_related(None).order_by("opened_at", "id"))


def certificates_to_renew(today: datetime.date) -> Section:
    """Active volunteers whose latest police certificate expired in the last
    CERTIFICATE_WINDOW_DAYS or expires in the next, soonest first; each has `renew_by`.

    Not people.selectors.expiring_certificates: that one leaves out the recently expired
    and lists paused volunteers too.
    """
    window = datetime.timedelta(days=CERTIFICATE_WINDOW_DAYS)
    volunteers = (
        Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
        .annotate(renew_by=Max("certificate_records__renew_by"))
        .filter(renew_by__range=(today - window, today + window))
        .only("id", "first_name", "last_name")
        .order_by("renew_by", "last_name", "id")
    )
    return _section(volunteers)


@dataclass(frozen=True)
class Today:
    today: datetime.date
    sessions: list
    shifts: Section
    help_requests: Section
    certificates: Section
    waiting: WaitingHours
    volunteer_applications: int


def centre_today(today: datetime.date) -> Today:
    """Everything the "Today" page shows."""
    return Today(
        today=today,
        sessions=todays_sessions(today),
        shifts=unfilled_shifts(today),
        help_requests=new_help_requests(),
        certificates=certificates_to_renew(today),
        waiting=hours_waiting(),
        volunteer_applications=volunteer_application_count(),
    )
