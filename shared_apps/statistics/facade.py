"""The one way figures enter the shared schema: a centre's rows, checked against the
allow-list, replace what was stored for that centre; the federation rollup follows.
Counts of people are stored rounded (`rounding`): the raw count never reaches `public`.

Plain dataclasses in (`contracts.AggregateRow`), nothing out. A row whose key is not in
`contracts.KEYS`, whose dimension is not in that key's closed list (or the federation's
activity category codes), whose month is not the first of a month (of January for yearly
keys), or whose value is negative, is refused: `FigureRefused`, and nothing is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.utils.translation import gettext as _

from shared_apps.statistics import rounding
from shared_apps.statistics.contracts import (
    ACTIVITY_CATEGORY,
    CLOSED_DIMENSIONS,
    KEYS,
    OTHER,
    YEAR,
    AggregateRow,
    PublicActivity,
)
from shared_apps.statistics.models import CentreFigure, FederationFigure, PublicActivityListing
from tenants.models import Centre, FederationActivityCategory
from toolkit.errors import ApplicationError

# The first key of the advisory lock that serialises rollup updates of one federation.
ROLLUP_LOCK = 0x5_7A7


class FigureRefused(ApplicationError):
    """A row that may not leave the centre."""


def category_codes(*, federation_id: int) -> frozenset[str]:
    """The federation's activity category codes: the only category dimensions allowed."""
    return frozenset(
        FederationActivityCategory.objects.filter(federation_id=federation_id).values_list(
            "code", flat=True
        )
    )


def figure_checked(row: AggregateRow, *, categories: frozenset[str]) -> Decimal:
    """Check one row against the allow-list (`categories`: the federation's activity category
    codes); returns its value as a Decimal. Raises FigureRefused, saying why."""
    if not isinstance(row, AggregateRow):
        raise FigureRefused(_("A figure is not a statistics row."))
    spec = KEYS.get(row.key)
    if spec is None:
        raise FigureRefused(
            _("“%(key)s” is not a figure that may leave a centre.") % {"key": row.key}
        )
    allowed = (
        categories | {OTHER}
        if spec.dimension == ACTIVITY_CATEGORY
        else CLOSED_DIMENSIONS[spec.dimension]
    )
    if row.dimension not in allowed:
        raise FigureRefused(
            _("“%(value)s” is not a value that the figure “%(key)s” may be split by.")
            % {"value": row.dimension, "key": row.key}
        )
    month = row.month
    if not isinstance(month, datetime.date) or isinstance(month, datetime.datetime):
        raise FigureRefused(_("The figure “%(key)s” has no month.") % {"key": row.key})
    if month.day != 1 or (spec.period == YEAR and month.month != 1):
        raise FigureRefused(
            _(
                "The figure “%(key)s” must be dated the first day of a month "
                "(of January for a yearly figure)."
            )
            % {"key": row.key}
        )
    value = row.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        value = None
    else:
        value = Decimal(value)
    if value is None or not value.is_finite() or value < 0:
        raise FigureRefused(
            _("The figure “%(key)s” must be a number of zero or more.") % {"key": row.key}
        )
    return value


def _checked(
    rows: Iterable[AggregateRow], *, categories: frozenset[str], centre_id: int
) -> list[tuple[str, str, datetime.date, Decimal]]:
    """The rows checked, added up per cell and rounded (`rounding`: counts of people)."""
    checked: dict[tuple[str, str, datetime.date], Decimal] = {}
    for row in rows:
        value = figure_checked(row, categories=categories)
        if not value:
            continue
        slot = (row.key, row.dimension, row.month)
        checked[slot] = checked.get(slot, Decimal(0)) + value
    published = rounding.rounded_cells(centre_id=centre_id, cells=checked)
    # Zeros are not stored: a missing row reads as 0.
    return [
        (key, dimension, month, value)
        for (key, dimension, month), value in published.items()
        if value
    ]


