"""Files for spreadsheets: CSV and Excel, never running a formula hidden in a name.

A text cell starting with one of FORMULA_STARTS would be run as a formula by a spreadsheet
(formula injection): in CSV it gets a leading quote, in Excel it is stored as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import get_format, number_format
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


def csv_delimiter() -> str:
    """What a spreadsheet in the reader's language splits columns on: where the decimal mark is
    a comma (nb, da), Excel expects semicolons."""
    return ";" if get_format("DECIMAL_SEPARATOR") == "," else ","


def _csv_value(value) -> str:
    if isinstance(value, str):
        return safe_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # The reader's decimal mark ("1,5" in nb and da), never a thousands separator.
        return number_format(value, use_l10n=True, force_grouping=False)
    return str(value)


def csv_file(*, stem: str, rows: Iterable[Sequence]) -> ExportFile:
    """Rows as CSV that the reader's spreadsheet opens as columns: UTF-8 with a byte order mark
    (so Excel reads æøå), semicolons and decimal commas in languages that write "1,5", text
    cells made safe. Give numbers as numbers, so they are written the reader's way.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter())
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
