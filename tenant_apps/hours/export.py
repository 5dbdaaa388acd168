"""The hours of a month (or another period) as a CSV file or an Excel workbook.

Text cells never start a formula (toolkit.exports: the guard against formula injection).
"""

from __future__ import annotations

import datetime
from itertools import chain

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tenant_apps.hours.selectors import HoursTotals, hours_export_rows, hours_totals
from toolkit.exports import ExportFile, csv_file, text_cell, workbook_file
from toolkit.filenames import file_part


def period_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """ "2026-03" for a whole month, else "2026-03-01_2026-04-15"."""
    next_day = date_to + datetime.timedelta(days=1)
    if (
        date_from.day == 1
        and next_day.day == 1
        and (date_from.year, date_from.month)
        == (
            date_to.year,
            date_to.month,
        )
    ):
        return date_from.strftime("%Y-%m")
    return f"{date_from.isoformat()}_{date_to.isoformat()}"


def _headers() -> list[str]:
    return [_("Date"), _("Volunteer"), _("Category"), _("Activity"), _("Hours"), _("Status")]


def _stem(centre_slug: str, date_from: datetime.date, date_to: datetime.date) -> str:
    # The file is named in the reader's language ("timer-…" in Norwegian and Danish).
    word = file_part(pgettext("export file name", "hours"))
    return f"{word}-{centre_slug}-{period_label(date_from, date_to)}"


def hours_csv(*, centre_slug: str, date_from: datetime.date, date_to: datetime.date) -> ExportFile:
    """Every entry of the period as CSV (UTF-8 with a byte order mark, so Excel reads æøå)."""
    rows = (
        (
            row.date.isoformat(),
            row.volunteer,
            row.category,
            row.activity,
            row.hours,
            row.status,
        )
        for row in hours_export_rows(date_from=date_from, date_to=date_to)
    )
    return csv_file(stem=_stem(centre_slug, date_from, date_to), rows=chain([_headers()], rows))


def _write_totals(sheet, totals: HoursTotals) -> None:
    bold = Font(bold=True)
    sheet.cell(row=1, column=1, value=_("Approved hours")).font = Font(bold=True, size=13)
    sheet.cell(
        row=2,
        column=1,
        value=_("%(start)s to %(end)s")
        % {"start": totals.date_from.isoformat(), "end": totals.date_to.isoformat()},
    )
    row = 4
    sheet.cell(row=row, column=1, value=_("Total")).font = bold
    sheet.cell(row=row, column=2, value=float(totals.total_hours)).number_format = "0.00"
    row += 2
    for title, rows in (
        (_("By category"), totals.by_category),
        (_("By activity"), totals.by_activity),
        (_("By volunteer"), totals.by_volunteer),
        (_("By month"), totals.by_month),
    ):
        text_cell(sheet, row, 1, title).font = bold
        text_cell(sheet, row, 2, _("Hours")).font = bold
        text_cell(sheet, row, 3, _("Entries")).font = bold
        row += 1
        for total in rows:
            text_cell(sheet, row, 1, total.label)
            sheet.cell(row=row, column=2, value=float(total.hours)).number_format = "0.00"
            sheet.cell(row=row, column=3, value=total.entries)
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 10


def hours_xlsx(*, centre_slug: str, date_from: datetime.date, date_to: datetime.date) -> ExportFile:
    """Every entry of the period on one sheet, and the approved totals on another."""
    workbook = Workbook()
    entries = workbook.active
    entries.title = _("Hours")[:31]
    bold = Font(bold=True)
    for column, header in enumerate(_headers(), start=1):
        text_cell(entries, 1, column, header).font = bold
    for row_number, row in enumerate(
        hours_export_rows(date_from=date_from, date_to=date_to), start=2
    ):
        entries.cell(row=row_number, column=1, value=row.date).number_format = "yyyy-mm-dd"
        text_cell(entries, row_number, 2, row.volunteer)
        text_cell(entries, row_number, 3, row.category)
        text_cell(entries, row_number, 4, row.activity)
        entries.cell(row=row_number, column=5, value=float(row.hours)).number_format = "0.00"
        text_cell(entries, row_number, 6, row.status)
    for column, width in enumerate((12, 28, 32, 32, 8, 22), start=1):
        entries.column_dimensions[get_column_letter(column)].width = width
    entries.freeze_panes = "A2"
    _write_totals(
        workbook.create_sheet(_("Totals")[:31]),
        hours_totals(date_from=date_from, date_to=date_to),
    )
    return workbook_file(workbook, stem=_stem(centre_slug, date_from, date_to))
