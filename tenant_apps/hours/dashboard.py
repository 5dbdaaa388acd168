"""The coordinator dashboard: what needs attention today, read straight from the other apps'
models with a handful of bounded queries (each list is capped; totals are one COUNT each)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.activities.models import Session, Shift, ShiftSignup
from tenant_apps.helprequests.models import HelpRequest
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import Volunteer

LIST_LIMIT = 15
UNFILLED_SHIFT_DAYS = 14
CERTIFICATE_WINDOW_DAYS = 60

# Other apps' list pages the dashboard links to when they exist (a page that is not there
# yet leaves its section without a link rather than breaking the dashboard).
LINKED_PAGES = {
    "help_requests": "helprequests:list",
    "volunteers": "people:volunteer_list",
    "activities": "activities:list",
}
# The same for each row: (URL name, its one keyword argument).
ROW_PAGES = {
    "session": ("activities:session", "session_id"),
    "help_request": ("helprequests:detail", "help_request_id"),
    "volunteer": ("people:volunteer_detail", "volunteer_id"),
}


@dataclass(frozen=True)
class Section:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.rows), 0)


@dataclass(frozen=True)
class WaitingHours:
    entries: int
    hours: Decimal
    oldest: datetime.date | None


def _optional_url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _link_rows(rows, kind: str, key=lambda row: row.pk) -> None:
    """Give each row a `page_url` to its page in the other app (None if there is none)."""
    name, argument = ROW_PAGES[kind]
    for row in rows:
        row.page_url = _optional_url(name, **{argument: key(row)})


def todays_sessions(today: datetime.date) -> list[Session]:
    """Today's sessions with their places and confirmed volunteers (one query)."""
    places = (
        Shift.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(total=Sum("capacity"))
        .values("total")
    )
    confirmed = (
        ShiftSignup.objects.filter(
            shift__session=OuterRef("pk"), status=ShiftSignup.Status.CONFIRMED
        )
        .order_by()
        .values("shift__session")
        .annotate(total=Count("id"))
        .values("total")
    )
    return list(
        Session.objects.filter(date=today)
        .select_related("activity")
        .annotate(
            places=Coalesce(Subquery(places, output_field=IntegerField()), 0),
            confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0),
        )
        .order_by("start_time", "activity__name", "id")[: LIST_LIMIT * 2]
    )


def unfilled_shifts(today: datetime.date) -> Section:
    """Shifts in the coming days with free places, soonest first (two queries)."""
    shifts = (
        Shift.objects.filter(
            session__date__range=(today, today + datetime.timedelta(days=UNFILLED_SHIFT_DAYS)),
            session__is_cancelled=False,
        )
        .annotate(
            confirmed=Count("signups", filter=Q(signups__status=ShiftSignup.Status.CONFIRMED))
        )
        .filter(confirmed__lt=F("capacity"))
    )
    rows = list(
        shifts.select_related("session__activity").order_by(
            "session__date", "session__start_time", "session__activity__name", "name", "id"
        )[:LIST_LIMIT]
    )
    total = len(rows) if len(rows) < LIST_LIMIT else shifts.order_by().count()
    return Section(rows=rows, total=total)


def new_help_requests() -> Section:
    """Help requests nobody has been matched with yet, oldest first (two queries)."""
    requests = HelpRequest.objects.filter(status=HelpRequest.Status.NEW)
    rows = list(
        requests.select_related("request_type", "area").order_by("opened_at", "id")[:LIST_LIMIT]
    )
    total = len(rows) if len(rows) < LIST_LIMIT else requests.count()
    return Section(rows=rows, total=total)


def certificates_to_renew(today: datetime.date) -> Section:
    """Active volunteers whose latest police certificate record expired recently or expires
    soon, soonest first (two queries)."""
    window = datetime.timedelta(days=CERTIFICATE_WINDOW_DAYS)
    volunteers = (
        Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
        .annotate(renew_by=Max("certificate_records__renew_by"))
        .filter(renew_by__range=(today - window, today + window))
    )
    rows = list(
        volunteers.only("id", "first_name", "last_name").order_by("renew_by", "last_name", "id")[
            :LIST_LIMIT
        ]
    )
    total = len(rows) if len(rows) < LIST_LIMIT else volunteers.order_by().count()
    return Section(rows=rows, total=total)


def hours_waiting() -> WaitingHours:
    """How many entries (and hours) wait for approval, and since when (one query)."""
    waiting = HoursEntry.objects.filter(status=HoursEntry.Status.SUBMITTED).aggregate(
        entries=Count("id"), hours=Sum("hours"), oldest=Min("date")
    )
    return WaitingHours(
        entries=waiting["entries"], hours=waiting["hours"] or Decimal("0"), oldest=waiting["oldest"]
    )


@allow(CENTRE_STAFF)
def dashboard(request):
    """Today's sessions, unfilled shifts, new help requests, certificates to renew and hours
    waiting for approval, on one page for coordinators."""
    today = timezone.localdate()
    sessions = todays_sessions(today)
    shifts = unfilled_shifts(today)
    help_requests = new_help_requests()
    certificates = certificates_to_renew(today)
    _link_rows(sessions, "session")
    _link_rows(shifts.rows, "session", key=lambda shift: shift.session_id)
    _link_rows(help_requests.rows, "help_request")
    _link_rows(certificates.rows, "volunteer")
    return render(
        request,
        "hours/dashboard.html",
        {
            "today": today,
            "sessions": sessions,
            "shifts": shifts,
            "help_requests": help_requests,
            "certificates": certificates,
            "waiting": hours_waiting(),
            "shift_days": UNFILLED_SHIFT_DAYS,
            "certificate_days": CERTIFICATE_WINDOW_DAYS,
            "links": {key: _optional_url(name) for key, name in LINKED_PAGES.items()},
        },
    )
