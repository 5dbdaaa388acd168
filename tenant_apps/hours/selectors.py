"""Reading volunteer hours: lists with their relations loaded, and totals computed by the
database (one aggregate query per breakdown, whatever the number of entries)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Min, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tenant_apps.activities.models import Session, ShiftSignup
from tenant_apps.activities.selectors import session_detail, sessions_between
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import Volunteer


def deleted_volunteer_label() -> str:
    """How hours of a deleted (anonymised) volunteer are labelled, in the active language."""
    return _("(deleted volunteer)")


def hours_entries(
    *,
    volunteer_id: int | None = None,
    account_user_id: int | None = None,
    category_id: int | None = None,
    activity_id: int | None = None,
    status: str | Iterable[str] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[HoursEntry]:
    """Entries, newest first, with volunteer, category, activity and session loaded.

    `account_user_id`: only the hours of the volunteer record linked to that account."""
    entries = HoursEntry.objects.select_related(
        "volunteer", "category", "activity", "session", "assignment__help_request__request_type"
    ).order_by("-date", "-id")
    if volunteer_id is not None:
        entries = entries.filter(volunteer_id=volunteer_id)
    if account_user_id is not None:
        entries = entries.filter(volunteer__account_user_id=account_user_id)
    if category_id is not None:
        entries = entries.filter(category_id=category_id)
    if activity_id is not None:
        entries = entries.filter(activity_id=activity_id)
    if isinstance(status, str) and status:
        entries = entries.filter(status=status)
    elif status and not isinstance(status, str):
        entries = entries.filter(status__in=list(status))
    if date_from is not None:
        entries = entries.filter(date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(date__lte=date_to)
    return entries


def hours_entry(entry_id: int) -> HoursEntry | None:
    """One entry with its relations loaded, or None."""
    return hours_entries().filter(pk=entry_id).first()


def hours_logged_for_session(
    session_id: int, *, volunteer_ids: Iterable[int] | None = None
) -> dict[int, Decimal]:
    """Volunteer id → hours already logged (and not rejected) for one session."""
    entries = HoursEntry.objects.filter(session_id=session_id, volunteer__isnull=False).exclude(
        status=HoursEntry.Status.REJECTED
    )
    if volunteer_ids is not None:
        entries = entries.filter(volunteer_id__in=list(volunteer_ids))
    return dict(entries.order_by().values_list("volunteer_id", "hours"))


def hours_years(*, this_year: int) -> list[int]:
    """The years that have hours, newest first, from this year back to the first entry's."""
    first = HoursEntry.objects.aggregate(first=Min("date"))["first"]
    start = min(first.year, this_year) if first else this_year
    return list(range(this_year, start - 1, -1))


@dataclass(frozen=True)
class WaitingHours:
    entries: int
    hours: Decimal
    oldest: datetime.date | None


def hours_waiting() -> WaitingHours:
    """How many entries (and hours) wait for approval, and since when (one query)."""
    waiting = HoursEntry.objects.filter(status=HoursEntry.Status.SUBMITTED).aggregate(
        entries=Count("id"), hours=Sum("hours"), oldest=Min("date")
    )
    return WaitingHours(
        entries=waiting["entries"], hours=waiting["hours"] or Decimal("0"), oldest=waiting["oldest"]
    )


# --- Totals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TotalRow:
    key: object  # the id (or month) this row is about; None for "none"/"deleted"
    label: str
    hours: Decimal
    entries: int


@dataclass(frozen=True)
class HoursTotals:
    date_from: datetime.date
    date_to: datetime.date
    include_submitted: bool
    total_hours: Decimal
    total_entries: int
    by_category: list[TotalRow]
    by_activity: list[TotalRow]
    by_volunteer: list[TotalRow]
    by_month: list[TotalRow]


def _counted(
    date_from: datetime.date, date_to: datetime.date, include_submitted: bool
) -> QuerySet[HoursEntry]:
    statuses = [HoursEntry.Status.APPROVED]
    if include_submitted:
        statuses.append(HoursEntry.Status.SUBMITTED)
    return HoursEntry.objects.filter(
        date__gte=date_from, date__lte=date_to, status__in=statuses
    ).order_by()


def _category_name_field() -> str:
    language = (get_language() or "en")[:2]
    return {"nb": "category__name_nb", "da": "category__name_da"}.get(language, "category__name_en")


def _rows(queryset, key: str, label, order: Iterable[str]) -> list[TotalRow]:
    return [
        TotalRow(key=row[key], label=label(row), hours=row["hours"], entries=row["entries"])
        for row in queryset.annotate(hours=Sum("hours"), entries=Count("id")).order_by(*order)
    ]


