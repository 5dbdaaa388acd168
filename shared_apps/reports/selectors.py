"""Reads of annual reports for the federation's and municipality's pages, always scoped by
the person's own memberships: a federation sees its own centres, a municipality viewer the
centres in its municipalities, and only submitted versions of a report."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from shared_apps.accounts.models import FederationMembership, MunicipalityViewer, User
from shared_apps.reports.contracts import AnnualReportNarrative, SubmittedReport
from shared_apps.reports.models import AnnualReportSnapshot, AnnualReportStatus, ReportStatus
from shared_apps.statistics.contracts import AggregateRow
from tenants.models import Centre, Federation, Municipality


def report_url(*, centre_slug: str, year: int) -> str:
    """The platform host's page of a centre's submitted report of a year."""
    return reverse(
        "reports:report",
        kwargs={"centre_slug": centre_slug, "year": year},
        urlconf=settings.PUBLIC_SCHEMA_URLCONF,
    )


def report_pdf_url(*, centre_slug: str, year: int) -> str:
    return reverse(
        "reports:report_pdf",
        kwargs={"centre_slug": centre_slug, "year": year},
        urlconf=settings.PUBLIC_SCHEMA_URLCONF,
    )


def default_year() -> int:
    """The year whose reports are due: last year."""
    return timezone.localdate().year - 1


@dataclass(frozen=True)
class SubmittedReportSummary:
    """The latest submitted version of a centre's report of a year, for lists."""

    centre_id: int
    centre_name: str
    centre_slug: str
    year: int
    version: int
    submitted_at: datetime.datetime
    url: str
    pdf_url: str


def _summary(snapshot: AnnualReportSnapshot) -> SubmittedReportSummary:
    slug = snapshot.centre.slug
    return SubmittedReportSummary(
        centre_id=snapshot.centre_id,
        centre_name=snapshot.centre.name,
        centre_slug=slug,
        year=snapshot.year,
        version=snapshot.version,
        submitted_at=snapshot.submitted_at,
        url=report_url(centre_slug=slug, year=snapshot.year),
        pdf_url=report_pdf_url(centre_slug=slug, year=snapshot.year),
    )


def _latest_versions() -> QuerySet[AnnualReportSnapshot]:
    # PostgreSQL's DISTINCT ON keeps the first row of each (centre, year): the newest version.
    return (
        AnnualReportSnapshot.objects.select_related("centre")
        .order_by("centre_id", "year", "-version")
        .distinct("centre_id", "year")
    )


def submitted_reports(
    *, centre_ids: list[int] | set[int] | tuple[int, ...], year: int | None = None
) -> list[SubmittedReportSummary]:
    """The submitted reports of these centres (latest version of each year), newest year
    first, then by centre name. The caller scopes `centre_ids` to what the person may see."""
    snapshots = _latest_versions().filter(centre_id__in=list(centre_ids))
    if year is not None:
        snapshots = snapshots.filter(year=year)
    summaries = [_summary(snapshot) for snapshot in snapshots]
    summaries.sort(key=lambda item: (-item.year, item.centre_name.casefold(), item.centre_id))
    return summaries


# --- The federation's view --------------------------------------------------------------


@dataclass(frozen=True)
class CentreReportState:
    centre: Centre
    status: str
    status_label: str
    # The latest submitted version, also while a correction is being drafted.
    latest: SubmittedReportSummary | None

    @property
    def is_being_corrected(self) -> bool:
        return self.status == ReportStatus.DRAFT and self.latest is not None


@dataclass(frozen=True)
class FederationReportOverview:
    federation: Federation
    year: int
    centres: list[CentreReportState]
    counts: dict[str, int]

    @property
    def count_rows(self) -> list[tuple[str, str, int]]:
        return [
            (status.value, str(status.label), self.counts.get(status.value, 0))
            for status in ReportStatus
        ]