def _rollup(*, centre_id: int, federation_id: int, sign: int) -> None:
    """Add (sign=1) or take away (sign=-1) the centre's stored rows in its federation's sums."""
    figure = CentreFigure._meta.db_table
    rollup = FederationFigure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {rollup} (federation_id, key, dimension, month, value)
            SELECT %s, key, dimension, month, %s * value FROM {figure} WHERE centre_id = %s
            ON CONFLICT (federation_id, key, dimension, month)
            DO UPDATE SET value = {rollup}.value + EXCLUDED.value
            """,
            [federation_id, sign, centre_id],
        )


def _delete_rows(model, *, centre_id: int) -> None:
    """One DELETE statement. The ORM's delete() would load every row to send signals, which
    costs more than the whole rest of a centre's run; these rows have no dependants."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE centre_id = %s", [centre_id])


def _copy_rows(*, centre_id: int, rows: list[tuple[str, str, datetime.date, Decimal]]) -> None:
    table = CentreFigure._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} (centre_id, key, dimension, month, value) FROM STDIN"
        ) as copy,
    ):
        for key, dimension, month, value in rows:
            copy.write_row((centre_id, key, dimension, month, value))


@transaction.atomic
def centre_figures_replace(
    *,
    centre_id: int,
    rows: Iterable[AggregateRow],
    categories: frozenset[str] | None = None,
    keep_rollup: bool = True,
) -> int:
    """Replace every stored figure of the centre by `rows`; returns the rows stored.
    `keep_rollup=False` leaves the federation sums to a `rollup_rebuild()` afterwards (a
    full rebuild does this once instead of once per centre)."""
    centre = Centre.objects.only("federation_id").get(pk=centre_id)
    if categories is None:
        categories = category_codes(federation_id=centre.federation_id)
    checked = _checked(rows, categories=categories, centre_id=centre_id)
    if keep_rollup:
        # One centre's rollup update at a time per federation: two pipeline threads adding
        # to the same federation's rows in different orders would deadlock.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [ROLLUP_LOCK, centre.federation_id]
            )
        _rollup(centre_id=centre_id, federation_id=centre.federation_id, sign=-1)
    _delete_rows(CentreFigure, centre_id=centre_id)
    _copy_rows(centre_id=centre_id, rows=checked)
    if keep_rollup:
        _rollup(centre_id=centre_id, federation_id=centre.federation_id, sign=1)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FederationFigure._meta.db_table} "
                "WHERE federation_id = %s AND value = 0",
                [centre.federation_id],
            )
    return len(checked)


def rollup_rebuild() -> None:
    """Recompute every federation's sums from the centres' figures (after a full rebuild)."""
    figure = CentreFigure._meta.db_table
    rollup = FederationFigure._meta.db_table
    centre = Centre._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {rollup}")
        cursor.execute(
            f"""
            INSERT INTO {rollup} (federation_id, key, dimension, month, value)
            SELECT c.federation_id, f.key, f.dimension, f.month, sum(f.value)
            FROM {figure} f JOIN {centre} c ON c.id = f.centre_id
            GROUP BY c.federation_id, f.key, f.dimension, f.month
            """
        )


@transaction.atomic
def public_activities_replace(*, centre_id: int, activities: Iterable[PublicActivity]) -> int:
    """Replace the centre's listed public activities; returns how many are listed."""
    _delete_rows(PublicActivityListing, centre_id=centre_id)
    listed = PublicActivityListing.objects.bulk_create(
        PublicActivityListing(
            centre_id=centre_id,
            name=activity.name[:200],
            category=activity.category[:50],
            place=activity.place[:200],
            recurrence=activity.recurrence[:10],
            first_date=activity.first_date,
            last_date=activity.last_date,
            start_time=activity.start_time,
            end_time=activity.end_time,
            next_date=activity.next_date,
        )
        for activity in activities
    )
    return len(listed)
