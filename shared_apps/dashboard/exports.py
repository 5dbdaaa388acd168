"""A dashboard table as a CSV file or an Excel workbook: the same rows, columns and (hidden)
figures as on screen, hidden ones written as "<5".

Text cells never start a formula (names of centres and places are written as text).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from shared_apps.dashboard.tables import MONEY, Row, Table
from shared_apps.statistics.contracts import HOURS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV, EXCEL = "csv", "xlsx"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _safe_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _lines(table: Table) -> list[Row]:
    return [*table.rows, table.total] if table.total else list(table.rows)


def table_csv(table: Table) -> ExportFile:
    """The table as CSV (UTF-8 with a byte order mark, so Excel reads æøå)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe_text(table.row_header), *(_safe_text(c) for c in table.columns)])
    for row in _lines(table):
        writer.writerow([_safe_text(row.label), *(str(f.export_value) for f in row.figures)])
    return ExportFile(
        filename=f"{table.file_stem}.csv",
        content_type="text/csv; charset=utf-8",
        content=("\ufeff" + buffer.getvalue()).encode("utf-8"),
    )


def _text_cell(sheet, row: int, column: int, value: str):
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def table_xlsx(table: Table) -> ExportFile:
    """The table on one sheet: caption, header, rows, total, then the notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")
    bold = Font(bold=True)
    _text_cell(sheet, 1, 1, table.caption).font = Font(bold=True, size=13)
    header_row = 3
    _text_cell(sheet, header_row, 1, table.row_header).font = bold
    for column, title in enumerate(table.columns, start=2):
        _text_cell(sheet, header_row, column, title).font = bold
    row_number = header_row
    for row in _lines(table):
        row_number += 1
        label = _text_cell(sheet, row_number, 1, row.label)
        if row is table.total:
            label.font = bold
        for column, figure in enumerate(row.figures, start=2):
            value = figure.export_value
            if isinstance(value, str):
                _text_cell(sheet, row_number, column, value)
                continue
            cell = sheet.cell(row=row_number, column=column, value=value)
            if figure.measure == HOURS:
                cell.number_format = "#,##0.0" if value != int(value) else "#,##0"
            elif figure.measure == MONEY:
                cell.number_format = "#,##0"
    row_number += 1
    for note in table.notes:
        row_number += 1
        _text_cell(sheet, row_number, 1, note)
    sheet.column_dimensions["A"].width = 42
    for column in range(2, len(table.columns) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ExportFile(
        filename=f"{table.file_stem}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=buffer.getvalue(),
    )


def table_file(table: Table, file_format: str) -> ExportFile:
    return table_csv(table) if file_format == CSV else table_xlsx(table)
