"""A dashboard table as a CSV file or an Excel workbook: the same rows, columns and (hidden)
figures as on screen, hidden ones written as "<5".

Text cells never start a formula (names of centres and places are written as text).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from shared_apps.dashboard.tables import MONEY, Row, Table
from shared_apps.statistics.contracts import HOURS
from toolkit.exports import CSV, ExportFile, csv_file, text_cell, workbook_file


def _lines(table: Table) -> list[Row]:
    return [*table.rows, table.total] if table.total else list(table.rows)


def table_csv(table: Table) -> ExportFile:
    """The table as CSV: header, rows, total."""
    return csv_file(
        stem=table.file_stem,
        rows=[
            [table.row_header, *table.columns],
            *([row.label, *(f.export_value for f in row.figures)] for row in _lines(table)),
        ],
    )


def table_xlsx(table: Table) -> ExportFile:
    """The table on one sheet: caption, header, rows, total, then the notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")
    bold = Font(bold=True)
    text_cell(sheet, 1, 1, table.caption).font = Font(bold=True, size=13)
    header_row = 3
    text_cell(sheet, header_row, 1, table.row_header).font = bold
    for column, title in enumerate(table.columns, start=2):
        text_cell(sheet, header_row, column, title).font = bold
    row_number = header_row
    for row in _lines(table):
        row_number += 1
        label = text_cell(sheet, row_number, 1, row.label)
        if row is table.total:
            label.font = bold
        for column, figure in enumerate(row.figures, start=2):
            value = figure.export_value
            if isinstance(value, str):
                text_cell(sheet, row_number, column, value)
                continue
            cell = sheet.cell(row=row_number, column=column, value=value)
            if figure.measure == HOURS:
                cell.number_format = "#,##0.0" if value != int(value) else "#,##0"
            elif figure.measure == MONEY:
                cell.number_format = "#,##0"
    row_number += 1
    for note in table.notes:
        row_number += 1
        text_cell(sheet, row_number, 1, note)
    sheet.column_dimensions["A"].width = 42
    for column in range(2, len(table.columns) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    return workbook_file(workbook, stem=table.file_stem)


def table_file(table: Table, file_format: str) -> ExportFile:
    return table_csv(table) if file_format == CSV else table_xlsx(table)
