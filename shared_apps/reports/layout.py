"""The figures of an annual report laid out for reading: sections, headline facts, tables.

One function serves the centre's own page (exact figures of its draft), the federation's and
municipality's pages and the PDF (the submitted snapshot, whose counts of people are stored
rounded: docs/adr/0011), so every reader sees the same sums of the same rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from shared_apps.reports.contracts import (
    Figure,
    FigureFact,
    FigureRow,
    FigureSection,
    FigureTable,
    ReportFigures,
)
from shared_apps.statistics.contracts import (
    AGE_BANDS,
    OTHER,
    REQUEST_TYPES,
    TARGET_GROUPS,
    AggregateRow,
)
from shared_apps.statistics.labels import DIMENSION_LABELS, key_label
from shared_apps.statistics.suppression import Shown, is_small, shown, suppress_line

HELP_COLUMNS = ("help_requests.opened", "help_requests.matched", "help_requests.closed")
OTHER_LABEL = DIMENSION_LABELS[OTHER]


class _Sums:
    """The year's rows summed per key and dimension, and per key and month."""

    def __init__(self, rows: Iterable[AggregateRow]) -> None:
        self.by_dimension: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.by_month: dict[str, dict[datetime.date, Decimal]] = defaultdict(
            lambda: defaultdict(Decimal)
        )
        for row in rows:
            value = Decimal(row.value)
            self.by_dimension[row.key][row.dimension] += value
            self.by_month[row.key][row.month] += value

    def total(self, key: str) -> Decimal:
        return sum(self.by_dimension.get(key, {}).values(), Decimal(0))

    def parts(self, key: str) -> dict[str, Decimal]:
        return dict(self.by_dimension.get(key, {}))


def _number(value: Decimal | int) -> Decimal | int:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


def _figure(value: Decimal | int, *, hidden: bool = False) -> Figure:
    return Figure(_number(value), is_suppressed=hidden)


def _from_shown(item: Shown) -> Figure:
    return _figure(item.value or 0, hidden=item.is_suppressed)


def _ordered(present: Iterable[str], order: Iterable[str]) -> list[str]:
    """Dimension values with figures, in the list's order, unknown ones after, "other" last."""
    present = set(present)
    ordered = [value for value in order if value in present and value != OTHER]
    ordered += sorted(present - set(ordered) - {OTHER})
    if OTHER in present:
        ordered.append(OTHER)
    return ordered


def _people_line(
    parts: Mapping[str, Decimal], *, suppress: bool
) -> tuple[dict[str, Figure], Figure]:
    """Parts of a count of people with their sum, suppressed above the centre."""
    if not suppress:
        return {key: _figure(value) for key, value in parts.items()}, _figure(
            sum(parts.values(), Decimal(0))
        )
    shown_parts, total = suppress_line(parts, is_people_count=True)
    return {key: _from_shown(item) for key, item in shown_parts.items()}, _from_shown(total)


def _headline(value: Decimal, *, table_total: Figure | None, suppress: bool) -> Figure:
    """A people count shown on its own and again as a table's total: hidden if either is."""
    if not suppress:
        return _figure(value)
    hidden = is_small(value) or bool(table_total and table_total.is_suppressed)
    return _figure(value, hidden=hidden)


def _single_column_table(
    *,
    caption: str,
    label_heading: str,
    column: str,
    labels: Mapping[str, str],
    order: Iterable[str],
    parts: Mapping[str, Decimal],
    people: bool,
    suppress: bool,
) -> FigureTable:
    keys = _ordered([key for key, value in parts.items() if value], order)
    kept = {key: parts[key] for key in keys}
    if people:
        cells, total = _people_line(kept, suppress=suppress)
    else:
        cells = {key: _figure(value) for key, value in kept.items()}
        total = _figure(sum(kept.values(), Decimal(0)))
    return FigureTable(
        caption=caption,
        label_heading=label_heading,
        column_headings=(column,),
        rows=tuple(FigureRow(str(labels.get(key, key)), (cells[key],)) for key in keys),
        total=FigureRow(_("Total"), (total,)) if keys else None,
    )


def report_figures(
    rows: Iterable[AggregateRow], *, category_names: Mapping[str, str], suppress: bool
) -> ReportFigures:
    """Lay out one centre's figures of one year (rows of that year only).

    `category_names`: activity category code -> name, in the order to show them; "other"
    is always called "Other". `suppress`: hide people counts below 5 (above the centre).
    """
    sums = _Sums(rows)
    categories = {**category_names, OTHER: OTHER_LABEL}
    return ReportFigures(
        sections=(
            _hours_section(sums, categories),
            _volunteers_section(sums, suppress),
            _activities_section(sums, categories),
            _participants_section(sums, suppress),
            _help_section(sums, suppress),
        )
    )


def _hours_section(sums: _Sums, categories: Mapping[str, str]) -> FigureSection:
    by_month = sums.by_month.get("hours.total", {})
    months = sorted(month for month, value in by_month.items() if value)
    month_table = FigureTable(
        caption=_("Hours by month"),
        label_heading=_("Month"),
        column_headings=(_("Hours"),),
        rows=tuple(
            FigureRow(str(MONTHS[month.month]), (_figure(by_month[month]),)) for month in months
        ),
        total=FigureRow(_("Total"), (_figure(sums.total("hours.total")),)) if months else None,
    )
    return FigureSection(
        slug="hours",
        title=_("Hours"),
        facts=(FigureFact(key_label("hours.total"), _figure(sums.total("hours.total"))),),
        tables=(
            _single_column_table(
                caption=key_label("hours.by_category"),
                label_heading=_("Category"),
                column=_("Hours"),
                labels=categories,
                order=categories,
                parts=sums.parts("hours.by_category"),
                people=False,
                suppress=False,
            ),
            month_table,
        ),
    )