def federation_report_overview(*, federation: Federation, year: int) -> FederationReportOverview:
    """Where the report of `year` stands at each of the federation's centres (three queries)."""
    centres = list(
        Centre.objects.filter(federation=federation)
        .select_related("municipality")
        .order_by("name", "pk")
    )
    ids = [centre.pk for centre in centres]
    statuses = dict(
        AnnualReportStatus.objects.filter(centre_id__in=ids, year=year).values_list(
            "centre_id", "status"
        )
    )
    latest = {item.centre_id: item for item in submitted_reports(centre_ids=ids, year=year)}
    rows = []
    for centre in centres:
        status = statuses.get(centre.pk, ReportStatus.NOT_STARTED)
        rows.append(
            CentreReportState(
                centre=centre,
                status=status,
                status_label=str(ReportStatus(status).label),
                latest=latest.get(centre.pk),
            )
        )
    return FederationReportOverview(
        federation=federation,
        year=year,
        centres=rows,
        counts=dict(Counter(row.status for row in rows)),
    )


def federations_of(*, user: User) -> list[Federation]:
    """The federations the person works for (administrator or analyst)."""
    return [
        membership.federation
        for membership in FederationMembership.objects.filter(user=user)
        .select_related("federation")
        .order_by("federation__name")
    ]


def federation_report_overviews(*, user: User, year: int) -> list[FederationReportOverview]:
    return [
        federation_report_overview(federation=federation, year=year)
        for federation in federations_of(user=user)
    ]


def report_years(*, user: User) -> list[int]:
    """Years to choose between on the federation's page: the due year back five years, and
    any year with a report of one of the person's centres."""
    due = default_year()
    years = set(range(due - 4, due + 2))
    years |= set(
        AnnualReportStatus.objects.filter(centre__federation__memberships__user=user).values_list(
            "year", flat=True
        )
    )
    return sorted((year for year in years if year <= timezone.localdate().year), reverse=True)


# --- The municipality's view ------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityReports:
    municipality: Municipality
    reports: list[SubmittedReportSummary]


def municipality_reports(*, user: User) -> list[MunicipalityReports]:
    """Each of the person's municipalities with the submitted reports of its centres."""
    municipalities = [
        access.municipality
        for access in MunicipalityViewer.objects.filter(user=user)
        .select_related("municipality")
        .order_by("municipality__name")
    ]
    centres = Centre.objects.filter(municipality__in=municipalities).values_list(
        "pk", "municipality_id"
    )
    municipality_of = dict(centres)
    reports = submitted_reports(centre_ids=list(municipality_of))
    return [
        MunicipalityReports(
            municipality=municipality,
            reports=[
                item for item in reports if municipality_of[item.centre_id] == municipality.pk
            ],
        )
        for municipality in municipalities
    ]


# --- One report ---------------------------------------------------------------------------


def visible_centre(*, user: User, slug: str) -> Centre | None:
    """The centre with this slug if the person may read its reports: it belongs to one of
    the person's federations or lies in one of the person's municipalities."""
    return (
        Centre.objects.select_related("federation", "municipality")
        .filter(slug=slug)
        .filter(Q(federation__memberships__user=user) | Q(municipality__viewers__user=user))
        .distinct()
        .first()
    )


def latest_snapshot(*, centre_id: int, year: int) -> AnnualReportSnapshot | None:
    return (
        AnnualReportSnapshot.objects.select_related("centre__federation", "centre__municipality")
        .filter(centre_id=centre_id, year=year)
        .order_by("-version")
        .first()
    )


def snapshot_versions(*, centre_id: int, year: int) -> list[AnnualReportSnapshot]:
    """Every submitted version of the report, newest first (no texts or figures loaded)."""
    return list(
        AnnualReportSnapshot.objects.filter(centre_id=centre_id, year=year)
        .only("id", "version", "submitted_at")
        .order_by("-version")
    )


def snapshot_figures(snapshot: AnnualReportSnapshot) -> tuple[AggregateRow, ...]:
    return tuple(
        AggregateRow(
            key=item["key"],
            month=datetime.date.fromisoformat(item["month"]),
            value=Decimal(item["value"]),
            dimension=item["dimension"],
        )
        for item in snapshot.figures
    )


def submitted_report(snapshot: AnnualReportSnapshot) -> SubmittedReport:
    return SubmittedReport(
        centre_id=snapshot.centre_id,
        year=snapshot.year,
        version=snapshot.version,
        submitted_at=snapshot.submitted_at,
        language=snapshot.language,
        narrative=AnnualReportNarrative(
            summary=snapshot.summary,
            highlights=snapshot.highlights,
            cooperation=snapshot.cooperation,
            plans=snapshot.plans,
            partners=tuple(snapshot.partners),
        ),
        figures=snapshot_figures(snapshot),
    )
