"""Writes of annual reports in the shared schema: the status of a centre's report of a year,
and a new frozen snapshot when the centre submits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.reports.contracts import AnnualReportNarrative
from shared_apps.reports.models import (
    FIRST_YEAR,
    AnnualReportSnapshot,
    AnnualReportStatus,
    ReportStatus,
)
from shared_apps.statistics import rounding
from shared_apps.statistics.contracts import KEYS, YEAR, AggregateRow
from shared_apps.statistics.facade import FigureRefused, category_codes, figure_checked
from tenants.models import Centre
from toolkit.errors import ApplicationError

NARRATIVE_MAX_LENGTH = 10_000
PARTNERS_MAX = 200
PARTNER_MAX_LENGTH = 300


class ReportInvalid(ApplicationError):
    """A report that may not be stored as it is."""


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ReportInvalid(_("There is no annual report for the year %(year)s.") % {"year": year})


def figures_validate(
    *, centre: Centre, year: int, figures: Iterable[AggregateRow]
) -> list[dict[str, str]]:
    """Check every row against the allow-list and the year; return them ready to store.

    Refused: a key not in KEYS, a dimension value outside the key's closed list (activity
    categories: the federation's codes or "other"), a period outside the year, a value that
    is not a non-negative number, and the same figure twice.
    """
    categories = category_codes(federation_id=centre.federation_id)
    stored: list[dict[str, str]] = []
    seen: set[tuple[str, str, datetime.date]] = set()
    for row in figures:
        try:
            value = figure_checked(row, categories=categories)
        except FigureRefused as error:
            raise ReportInvalid(error.message) from error
        month = row.month
        spec = KEYS[row.key]
        in_period = (
            month == datetime.date(year, 1, 1) if spec.period == YEAR else month.year == year
        )
        if not in_period:
            raise ReportInvalid(
                _("The figure “%(key)s” for %(month)s is not a figure of %(year)s.")
                % {"key": row.key, "month": month.isoformat(), "year": year}
            )
        identity = (row.key, row.dimension, month)
        if identity in seen:
            raise ReportInvalid(
                _("The figure “%(key)s” appears twice for the same month.") % {"key": row.key}
            )
        seen.add(identity)
        stored.append(
            {
                "key": row.key,
                "dimension": row.dimension,
                "month": month.isoformat(),
                "value": str(value),
            }
        )
    # Counts of people are stored rounded, cell by cell exactly as the statistics store them,
    # so a report and the dashboard agree and neither gives away a small count.
    published = rounding.rounded_cells(
        centre_id=centre.pk,
        cells={
            (item["key"], item["dimension"], datetime.date.fromisoformat(item["month"])): Decimal(
                item["value"]
            )
            for item in stored
        },
    )
    for item in stored:
        cell = (item["key"], item["dimension"], datetime.date.fromisoformat(item["month"]))
        item["value"] = str(published[cell])
    # A count rounded to 0 is left out, as the statistics leave it out (absent reads as 0).
    stored = [
        item
        for item in stored
        if not (KEYS[item["key"]].is_people_count and not Decimal(item["value"]))
    ]
    stored.sort(key=lambda item: (item["key"], item["month"], item["dimension"]))
    return stored


def _clean_narrative(narrative: AnnualReportNarrative) -> AnnualReportNarrative:
    if not isinstance(narrative, AnnualReportNarrative):
        raise ReportInvalid(_("The report's text is missing."))
    for text in (narrative.summary, narrative.highlights, narrative.cooperation, narrative.plans):
        if not isinstance(text, str) or len(text) > NARRATIVE_MAX_LENGTH:
            raise ReportInvalid(
                _("Each section of the report may have at most %(count)d characters.")
                % {"count": NARRATIVE_MAX_LENGTH}
            )
    partners = tuple(str(name).strip() for name in narrative.partners if str(name).strip())
    if len(partners) > PARTNERS_MAX or any(len(name) > PARTNER_MAX_LENGTH for name in partners):
        raise ReportInvalid(_("The list of partner associations is too long."))
    return AnnualReportNarrative(
        summary=narrative.summary.strip(),
        highlights=narrative.highlights.strip(),
        cooperation=narrative.cooperation.strip(),
        plans=narrative.plans.strip(),
        partners=partners,
    )


def annual_report_status_set(*, centre: Centre, year: int, status: str) -> AnnualReportStatus:
    """Record that the centre's report of the year is not started or a draft (a submitted
    report is recorded by `annual_report_snapshot_create`)."""
    _check_year(year)
    if status not in (ReportStatus.NOT_STARTED, ReportStatus.DRAFT):
        raise ReportInvalid(_("A report becomes submitted only by submitting it."))
    row, _created = AnnualReportStatus.objects.update_or_create(
        centre=centre, year=year, defaults={"status": status, "changed_at": timezone.now()}
    )
    return row


@transaction.atomic
def annual_report_snapshot_create(
    *,
    centre: Centre,
    year: int,
    submitted_by_user_id: int | None,
    language: str,
    narrative: AnnualReportNarrative,
    figures: Iterable[AggregateRow],
) -> AnnualReportSnapshot:
    """Freeze a new version of the centre's report of the year and mark it submitted."""
    _check_year(year)
    if language not in dict(settings.LANGUAGES):
        raise ReportInvalid(_("The report's language is not one Dugnad speaks."))
    narrative = _clean_narrative(narrative)
    stored_figures = figures_validate(centre=centre, year=year, figures=figures)
    now = timezone.now()
    # The status row is locked so two submissions at once cannot take the same version.
    status, _created = AnnualReportStatus.objects.select_for_update().get_or_create(
        centre=centre,
        year=year,
        defaults={"status": ReportStatus.SUBMITTED, "changed_at": now},
    )
    last = (
        AnnualReportSnapshot.objects.filter(centre=centre, year=year)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    snapshot = AnnualReportSnapshot.objects.create(
        centre=centre,
        year=year,
        version=(last or 0) + 1,
        submitted_at=now,
        submitted_by_id=submitted_by_user_id,
        language=language,
        summary=narrative.summary,
        highlights=narrative.highlights,
        cooperation=narrative.cooperation,
        plans=narrative.plans,
        partners=list(narrative.partners),
        figures=stored_figures,
    )
    status.status = ReportStatus.SUBMITTED
    status.changed_at = now
    status.save(update_fields=["status", "changed_at"])
    return snapshot
