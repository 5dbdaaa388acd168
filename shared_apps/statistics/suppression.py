"""The second line of defence: small counts shown as "<5".

The first is `rounding`: counts of people are stored rounded (docs/adr/0011), so a stored
count and every sum of them is 0 or at least 5 and nothing below is ever hidden. What is
left for this module are derived figures (a median of 0 and 5 is 2.5) and the `Shown` type
every page renders.

Primary suppression hides every count of people from 1 to 4 (0 discloses no one and is
shown). Complementary suppression then makes sure no hidden cell can be recovered by
subtraction: in every line of parts that is shown together with its total (a row or a
column of a table, or a list with a sum), a single hidden part is never left alone: the
smallest other shown part is hidden too, or, when there is none, the total. This repeats
until nothing changes, because hiding a cell in a row can leave a column with one hidden part.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

THRESHOLD = 5
SUPPRESSED_LABEL = "<5"


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: its value, or hidden."""

    value: Decimal | int | None
    is_suppressed: bool = False

    def __str__(self) -> str:
        if self.is_suppressed:
            return SUPPRESSED_LABEL
        if self.value is None:
            return ""
        value = self.value
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        # In the reader's language: 7 856,5 in Norwegian, 7.856,5 in Danish, 7,856.5 in English.
        decimals = 0 if isinstance(value, int) else 1
        return number_format(value, decimal_pos=decimals, force_grouping=True)

    @property
    def number(self) -> Decimal | int | None:
        """The value if it may be shown, else None (for charts and exports)."""
        return None if self.is_suppressed else self.value


def is_small(value: Decimal | int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def shown(value: Decimal | int | None, *, is_people_count: bool) -> Shown:
    """One figure on its own (no total beside it)."""
    return Shown(value, is_suppressed=is_people_count and is_small(value))


@dataclass
class SuppressedTable:
    """Cells keyed by (row, column), row totals, column totals and the grand total."""

    cells: dict[tuple[Hashable, Hashable], Shown]
    row_totals: dict[Hashable, Shown]
    column_totals: dict[Hashable, Shown]
    total: Shown

    def cell(self, row: Hashable, column: Hashable) -> Shown:
        return self.cells.get((row, column), Shown(0))


def _hide_complement(
    parts: list[tuple[Hashable, Decimal | int]], hidden: set, total_key: Hashable, hidden_totals
) -> bool:
    """In one line of parts with a shown total, make a lone hidden part safe. True if changed."""
    hidden_parts = [key for key, _value in parts if key in hidden]
    if total_key in hidden_totals or len(hidden_parts) != 1:
        return False
    candidates = sorted(
        ((value, str(key), key) for key, value in parts if key not in hidden and value),
        key=lambda item: (item[0], item[1]),
    )
    if candidates:
        hidden.add(candidates[0][2])
    else:
        hidden_totals.add(total_key)
    return True


def suppress_table(
    values: Mapping[tuple[Hashable, Hashable], Decimal | int],
    *,
    rows: Iterable[Hashable],
    columns: Iterable[Hashable],
    is_people_count: bool = True,
) -> SuppressedTable:
    """Suppress a table of people counts that is shown with row, column and grand totals."""
    rows = list(rows)
    columns = list(columns)
    value_of = {(r, c): values.get((r, c), 0) or 0 for r in rows for c in columns}
    row_sum = {r: sum(value_of[(r, c)] for c in columns) for r in rows}
    column_sum = {c: sum(value_of[(r, c)] for r in rows) for c in columns}
    grand = sum(row_sum.values())
    if not is_people_count:
        return SuppressedTable(
            cells={key: Shown(value) for key, value in value_of.items()},
            row_totals={r: Shown(v) for r, v in row_sum.items()},
            column_totals={c: Shown(v) for c, v in column_sum.items()},
            total=Shown(grand),
        )

    hidden = {key for key, value in value_of.items() if is_small(value)}
    # Totals are themselves counts of people: a small one is hidden like any cell.
    hidden_totals = {("row", r) for r, v in row_sum.items() if is_small(v)}
    hidden_totals |= {("column", c) for c, v in column_sum.items() if is_small(v)}
    if is_small(grand):
        hidden_totals.add(("grand", None))

    changed = True
    while changed:
        changed = False
        for r in rows:
            parts = [((r, c), value_of[(r, c)]) for c in columns]
            changed |= _hide_complement(parts, hidden, ("row", r), hidden_totals)
        for c in columns:
            parts = [((r, c), value_of[(r, c)]) for r in rows]
            changed |= _hide_complement(parts, hidden, ("column", c), hidden_totals)
        # The row totals add up to the grand total, and so do the column totals.
        row_parts = [(("row", r), row_sum[r]) for r in rows]
        changed |= _hide_complement(row_parts, hidden_totals, ("grand", None), hidden_totals)
        column_parts = [(("column", c), column_sum[c]) for c in columns]
        changed |= _hide_complement(column_parts, hidden_totals, ("grand", None), hidden_totals)

    return SuppressedTable(
        cells={key: Shown(value, key in hidden) for key, value in value_of.items()},
        row_totals={r: Shown(v, ("row", r) in hidden_totals) for r, v in row_sum.items()},
        column_totals={c: Shown(v, ("column", c) in hidden_totals) for c, v in column_sum.items()},
        total=Shown(grand, ("grand", None) in hidden_totals),
    )


def suppress_line(
    values: Mapping[Hashable, Decimal | int], *, is_people_count: bool = True
) -> tuple[dict[Hashable, Shown], Shown]:
    """Suppress a list of parts shown with their sum; returns (parts, total)."""
    table = suppress_table(
        {(key, None): value for key, value in values.items()},
        rows=list(values),
        columns=[None],
        is_people_count=is_people_count,
    )
    return {key: table.cells[(key, None)] for key in values}, table.column_totals[None]
