"""The platform host's pages for federation staff and municipality viewers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import (
    FEDERATION_MANAGERS,
    FEDERATION_STAFF,
    MUNICIPALITY_VIEWERS,
    Role,
)
from shared_apps.accounts.selectors import centre_host, platform_host
from shared_apps.accounts.services import (
    invitation_approve,
    invitation_refuse,
    invitation_send,
)
from shared_apps.dashboard.charts import COLUMNS, Chart, Series
from shared_apps.portal.forms import CentreAdminInvitationForm, MunicipalityViewerInvitationForm
from shared_apps.portal.selectors import (
    administered_federation,
    appointment_awaiting_approval,
    appointments_awaiting_approval,
    centre_monthly_trend,
    centre_public_activities,
    centres_key_figures,
    federation_overviews,
    latest_figure_year,
    municipality_overviews,
    viewable_centre,
)
from shared_apps.reports.selectors import submitted_reports
from shared_apps.statistics.labels import key_label
from toolkit.errors import ApplicationError, form_add_error


def _render_federation_home(
    request: HttpRequest, *, bound_form=None, status: int = 200
) -> HttpResponse:
    sections = []
    for overview in federation_overviews(user=request.user):
        forms = {}
        if overview.is_admin:
            federation = overview.federation
            for name, form_class in (
                ("centre_admin", CentreAdminInvitationForm),
                ("municipality_viewer", MunicipalityViewerInvitationForm),
            ):
                if (
                    bound_form is not None
                    and isinstance(bound_form, form_class)
                    and bound_form.federation.pk == federation.pk
                ):
                    forms[name] = bound_form
                else:
                    forms[name] = form_class(federation=federation)
        sections.append({"overview": overview, "forms": forms})
    return render(request, "portal/federation_home.html", {"sections": sections}, status=status)


@allow(FEDERATION_STAFF)
def federation_home(request: HttpRequest) -> HttpResponse:
    """The person's federation(s): their centres, and for administrators the invitations."""
    return _render_federation_home(request)


def _administered_federation_or_403(request: HttpRequest):
    federation = administered_federation(user=request.user, slug=request.POST.get("federation", ""))
    if federation is None:
        raise PermissionDenied
    return federation


def _send(request: HttpRequest, form, **place) -> HttpResponse:
    """Send the invitation of a valid form; show the page again with the error if refused."""
    federation = form.federation
    try:
        invitation = invitation_send(
            invited_by=request.user,
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            federation=federation,
            **place,
        )
    except ApplicationError as error:
        form_add_error(form, error, fields=form.service_fields)
        return _render_federation_home(request, bound_form=form, status=400)
    if invitation.awaits_approval:
        messages.info(
            request,
            _(
                "%(centre)s already has a manager, so a platform operator must approve this "
                "appointment. The invitation to %(email)s is e-mailed when it is approved."
            )
            % {"centre": invitation.centre.name, "email": invitation.email},
        )
        return redirect("portal:federation_home")
    messages.success(
        request,
        _("The invitation to %(email)s is sent. The link is valid for %(days)d days.")
        % {
            "email": invitation.email,
            "days": (invitation.expires_at - invitation.created_at).days,
        },
    )
    return redirect("portal:federation_home")


@allow(FEDERATION_MANAGERS)
@require_POST
def invite_centre_admin(request: HttpRequest) -> HttpResponse:
    """Invite a manager for one of the federation's centres, on that centre's host."""
    federation = _administered_federation_or_403(request)
    form = CentreAdminInvitationForm(request.POST, federation=federation)
    if not form.is_valid():
        return _render_federation_home(request, bound_form=form, status=400)
    centre = form.cleaned_data["centre"]
    return _send(
        request,
        form,
        role=Role.CENTRE_ADMIN,
        centre=centre,
        host=centre_host(centre=centre, request=request),
    )


