"""Writes of the centre's annual report: its narrative, submitting it (which freezes a
snapshot in the shared schema) and reopening it to correct it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.reports import contracts, facade
from tenant_apps.annualreport.figures import partners_of_year, year_rows
from tenant_apps.annualreport.models import FIRST_YEAR, AnnualReport
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from toolkit.actors import Actor
from toolkit.errors import ApplicationError

AUDIT_SUBJECT = "annual_report"


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ApplicationError(
            _("There is no annual report for the year %(year)s.") % {"year": year}
        )


def _locked(year: int) -> tuple[AnnualReport, bool]:
    return AnnualReport.objects.select_for_update().get_or_create(year=year)


@transaction.atomic
def annual_report_narrative_save(
    *, centre_id: int, year: int, summary: str, highlights: str, cooperation: str, plans: str
) -> AnnualReport:
    """Save the sections the centre writes; the first save starts the draft, which the
    federation then sees. A submitted report cannot change until a manager reopens it."""
    _check_year(year)
    report, created = _locked(year)
    if report.is_submitted:
        raise ApplicationError(
            _(
                "The annual report %(year)s is submitted and can no longer change. "
                "A manager can reopen it to correct it."
            )
            % {"year": year}
        )
    report.summary = summary.strip()
    report.highlights = highlights.strip()
    report.cooperation = cooperation.strip()
    report.plans = plans.strip()
    report.save()
    if created:
        facade.annual_report_status_set(centre_id=centre_id, year=year, status=contracts.DRAFT)
    return report


@transaction.atomic
def annual_report_submit(
    *, centre_id: int, year: int, actor: Actor | None, language: str
) -> contracts.SubmittedReport:
    """Submit the report of a year that is over: compute the figures from the centre's data
    now, freeze them with the narrative as a new version in the shared schema, and make the
    narrative read-only. `actor` is None only for the demo loader."""
    _check_year(year)
    if year >= timezone.localdate().year:
        raise ApplicationError(
            _(
                "The year %(year)s is not over yet: its report can be submitted "
                "from 1 January %(next)s."
            )
            % {"year": year, "next": year + 1}
        )
    report, _created = _locked(year)
    if report.is_submitted:
        raise ApplicationError(
            _("The annual report %(year)s is already submitted.") % {"year": year}
        )
    submitted = facade.annual_report_submit(
        centre_id=centre_id,
        year=year,
        submitted_by_user_id=actor.pk if actor else None,
        language=language,
        narrative=contracts.AnnualReportNarrative(
            summary=report.summary,
            highlights=report.highlights,
            cooperation=report.cooperation,
            plans=report.plans,
            partners=partners_of_year(year),
        ),
        figures=year_rows(centre_id=centre_id, year=year),
    )
    report.status = AnnualReport.Status.SUBMITTED
    report.submitted_at = submitted.submitted_at
    report.submitted_by_user_id = actor.pk if actor else None
    report.save()
    if actor is not None:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=AUDIT_SUBJECT,
            subject_id=year,
            code="annual_report.submitted",
            params={"version": submitted.version},
        )
    return submitted


@transaction.atomic
def annual_report_reopen(*, centre_id: int, year: int, actor: Actor) -> AnnualReport:
    """Make a submitted report a draft again, to correct it. The submitted version stays in
    the shared schema; the next submission becomes a new version."""
    _check_year(year)
    report = AnnualReport.objects.select_for_update().filter(year=year).first()
    if report is None or not report.is_submitted:
        raise ApplicationError(_("The annual report %(year)s is not submitted.") % {"year": year})
    report.status = AnnualReport.Status.DRAFT
    report.save()
    facade.annual_report_status_set(centre_id=centre_id, year=year, status=contracts.DRAFT)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        subject_type=AUDIT_SUBJECT,
        subject_id=year,
        code="annual_report.reopened",
    )
    return report
