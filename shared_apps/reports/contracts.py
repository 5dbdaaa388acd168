"""What a centre's annual report hands to the shared schema and gets back: plain data, no
Django imports.

A centre submits its narrative (`AnnualReportNarrative`) and the year's figures as the
statistics' `AggregateRow`s; the facade validates them and freezes a snapshot. Pages show
figures laid out as `ReportFigures`, the same on the centre's page, the shared pages and the
PDF, so what the centre sees is what its federation and municipality get.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from shared_apps.statistics.contracts import AggregateRow

# Where a centre's report of a year stands, as its federation sees it.
NOT_STARTED = "not_started"
DRAFT = "draft"
SUBMITTED = "submitted"

SUPPRESSED_LABEL = "<5"


@dataclass(frozen=True)
class AnnualReportNarrative:
    """The sections the centre writes itself, and the partner associations of the year."""

    summary: str = ""
    highlights: str = ""
    cooperation: str = ""
    plans: str = ""
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubmittedReport:
    """One frozen version of a centre's report of a year."""

    centre_id: int
    year: int
    version: int
    submitted_at: datetime.datetime
    language: str
    narrative: AnnualReportNarrative
    figures: tuple[AggregateRow, ...]


@dataclass(frozen=True)
class ReportPdf:
    filename: str
    content: bytes


# --- Figures laid out for reading ---------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One number as it may be shown; `is_suppressed` means it is shown as "<5"."""

    value: Decimal | int
    is_suppressed: bool = False

    def __str__(self) -> str:
        if self.is_suppressed:
            return SUPPRESSED_LABEL
        value = self.value
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else value.normalize()
        return str(value)


@dataclass(frozen=True)
class FigureFact:
    label: str
    figure: Figure


@dataclass(frozen=True)
class FigureRow:
    label: str
    cells: tuple[Figure, ...]


@dataclass(frozen=True)
class FigureTable:
    caption: str
    label_heading: str
    column_headings: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    total: FigureRow | None = None


@dataclass(frozen=True)
class FigureSection:
    slug: str
    title: str
    facts: tuple[FigureFact, ...]
    tables: tuple[FigureTable, ...]


@dataclass(frozen=True)
class ReportFigures:
    sections: tuple[FigureSection, ...]

    def section(self, slug: str) -> FigureSection:
        return next(section for section in self.sections if section.slug == slug)
