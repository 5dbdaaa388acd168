"""The list of people signed up for a session as a spreadsheet (formula-safe, toolkit.exports)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from tenant_apps.activities.models import Session, SessionSignup
from toolkit.exports import CSV, ExportFile, csv_file, text_cell, workbook_file
from toolkit.filenames import file_part


def _rows(signups: list[SessionSignup]) -> list[list]:
    header = [_("Name"), _("E-mail address"), _("Phone"), _("Status"), _("Signed up")]
    rows: list[list] = [header]
    for signup in signups:
        rows.append(
            [
                signup.name,
                signup.email,
                signup.phone,
                str(signup.get_status_display()),
                date_format(timezone.localtime(signup.created_at), "SHORT_DATETIME_FORMAT"),
            ]
        )
    return rows


def signups_export_file(
    session: Session, signups: list[SessionSignup], *, file_format: str
) -> ExportFile:
    """Everyone signed up for the session, confirmed first, as CSV or Excel."""
    stem = "-".join(
        file_part(part) for part in (_("sign-ups"), session.activity.name, session.date.isoformat())
    )
    rows = _rows(signups)
    if file_format == CSV:
        return csv_file(stem=stem, rows=rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sign-ups")[:31]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            text_cell(sheet, row_number, column, value)
    return workbook_file(workbook, stem=stem)
