"""What a centre's annual report may ask of the shared schema. Plain ids and `contracts`
dataclasses in and out; every function is scoped to one centre by `centre_id`.

- `annual_report_collect_context`: what the centre's statistics collectors need.
- `annual_report_status_set`: the centre started (or reopened) a draft.
- `annual_report_submit`: validate and freeze a new version of the report.
- `annual_report_latest`, `annual_report_pdf`: the latest submitted version, and its PDF.
- `annual_report_figures`: lay out figures the same way the shared pages do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shared_apps.reports import pdf, selectors, services
from shared_apps.reports.contracts import (
    AnnualReportNarrative,
    ReportFigures,
    ReportPdf,
    SubmittedReport,
)
from shared_apps.reports.layout import report_figures
from shared_apps.statistics.contracts import AggregateRow, CollectContext
from tenants.models import Centre, FederationActivityCategory


def _centre(centre_id: int) -> Centre:
    return Centre.objects.select_related("federation", "municipality").get(pk=centre_id)


def annual_report_collect_context(*, centre_id: int) -> CollectContext:
    """The context the statistics collectors run with for this centre (its federation's
    activity category codes), so the report counts exactly what the federation counts."""
    centre = _centre(centre_id)
    codes = FederationActivityCategory.objects.filter(
        federation_id=centre.federation_id
    ).values_list("code", flat=True)
    return CollectContext(centre_id=centre_id, category_codes=frozenset(codes))


def annual_report_status_set(*, centre_id: int, year: int, status: str) -> None:
    """Tell the federation the report of `year` is a draft (`contracts.DRAFT`) or not
    started; raises ApplicationError for anything else."""
    services.annual_report_status_set(centre=_centre(centre_id), year=year, status=status)


def annual_report_submit(
    *,
    centre_id: int,
    year: int,
    submitted_by_user_id: int | None,
    language: str,
    narrative: AnnualReportNarrative,
    figures: Iterable[AggregateRow],
) -> SubmittedReport:
    """Freeze a new version of the report (raises ApplicationError if a figure is not
    allowed to leave the centre) and mark it submitted."""
    snapshot = services.annual_report_snapshot_create(
        centre=_centre(centre_id),
        year=year,
        submitted_by_user_id=submitted_by_user_id,
        language=language,
        narrative=narrative,
        figures=list(figures),
    )
    return selectors.submitted_report(snapshot)


def annual_report_latest(*, centre_id: int, year: int) -> SubmittedReport | None:
    """The latest submitted version of the centre's report of the year, or None."""
    snapshot = selectors.latest_snapshot(centre_id=centre_id, year=year)
    return selectors.submitted_report(snapshot) if snapshot else None


def annual_report_submitted_years(*, centre_id: int) -> dict[int, int]:
    """Year -> latest submitted version, for the centre's list of years."""
    return {item.year: item.version for item in selectors.submitted_reports(centre_ids=[centre_id])}


def annual_report_pdf(*, centre_id: int, year: int) -> ReportPdf | None:
    """The latest submitted version as a PDF in the federation's language, or None."""
    snapshot = selectors.latest_snapshot(centre_id=centre_id, year=year)
    return pdf.snapshot_pdf(snapshot) if snapshot else None


def annual_report_figures(
    *, figures: Iterable[AggregateRow], category_names: Mapping[str, str], suppress: bool = False
) -> ReportFigures:
    """Figures of one year laid out as every annual report shows them (exact on the
    centre's own pages; `suppress=True` hides small people counts as above the centre)."""
    return report_figures(figures, category_names=category_names, suppress=suppress)
