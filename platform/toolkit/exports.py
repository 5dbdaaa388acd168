"""Files for spreadsheets: CSV and Excel, never running a formula hidden in a name.

A text cell starting with one of FORMULA_STARTS would be run as a formula by a spreadsheet
(formula injection): in CSV it gets a leading quote, in Excel it is stored as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV, EXCEL = "csv", "xlsx"
CSV_TYPE = "text/csv; charset=utf-8"
EXCEL_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes

    def response(self) -> HttpResponse:
        """The file as a download."""
        response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as written, never runs."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_value(value) -> str:
    return safe_text(value) if isinstance(value, str) else ("" if value is None else str(value))


def csv_file(*, stem: str, rows: Iterable[Sequence]) -> ExportFile:
    """Rows as CSV, UTF-8 with a byte order mark (so Excel reads æøå); text cells made safe.

    Numbers should come as numbers or already-formatted text of the caller's choice.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ExportFile(
        filename=f"{stem}.csv",
        content_type=CSV_TYPE,
        content=("\ufeff" + buffer.getvalue()).encode("utf-8"),
    )


def text_cell(sheet, row: int, column: int, value: str):
    """Write `value` as text (never a formula, whatever it starts with); return the cell."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    return cell


def workbook_file(workbook: Workbook, *, stem: str) -> ExportFile:
    """A finished openpyxl workbook as an .xlsx file."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ExportFile(filename=f"{stem}.xlsx", content_type=EXCEL_TYPE, content=buffer.getvalue())