def hours_totals(
    *, date_from: datetime.date, date_to: datetime.date, include_submitted: bool = False
) -> HoursTotals:
    """Approved hours (and those waiting, if asked) in a period, by category, activity,
    volunteer and month: five aggregate queries."""
    counted = _counted(date_from, date_to, include_submitted)
    name = _category_name_field()
    by_category = _rows(
        counted.values("category_id", "category__position", category_name=F(name)),
        "category_id",
        lambda row: row["category_name"],
        ["category__position", "category_name"],
    )
    by_activity = _rows(
        counted.values("activity_id", "activity__name"),
        "activity_id",
        lambda row: row["activity__name"] or _("(no activity)"),
        [F("activity__name").asc(nulls_last=True)],
    )
    by_volunteer = _rows(
        counted.values("volunteer_id", "volunteer__first_name", "volunteer__last_name"),
        "volunteer_id",
        lambda row: (
            f"{row['volunteer__first_name']} {row['volunteer__last_name']}".strip()
            if row["volunteer_id"] is not None
            else deleted_volunteer_label()
        ),
        [
            F("volunteer__last_name").asc(nulls_last=True),
            "volunteer__first_name",
            "volunteer_id",
        ],
    )
    by_month = _rows(
        counted.annotate(month=TruncMonth("date")).values("month"),
        "month",
        lambda row: row["month"].strftime("%Y-%m"),
        ["month"],
    )
    overall = counted.aggregate(hours=Sum("hours"), entries=Count("id"))
    return HoursTotals(
        date_from=date_from,
        date_to=date_to,
        include_submitted=include_submitted,
        total_hours=overall["hours"] or Decimal("0"),
        total_entries=overall["entries"],
        by_category=by_category,
        by_activity=by_activity,
        by_volunteer=by_volunteer,
        by_month=by_month,
    )


def hours_total_for_volunteer(
    *, volunteer_id: int, date_from: datetime.date, date_to: datetime.date
) -> dict[str, Decimal]:
    """One volunteer's hours in a period by status: {"approved": …, "submitted": …, …}."""
    rows = (
        HoursEntry.objects.filter(volunteer_id=volunteer_id, date__range=(date_from, date_to))
        .order_by()
        .values("status")
        .annotate(hours=Sum("hours"))
    )
    totals = {status: Decimal("0") for status in HoursEntry.Status.values}
    totals.update({row["status"]: row["hours"] for row in rows})
    return totals


# --- Export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    date: datetime.date
    volunteer: str
    category: str
    activity: str
    hours: Decimal
    status: str


def hours_export_rows(*, date_from: datetime.date, date_to: datetime.date) -> Iterable[ExportRow]:
    """Every entry in the period, oldest first, as plain rows (one query, streamed)."""
    statuses = dict(HoursEntry.Status.choices)
    name = _category_name_field()
    rows = (
        HoursEntry.objects.filter(date__gte=date_from, date__lte=date_to)
        .order_by("date", "volunteer__last_name", "volunteer__first_name", "id")
        .values_list(
            "date",
            "volunteer_id",
            "volunteer__first_name",
            "volunteer__last_name",
            name,
            "activity__name",
            "hours",
            "status",
        )
    )
    deleted = deleted_volunteer_label()
    for date, volunteer_id, first, last, category, activity, hours, status in rows.iterator(
        chunk_size=2000
    ):
        yield ExportRow(
            date=date,
            volunteer=f"{first} {last}".strip() if volunteer_id is not None else deleted,
            category=category,
            activity=activity or "",
            hours=hours,
            status=str(statuses.get(status, status)),
        )


# --- Sessions to log hours for (read through the activities app's selectors) ---------------


def sessions_to_log(*, today: datetime.date, days: int, limit: int) -> list[Session]:
    """The centre's sessions of the last `days` days (not cancelled), newest first."""
    sessions = sessions_between(
        start=today - datetime.timedelta(days=days), end=today, include_cancelled=False
    )
    # Only the session and its activity are shown: no need for the shifts.
    return list(sessions.prefetch_related(None).order_by("-date", "-start_time", "id")[:limit])


@dataclass(frozen=True)
class SessionToLog:
    session: Session
    volunteers: list[Volunteer]  # confirmed on one of its shifts, by name
    logged: dict[int, Decimal]  # volunteer id → hours already logged

    @property
    def default_hours(self) -> float | None:
        """The session's length in hours, as the form suggests it."""
        starts = datetime.datetime.combine(self.session.date, self.session.start_time)
        duration = datetime.datetime.combine(self.session.date, self.session.end_time) - starts
        return round(duration.total_seconds() / 3600, 2) or None


def session_to_log(session_id: int) -> SessionToLog | None:
    """A session with its confirmed volunteers and the hours already logged, or None."""
    try:
        session = session_detail(session_id)
    except Session.DoesNotExist:
        return None
    confirmed = {
        signup.volunteer.pk: signup.volunteer
        for shift in session.shifts.all()
        for signup in shift.signups.all()
        if signup.status == ShiftSignup.Status.CONFIRMED
    }
    volunteers = sorted(
        confirmed.values(),
        key=lambda volunteer: (volunteer.last_name, volunteer.first_name, volunteer.pk),
    )
    return SessionToLog(
        session=session, volunteers=volunteers, logged=hours_logged_for_session(session.pk)
    )
