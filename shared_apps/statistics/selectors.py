"""Reads of the anonymised figures, for the dashboard, networks, municipality portal and
reports. Every count of people is stored rounded (`rounding`, docs/adr/0011), so every sum
returned here is a sum of rounded cells: there is no raw count in the shared schema to
return, and no subtraction between two answers gives a small count back."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import F, Max, Sum
from django.db.models.functions import TruncYear

from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.models import (
    CentreFigure,
    FederationFigure,
    PublicActivityListing,
    StatisticsRun,
)
from tenants.models import FederationActivityCategory
from toolkit.i18n import language_field

# What figures can be grouped by, and the field behind each.
GROUPS = {
    "month": "month",
    "year": "year",
    "dimension": "dimension",
    "centre": "centre_id",
    "county": "centre__municipality__county",
    "municipality": "centre__municipality_id",
    "ownership_form": "centre__ownership_form",
    "regional_network": "centre__regional_network",
}


def _check_key(key: str) -> None:
    if key not in KEYS:
        raise ValueError(f"Unknown statistics key: {key!r}")


def _grouped(queryset, by: Sequence[str]) -> dict[tuple, Decimal]:
    fields = []
    for group in by:
        if group not in GROUPS:
            raise ValueError(f"Cannot group figures by {group!r}")
        if group == "year":
            queryset = queryset.annotate(year=TruncYear("month"))
        fields.append(GROUPS[group])
    rows = queryset.values(*fields).annotate(total=Sum("value")).order_by(*fields)
    return {tuple(row[field] for field in fields): row["total"] for row in rows}


def figure_sums(
    *,
    key: str,
    date_from: datetime.date,
    date_to: datetime.date,
    by: Sequence[str] = (),
    centre_ids: Iterable[int] | None = None,
    federation_id: int | None = None,
    dimensions: Iterable[str] | None = None,
) -> dict[tuple, Decimal]:
    """Sum of `key` over centres (given ids, or a federation's) for months in
    [date_from, date_to], grouped by `by` (names from GROUPS); keys are tuples in that order."""
    _check_key(key)
    queryset = CentreFigure.objects.filter(key=key, month__gte=date_from, month__lte=date_to)
    if centre_ids is not None:
        queryset = queryset.filter(centre_id__in=list(centre_ids))
    if federation_id is not None:
        queryset = queryset.filter(centre__federation_id=federation_id)
    if dimensions is not None:
        queryset = queryset.filter(dimension__in=list(dimensions))
    return _grouped(queryset, by)


def federation_sums(
    *,
    federation_id: int,
    key: str,
    date_from: datetime.date,
    date_to: datetime.date,
    by: Sequence[str] = ("month",),
) -> dict[tuple, Decimal]:
    """Like figure_sums over all of a federation's centres, read from the kept-up rollup
    (grouping by "month", "year" and "dimension" only)."""
    _check_key(key)
    if set(by) - {"month", "year", "dimension"}:
        raise ValueError("The federation rollup groups by month, year and dimension only")
    queryset = FederationFigure.objects.filter(
        federation_id=federation_id, key=key, month__gte=date_from, month__lte=date_to
    )
    return _grouped(queryset, by)


def federation_key_sums(
    *,
    federation_id: int,
    keys: Iterable[str],
    date_from: datetime.date,
    date_to: datetime.date,
) -> dict[tuple[str, datetime.date, str], Decimal]:
    """Every (key, month, dimension) of several keys in one query, from the rollup."""
    keys = list(keys)
    for key in keys:
        _check_key(key)
    rows = FederationFigure.objects.filter(
        federation_id=federation_id, key__in=keys, month__gte=date_from, month__lte=date_to
    ).values_list("key", "month", "dimension", "value")
    return {(key, month, dimension): value for key, month, dimension, value in rows}


def last_run() -> StatisticsRun | None:
    """The latest finished run of the pipeline (for "figures as of …")."""
    return StatisticsRun.objects.filter(finished_at__isnull=False).first()


def latest_month(*, federation_id: int) -> datetime.date | None:
    """The last month that has any figure for the federation."""
    return FederationFigure.objects.filter(federation_id=federation_id).aggregate(
        latest=Max("month")
    )["latest"]


def public_activities(*, centre_ids: Iterable[int]) -> list[PublicActivityListing]:
    """The public activities of these centres, soonest first."""
    return list(
        PublicActivityListing.objects.filter(centre_id__in=list(centre_ids))
        .select_related("centre")
        .order_by(F("next_date").asc(nulls_last=True), "centre__name", "name")
    )


def category_names(*, federation_id: int, language: str | None = None) -> dict[str, str]:
    """The federation's activity category names by code, in its order, in the language
    (default: the active one)."""
    return dict(
        FederationActivityCategory.objects.filter(federation_id=federation_id)
        .order_by("position", "code")
        .values_list("code", language_field("name", language))
    )