def _volunteers_section(sums: _Sums, suppress: bool) -> FigureSection:
    table = _single_column_table(
        caption=key_label("volunteers.active_in_year_by_age_band"),
        label_heading=_("Age band"),
        column=_("Volunteers"),
        labels=DIMENSION_LABELS,
        order=AGE_BANDS,
        parts=sums.parts("volunteers.active_in_year_by_age_band"),
        people=True,
        suppress=suppress,
    )
    active = _headline(
        sums.total("volunteers.active_in_year"),
        table_total=table.total.cells[0] if table.total else None,
        suppress=suppress,
    )
    new = sums.total("volunteers.new")
    return FigureSection(
        slug="volunteers",
        title=_("Volunteers"),
        facts=(
            FigureFact(key_label("volunteers.active_in_year"), active),
            FigureFact(
                key_label("volunteers.new"),
                _from_shown(shown(new, is_people_count=True)) if suppress else _figure(new),
            ),
        ),
        tables=(table,),
    )


def _activities_section(sums: _Sums, categories: Mapping[str, str]) -> FigureSection:
    running = sums.parts("activities.running_in_year")
    sessions = sums.parts("sessions.held")
    keys = _ordered(
        [key for key in set(running) | set(sessions) if running.get(key) or sessions.get(key)],
        categories,
    )
    zero = Decimal(0)
    table = FigureTable(
        caption=_("Activities and sessions by category"),
        label_heading=_("Category"),
        column_headings=(_("Activities"), key_label("sessions.held")),
        rows=tuple(
            FigureRow(
                str(categories.get(key, key)),
                (_figure(running.get(key, zero)), _figure(sessions.get(key, zero))),
            )
            for key in keys
        ),
        total=(
            FigureRow(
                _("Total"),
                (
                    _figure(sum(running.values(), zero)),
                    _figure(sum(sessions.values(), zero)),
                ),
            )
            if keys
            else None
        ),
    )
    return FigureSection(
        slug="activities",
        title=_("Activities"),
        facts=(
            FigureFact(
                key_label("activities.running_in_year"), _figure(sum(running.values(), zero))
            ),
            FigureFact(key_label("sessions.held"), _figure(sum(sessions.values(), zero))),
        ),
        tables=(table,),
    )


def _participants_section(sums: _Sums, suppress: bool) -> FigureSection:
    by_age = _single_column_table(
        caption=key_label("participants.by_age_band"),
        label_heading=_("Age band"),
        column=_("Participants"),
        labels=DIMENSION_LABELS,
        order=AGE_BANDS,
        parts=sums.parts("participants.by_age_band"),
        people=True,
        suppress=suppress,
    )
    # Not everyone belongs to a target group, so these parts have no total to subtract from:
    # each is suppressed on its own.
    groups = sums.parts("participants.by_target_group")
    group_keys = _ordered([key for key, value in groups.items() if value], TARGET_GROUPS)
    by_group = FigureTable(
        caption=key_label("participants.by_target_group"),
        label_heading=_("Target group"),
        column_headings=(_("Participants"),),
        rows=tuple(
            FigureRow(
                str(DIMENSION_LABELS.get(key, key)),
                (
                    _from_shown(shown(groups[key], is_people_count=True))
                    if suppress
                    else _figure(groups[key]),
                ),
            )
            for key in group_keys
        ),
    )
    total = _headline(
        sums.total("participants.total"),
        table_total=by_age.total.cells[0] if by_age.total else None,
        suppress=suppress,
    )
    return FigureSection(
        slug="participants",
        title=_("Participants"),
        facts=(FigureFact(key_label("participants.total"), total),),
        tables=(by_age, by_group),
    )


def _help_section(sums: _Sums, suppress: bool) -> FigureSection:
    columns = {key: sums.parts(key) for key in HELP_COLUMNS}
    present = {dimension for parts in columns.values() for dimension, v in parts.items() if v}
    keys = _ordered(present, REQUEST_TYPES)
    zero = Decimal(0)
    cells: dict[str, dict[str, Figure]] = {}
    totals: dict[str, Figure] = {}
    for key, parts in columns.items():
        # Opened, matched and closed count different things: each column is its own line.
        cells[key], totals[key] = _people_line(
            {dimension: parts.get(dimension, zero) for dimension in keys}, suppress=suppress
        )
    table = FigureTable(
        caption=_("Help requests by type of help"),
        label_heading=_("Type of help"),
        column_headings=(_("Opened"), _("Matched"), _("Closed")),
        rows=tuple(
            FigureRow(
                str(DIMENSION_LABELS.get(dimension, dimension)),
                tuple(cells[key][dimension] for key in HELP_COLUMNS),
            )
            for dimension in keys
        ),
        total=(FigureRow(_("Total"), tuple(totals[key] for key in HELP_COLUMNS)) if keys else None),
    )
    return FigureSection(slug="help", title=_("Help requests"), facts=(), tables=(table,))
