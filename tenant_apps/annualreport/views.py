"""The centre's annual report pages: the list of years, the report of a year (figures from
the centre's own data and the narrative form), submitting, reopening and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from shared_apps.accounts.access import Verdict, allow, decide, policy_of
from shared_apps.accounts.roles import CENTRE_MANAGERS, CENTRE_STAFF
from shared_apps.reports import facade
from tenant_apps.annualreport import selectors, services
from tenant_apps.annualreport.figures import category_names, partners_of_year, year_rows
from tenant_apps.annualreport.forms import NarrativeForm
from tenant_apps.annualreport.models import FIRST_YEAR
from toolkit.errors import ApplicationError, form_add_error


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404


def _may(request: HttpRequest, view) -> bool:
    return decide(request, request.user, policy_of(view)) is Verdict.ALLOW


def _figures_of(request: HttpRequest, *, year: int, latest, report):
    """Live figures for a draft; for a submitted report, the figures as they were frozen."""
    if report is not None and report.is_submitted and latest is not None:
        rows, partners = latest.figures, latest.narrative.partners
    else:
        rows, partners = year_rows(centre_id=request.centre.pk, year=year), partners_of_year(year)
    figures = facade.annual_report_figures(figures=rows, category_names=category_names())
    return figures, partners


@allow(CENTRE_STAFF)
@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    """The years, each with where its report stands."""
    return render(
        request,
        "annualreport/list.html",
        {"years": selectors.annual_report_years(centre_id=request.centre.pk)},
    )


def _render_report(request: HttpRequest, *, year: int, form, status: int = 200) -> HttpResponse:
    report = selectors.annual_report_of(year=year)
    latest = facade.annual_report_latest(centre_id=request.centre.pk, year=year)
    figures, partners = _figures_of(request, year=year, latest=latest, report=report)
    is_submitted = bool(report and report.is_submitted)
    is_over = year < timezone.localdate().year
    return render(
        request,
        "annualreport/report.html",
        {
            "year": year,
            "report": report,
            "is_submitted": is_submitted,
            "is_over": is_over,
            "latest": latest,
            "form": None if is_submitted else form,
            "figures": figures,
            "partners": partners,
            "can_submit": is_over and not is_submitted and _may(request, report_submit),
            "can_reopen": is_submitted and _may(request, report_reopen),
        },
        status=status,
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, year: int) -> HttpResponse:
    """The report of a year: its figures, and the narrative to write (while a draft)."""
    _check_year(year)
    if request.method != "POST":
        return _render_report(
            request, year=year, form=NarrativeForm(instance=selectors.annual_report_of(year=year))
        )
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        return _render_report(request, year=year, form=form, status=400)
    try:
        services.annual_report_narrative_save(
            centre_id=request.centre.pk, year=year, **form.cleaned_data
        )
    except ApplicationError as error:
        form_add_error(form, error)
        return _render_report(request, year=year, form=form, status=400)
    messages.success(request, _("The annual report is saved."))
    # "Save and submit" sits under the text: the draft is saved first, so cancelling on the
    # confirmation page keeps what was written.
    if request.POST.get("then") == "submit" and _may(request, report_submit):
        return redirect("annualreport:submit", year=year)
    return redirect("annualreport:detail", year=year)


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def report_submit(request: HttpRequest, year: int) -> HttpResponse:
    """Confirm, then submit: the figures and narrative are frozen for the federation and the
    municipality."""
    _check_year(year)
    report = selectors.annual_report_of(year=year)
    if request.method == "POST":
        try:
            submitted = services.annual_report_submit(
                centre_id=request.centre.pk, year=year, actor=request.user, language=get_language()
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "The annual report %(year)s is submitted (version %(version)s). "
                    "Your federation and municipality can read it now."
                )
                % {"year": year, "version": submitted.version},
            )
        return redirect("annualreport:detail", year=year)
    figures, partners = _figures_of(request, year=year, latest=None, report=None)
    return render(
        request,
        "annualreport/submit.html",
        {
            "year": year,
            "report": report,
            "is_submitted": bool(report and report.is_submitted),
            "is_over": year < timezone.localdate().year,
            "figures": figures,
            "partners": partners,
        },
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def report_reopen(request: HttpRequest, year: int) -> HttpResponse:
    """Confirm, then reopen a submitted report to correct it."""
    _check_year(year)
    report = selectors.annual_report_of(year=year)
    if request.method == "POST":
        try:
            services.annual_report_reopen(
                centre_id=request.centre.pk, year=year, actor=request.user
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "The annual report %(year)s is open for corrections. Submit it again "
                    "when you are done: it becomes a new version."
                )
                % {"year": year},
            )
        return redirect("annualreport:detail", year=year)
    return render(
        request,
        "annualreport/reopen.html",
        {"year": year, "report": report, "is_submitted": bool(report and report.is_submitted)},
    )


@allow(CENTRE_STAFF)
@require_safe
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The latest submitted version as a PDF, as the federation and municipality get it."""
    _check_year(year)
    document = facade.annual_report_pdf(centre_id=request.centre.pk, year=year)
    if document is None:
        raise Http404
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
