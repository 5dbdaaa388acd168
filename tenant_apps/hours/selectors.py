"""Reading volunteer hours: lists with their relations loaded, and totals computed by the
database (one aggregate query per breakdown, whatever the number of entries)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tenant_apps.hours.models import HoursEntry


def deleted_volunteer_label() -> str:
    """How hours of a deleted (anonymised) volunteer are labelled, in the active language."""
    return _("(deleted volunteer)")


def hours_entries(
    *,
    volunteer_id: int | None = None,
    category_id: int | None = None,
    activity_id: int | None = None,
    status: str | Iterable[str] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[HoursEntry]:
    """Entries, newest first, with volunteer, category, activity and session loaded."""
    entries = HoursEntry.objects.select_related(
        "volunteer", "category", "activity", "session", "assignment__help_request__request_type"
    ).order_by("-date", "-id")
    if volunteer_id is not None:
        entries = entries.filter(volunteer_id=volunteer_id)
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


def hours_waiting_for_approval() -> QuerySet[HoursEntry]:
    """Entries waiting for a coordinator, oldest first."""
    return hours_entries(status=HoursEntry.Status.SUBMITTED).order_by("date", "id")


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
