"""Annual reports on the platform host: the federation's submission overview, the
municipality's list, one submitted report and its PDF. Read-only: every page answers GET
(and HEAD) only, whoever asks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from shared_apps.accounts.access import allow, roles_for
from shared_apps.accounts.roles import FEDERATION_STAFF, MUNICIPALITY_VIEWERS, Role
from shared_apps.reports import selectors
from shared_apps.reports.layout import report_figures
from shared_apps.reports.models import FIRST_YEAR
from shared_apps.reports.pdf import snapshot_pdf
from shared_apps.statistics.selectors import category_names


@allow(FEDERATION_STAFF, MUNICIPALITY_VIEWERS)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Where the person's reports are: the federation's overview or the municipality's list."""
    roles = roles_for(request.user, request)
    is_federation = bool(roles & FEDERATION_STAFF)
    is_municipality = Role.MUNICIPALITY_VIEWER in roles
    if is_federation and not is_municipality:
        return redirect("reports:federation")
    if is_municipality and not is_federation:
        return redirect("reports:municipality")
    return render(request, "reports/index.html")


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and FIRST_YEAR <= int(value) <= timezone.localdate().year:
        return int(value)
    return selectors.default_year()


@allow(FEDERATION_STAFF)
@require_safe
def federation_overview(request: HttpRequest) -> HttpResponse:
    """For each of the person's federations: how far its centres are with the year's report."""
    year = _year(request)
    return render(
        request,
        "reports/federation.html",
        {
            "year": year,
            "years": selectors.report_years(user=request.user),
            "overviews": selectors.federation_report_overviews(user=request.user, year=year),
        },
    )


@allow(MUNICIPALITY_VIEWERS)
@require_safe
def municipality_list(request: HttpRequest) -> HttpResponse:
    """The submitted reports of the centres in the person's municipalities."""
    return render(
        request,
        "reports/municipality.html",
        {"sections": selectors.municipality_reports(user=request.user)},
    )


def _snapshot_or_404(request: HttpRequest, centre_slug: str, year: int):
    centre = selectors.visible_centre(user=request.user, slug=centre_slug)
    snapshot = selectors.latest_snapshot(centre_id=centre.pk, year=year) if centre else None
    if snapshot is None:
        raise Http404
    return snapshot


@allow(FEDERATION_STAFF, MUNICIPALITY_VIEWERS)
@require_safe
def report_detail(request: HttpRequest, centre_slug: str, year: int) -> HttpResponse:
    """The latest submitted version of a centre's report, people counts suppressed."""
    snapshot = _snapshot_or_404(request, centre_slug, year)
    centre = snapshot.centre
    figures = report_figures(
        selectors.snapshot_figures(snapshot),
        category_names=category_names(federation_id=centre.federation_id),
        suppress=True,
    )
    return render(
        request,
        "reports/report.html",
        {
            "snapshot": snapshot,
            "report_centre": centre,
            "figures": figures,
            "versions": selectors.snapshot_versions(centre_id=centre.pk, year=year),
            "pdf_url": selectors.report_pdf_url(centre_slug=centre.slug, year=year),
        },
    )


@allow(FEDERATION_STAFF, MUNICIPALITY_VIEWERS)
@require_safe
def report_pdf(request: HttpRequest, centre_slug: str, year: int) -> HttpResponse:
    """The latest submitted version as a PDF, in the language of the centre's federation."""
    document = snapshot_pdf(_snapshot_or_404(request, centre_slug, year))
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
