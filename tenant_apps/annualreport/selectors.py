"""Reads of the centre's annual reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from shared_apps.reports import facade
from tenant_apps.annualreport.models import FIRST_YEAR, AnnualReport

YEARS_LISTED = 5


@dataclass(frozen=True)
class ReportYear:
    year: int
    report: AnnualReport | None
    submitted_version: int | None  # the latest version in the shared schema, if any

    @property
    def is_over(self) -> bool:
        return self.year < timezone.localdate().year


def annual_report_of(*, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(year=year).first()


def annual_report_years(*, centre_id: int) -> list[ReportYear]:
    """This year and the four before it, and any older year with a report, newest first."""
    this_year = timezone.localdate().year
    reports = {report.year: report for report in AnnualReport.objects.all()}
    submitted = facade.annual_report_submitted_years(centre_id=centre_id)
    years = set(range(this_year - YEARS_LISTED + 1, this_year + 1))
    years |= {year for year in set(reports) | set(submitted) if FIRST_YEAR <= year <= this_year}
    return [
        ReportYear(year=year, report=reports.get(year), submitted_version=submitted.get(year))
        for year in sorted(years, reverse=True)
    ]
