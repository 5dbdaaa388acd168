"""The main page: national totals, monthly trends and yearly totals, from the rollup."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from shared_apps.dashboard.charts import COLUMNS, LINES, Chart, Series
from shared_apps.dashboard.tables.base import (
    EARLIEST,
    SUMMARY_KEYS,
    Figure,
    Row,
    Table,
    figure,
    file_stem,
    measure_of,
    money_figure,
    money_text,
    unit_of,
)
from shared_apps.statistics import selectors as figures
from shared_apps.statistics.contracts import HOURS, KEYS, NONE
from shared_apps.statistics.labels import key_label
from shared_apps.statistics.models import StatisticsRun
from shared_apps.statistics.suppression import Shown
from tenants.models import Federation

OVERVIEW_QUERY_KEYS = (*SUMMARY_KEYS, "volunteers.active")
# Figures without a dimension hold a row per month (a dozen rows a year each), so every year
# of them is read at once: the yearly totals, the monthly series and the latest month.
PLAIN_KEYS = tuple(key for key in OVERVIEW_QUERY_KEYS if KEYS[key].dimension == NONE)
# Figures split by category or request type: only the two years shown.
SPLIT_KEYS = tuple(key for key in OVERVIEW_QUERY_KEYS if key not in PLAIN_KEYS)
LATEST = datetime.date(9999, 12, 31)


@dataclass(frozen=True)
class Overview:
    federation: Federation
    year: int | None
    years: tuple[int, ...]
    hour_value: Decimal
    last_run: StatisticsRun | None
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def has_figures(self) -> bool:
        return self.year is not None


def overview(*, federation: Federation, year: int | None, hour_value: Decimal) -> Overview:
    """National totals of a year beside the year before, monthly trends and yearly totals,
    read from the federation rollup only (a handful of queries, whatever the number of centres)."""
    last_run = figures.last_run()
    plain = figures.federation_key_sums(
        federation_id=federation.pk, keys=PLAIN_KEYS, date_from=EARLIEST, date_to=LATEST
    )
    # The latest month of the series shown; figures of other keys alone are rare.
    latest = (
        max(month for _key, month, _dimension in plain)
        if plain
        else figures.latest_month(federation_id=federation.pk)
    )
    if latest is None:
        return Overview(federation, None, (), hour_value, last_run)
    hours_by_year: dict[int, Decimal] = defaultdict(Decimal)
    active_by_year: dict[int, Decimal] = defaultdict(Decimal)
    for (key, month, _dimension), value in plain.items():
        if key == "hours.total":
            hours_by_year[month.year] += value
        elif key == "volunteers.active_in_year":
            active_by_year[month.year] += value
    years = tuple(sorted(set(hours_by_year) | set(active_by_year) | {latest.year}))
    if year not in years:
        year = latest.year
    previous = year - 1
    split = figures.federation_key_sums(
        federation_id=federation.pk,
        keys=SPLIT_KEYS,
        date_from=datetime.date(previous, 1, 1),
        date_to=datetime.date(year, 12, 31),
    )
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    monthly: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
    for rows in (plain, split):
        for (key, month, _dimension), value in rows.items():
            if previous <= month.year <= year:
                totals[key, month.year] += value
                monthly[key, month.year, month.month] += value

    tables = {
        "key-figures": _key_figures(federation, year, totals, hour_value),
        "monthly-hours": _monthly(federation, year, monthly, latest, "hours.total"),
        "monthly-volunteers": _monthly(federation, year, monthly, latest, "volunteers.active"),
        "yearly": _yearly(federation, years, hours_by_year, active_by_year, hour_value),
    }
    return Overview(federation, year, years, hour_value, last_run, tables)


def _key_figures(federation, year, totals, hour_value) -> Table:
    columns = (str(year), str(year - 1))
    rows = []
    for key in SUMMARY_KEYS:
        rows.append(
            Row(
                label=key_label(key),
                figures=tuple(figure(totals.get((key, y), 0), key=key) for y in (year, year - 1)),
            )
        )
        if key == "hours.total":
            rows.append(
                Row(
                    label=_("Value of volunteer work (%(currency)s)")
                    % {"currency": federation.currency},
                    figures=tuple(
                        money_figure(
                            totals.get(("hours.total", y), Decimal(0)),
                            hour_value,
                            federation.currency,
                        )
                        for y in (year, year - 1)
                    ),
                )
            )
    return Table(
        slug="key-figures",
        caption=_("Key figures %(year)s, with %(previous)s beside them")
        % {"year": year, "previous": year - 1},
        row_header=_("Figure"),
        columns=columns,
        rows=tuple(rows),
        file_stem=file_stem(federation, "key-figures", year),
        notes=(
            _("Value of volunteer work: hours × %(value)s an hour.")
            % {"value": money_text(hour_value, federation.currency)},
        ),
    )


def _monthly(federation, year, monthly, latest: datetime.date, key: str) -> Table:
    measure = measure_of(key)
    years = (year, year - 1)

    def cell(y: int, month: int) -> Figure:
        if (y, month) > (latest.year, latest.month):
            return Figure(Shown(None), measure)  # not yet computed
        return figure(monthly.get((key, y, month), 0), key=key)

    rows = tuple(
        Row(label=capfirst(str(MONTHS[m])), figures=tuple(cell(y, m) for y in years))
        for m in range(1, 13)
    )
    is_hours = key == "hours.total"
    total = None
    notes: tuple[str, ...] = ()
    if is_hours:
        total = Row(
            label=_("Year"),
            figures=tuple(
                figure(
                    sum((monthly.get((key, y, m), 0) for m in range(1, 13)), Decimal(0)), key=key
                )
                for y in years
            ),
        )
        title = _("Volunteer hours per month, %(year)s and %(previous)s")
        slug = "monthly-hours"
    else:
        title = _("Active volunteers per month, %(year)s and %(previous)s")
        slug = "monthly-volunteers"
        notes = (
            _(
                "A volunteer active in several months counts in each of them, so the months "
                "do not add up to the year."
            ),
        )
    title = title % {"year": year, "previous": year - 1}
    chart = Chart(
        kind=COLUMNS if is_hours else LINES,
        slug=f"chart-{slug}",
        title=title,
        description=(
            _(
                "Columns for each month from January to December, %(year)s beside "
                "%(previous)s. The table gives the same figures."
            )
            if is_hours
            else _(
                "Lines through the months from January to December, %(year)s beside "
                "%(previous)s. The table gives the same figures."
            )
        )
        % {"year": year, "previous": year - 1},
        labels=[capfirst(str(MONTHS_3[m])) for m in range(1, 13)],
        series=[
            Series(name=str(y), values=[row.figures[index].chart_value for row in rows])
            for index, y in enumerate(years)
        ],
        unit=unit_of(measure),
    )
    return Table(
        slug=slug,
        caption=title,
        row_header=_("Month"),
        columns=tuple(str(y) for y in years),
        rows=rows,
        total=total,
        file_stem=file_stem(federation, slug, key, year),
        chart=chart,
        notes=notes,
    )


def _yearly(federation, years, hours_by_year, active_by_year, hour_value) -> Table:
    rows = tuple(
        Row(
            label=str(y),
            figures=(
                figure(hours_by_year.get(y, 0), key="hours.total"),
                money_figure(hours_by_year.get(y, Decimal(0)), hour_value, federation.currency),
                figure(active_by_year.get(y, 0), key="volunteers.active_in_year"),
            ),
        )
        for y in years
    )
    title = _("Volunteer hours per year")
    chart = Chart(
        kind=COLUMNS,
        slug="chart-yearly",
        title=title,
        description=_(
            "One column for each year from %(first)s to %(last)s. The table gives the same figures."
        )
        % {"first": years[0], "last": years[-1]},
        labels=[row.label for row in rows],
        series=[
            Series(name=key_label("hours.total"), values=[r.figures[0].chart_value for r in rows])
        ],
        unit=unit_of(HOURS),
    )
    return Table(
        slug="yearly",
        caption=_("Yearly totals"),
        row_header=_("Year"),
        columns=(
            key_label("hours.total"),
            _("Value of volunteer work (%(currency)s)") % {"currency": federation.currency},
            key_label("volunteers.active_in_year"),
        ),
        rows=rows,
        file_stem=file_stem(federation, "yearly", years[0], years[-1]),
        chart=chart,
    )
