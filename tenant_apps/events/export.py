"""The list of an event's registrations as CSV or Excel (toolkit.exports: formula-safe)."""

from __future__ import annotations

from itertools import chain

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tenant_apps.events.models import Event
from tenant_apps.events.selectors import registrations_of
from toolkit.exports import ExportFile, csv_file, text_cell, workbook_file
from toolkit.filenames import file_part


def _headers() -> list[str]:
    return [
        _("Registered"),
        _("Registered as"),
        _("Name"),
        _("Association"),
        _("Stand"),
        _("Places"),
        _("E-mail address"),
        _("Phone"),
    ]


def _rows(event: Event):
    for registration in registrations_of(event):
        yield (
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            registration.get_kind_display(),
            registration.name,
            registration.association.name if registration.association else "",
            registration.stand.label if registration.stand else "",
            registration.places,
            registration.email,
            registration.phone,
        )


def _stem(event: Event) -> str:
    word = file_part(pgettext("export file name", "registrations"))
    return f"{word}-{file_part(event.title)[:40]}-{timezone.localtime(event.starts_at):%Y-%m-%d}"


def registrations_csv(event: Event) -> ExportFile:
    return csv_file(stem=_stem(event), rows=chain([_headers()], _rows(event)))


def registrations_xlsx(event: Event) -> ExportFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    bold = Font(bold=True)
    for column, header in enumerate(_headers(), start=1):
        text_cell(sheet, 1, column, header).font = bold
    for row_number, row in enumerate(_rows(event), start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, int):
                sheet.cell(row=row_number, column=column, value=value)
            else:
                text_cell(sheet, row_number, column, value)
    for column, width in enumerate((17, 14, 28, 28, 8, 8, 30, 16), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    return workbook_file(workbook, stem=_stem(event))
