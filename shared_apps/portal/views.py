"""The platform host's pages for federation staff and municipality viewers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from shared_apps.accounts.access import allow
from shared_apps.accounts.forms import add_application_error
from shared_apps.accounts.roles import (
    FEDERATION_MANAGERS,
    FEDERATION_STAFF,
    MUNICIPALITY_VIEWERS,
    Role,
)
from shared_apps.accounts.selectors import centre_host, platform_host
from shared_apps.accounts.services import invitation_send
from shared_apps.portal.forms import CentreAdminInvitationForm, MunicipalityViewerInvitationForm
from shared_apps.portal.selectors import (
    administered_federation,
    federation_overviews,
    municipality_overviews,
)


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
        add_application_error(form, error, form.service_fields)
        return _render_federation_home(request, bound_form=form, status=400)
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


@allow(MUNICIPALITY_VIEWERS)
def municipality_home(request: HttpRequest) -> HttpResponse:
    """Read-only: the person's municipalities and the centres in them."""
    return render(
        request,
        "portal/municipality_home.html",
        {"overviews": municipality_overviews(user=request.user)},
    )