@allow(FEDERATION_MANAGERS)
@require_POST
def invite_municipality_viewer(request: HttpRequest) -> HttpResponse:
    """Invite a municipality officer to read-only insight into its centres."""
    federation = _administered_federation_or_403(request)
    form = MunicipalityViewerInvitationForm(request.POST, federation=federation)
    if not form.is_valid():
        return _render_federation_home(request, bound_form=form, status=400)
    return _send(
        request,
        form,
        role=Role.MUNICIPALITY_VIEWER,
        municipality=form.cleaned_data["municipality"],
        host=platform_host(request=request),
    )


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@allow(MUNICIPALITY_VIEWERS)
def municipality_home(request: HttpRequest) -> HttpResponse:
    """Read-only: the person's municipalities, their centres and the centres' key figures."""
    overviews = municipality_overviews(user=request.user)
    centres = [centre for overview in overviews for centre in overview.centres]
    year = _year(request, latest_figure_year(centres=centres))
    reports = submitted_reports(centre_ids=[centre.pk for centre in centres])
    sections = [
        {
            "overview": overview,
            "figures": centres_key_figures(centres=overview.centres, year=year),
            "reports": [
                report
                for report in reports
                if report.centre_id in {centre.pk for centre in overview.centres}
            ],
        }
        for overview in overviews
    ]
    return render(
        request,
        "portal/municipality_home.html",
        {"sections": sections, "year": year, "years": range(year - 3, year + 2)},
    )


@allow(MUNICIPALITY_VIEWERS)
def municipality_centre(request: HttpRequest, slug: str) -> HttpResponse:
    """Read-only: one centre of the person's municipalities: figures, trend, activities."""
    centre = viewable_centre(user=request.user, slug=slug)
    if centre is None:
        raise Http404
    year = _year(request, latest_figure_year(centres=[centre]))
    trend = centre_monthly_trend(centre=centre, year=year)
    chart = Chart(
        kind=COLUMNS,
        slug="hours-per-month",
        title=_("Volunteer hours per month, %(year)s") % {"year": year},
        description=_("The same figures are in the table below."),
        labels=[date_format(row["month"], "M") for row in trend],
        series=[
            Series(str(key_label("hours.total")), [row["hours_total"].number for row in trend])
        ],
    )
    return render(
        request,
        "portal/municipality_centre.html",
        {
            "centre": centre,
            "year": year,
            "years": range(year - 3, year + 2),
            "figures": centres_key_figures(centres=[centre], year=year),
            "trend": trend,
            "chart": chart,
            "activities": centre_public_activities(centre=centre),
            "reports": submitted_reports(centre_ids=[centre.pk]),
        },
    )


# --- Platform operators: manager appointments that need their approval ----------------


@allow(Role.PLATFORM_OPERATOR)
def operator_appointments(request: HttpRequest) -> HttpResponse:
    """Federations' manager appointments for centres that have a manager, to decide on."""
    return render(
        request,
        "portal/operator_appointments.html",
        {"appointments": appointments_awaiting_approval()},
    )


@allow(Role.PLATFORM_OPERATOR)
@require_http_methods(["GET", "POST"])
def operator_appointment(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """One appointment: who asked, for whom, the centre's managers now; approve or refuse."""
    appointment = appointment_awaiting_approval(invitation_id=invitation_id)
    if appointment is None:
        messages.info(request, _("This appointment has been decided already, or has lapsed."))
        return redirect("portal:operator_appointments")
    invitation = appointment.invitation
    error = ""
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                invitation_approve(
                    actor=request.user,
                    invitation_id=invitation.pk,
                    host=centre_host(centre=invitation.centre, request=request),
                )
                messages.success(
                    request,
                    _("Approved: the invitation to %(email)s is sent.")
                    % {"email": invitation.email},
                )
                return redirect("portal:operator_appointments")
            if decision == "refuse":
                invitation_refuse(actor=request.user, invitation_id=invitation.pk)
                messages.success(
                    request,
                    _("Refused: %(email)s will not be invited.") % {"email": invitation.email},
                )
                return redirect("portal:operator_appointments")
            error = _("Choose to approve or to refuse.")
        except ApplicationError as refused:
            error = refused.message
    return render(
        request,
        "portal/operator_appointment.html",
        {"appointment": appointment, "invitation": invitation, "error": error},
        status=400 if error else 200,
    )
