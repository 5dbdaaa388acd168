"""The platform's landing page, the lifecycle pages of operators and federation
administrators (platform host), and a centre's own status page for its managers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shared_apps.accounts.access import allow, public, roles_for
from shared_apps.accounts.roles import CENTRE_MANAGERS, FEDERATION_MANAGERS, Role
from shared_apps.accounts.selectors import centre_host
from tenants.forms import StatusChangeForm
from tenants.models import CentreStatus, StatusChangeSource
from tenants.selectors import (
    centre_status_history,
    federations_with_centres,
    manageable_centres,
)
from tenants.services import CONFIRMED_STATUSES, centre_change_status
from toolkit.errors import ApplicationError, form_add_error

LIFECYCLE_ROLES = (Role.PLATFORM_OPERATOR, *FEDERATION_MANAGERS)


@public
def landing(request):
    """The platform host's front page: every federation and its centres."""
    return render(request, "tenants/landing.html", {"federations": federations_with_centres()})


@allow(LIFECYCLE_ROLES)
def centre_list(request: HttpRequest) -> HttpResponse:
    """The centres this person answers for, with their status; filter by status."""
    centres = manageable_centres(user=request.user)
    status = request.GET.get("status", "")
    if status in CentreStatus.values:
        centres = centres.filter(status=status)
    return render(
        request,
        "tenants/centre_list.html",
        {"centres": centres, "status": status, "statuses": CentreStatus.choices},
    )


def _render_centre(request, centre, form, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "tenants/centre_detail.html",
        {
            "managed": centre,
            "form": form,
            "history": centre_status_history(centre=centre),
            "confirmed_statuses": sorted(CONFIRMED_STATUSES),
        },
        status=status,
    )


@allow(LIFECYCLE_ROLES)
def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One centre's status and history, and the form to move it to another status; suspend
    and close ask for confirmation on a second page."""
    centre = manageable_centres(user=request.user).filter(slug=slug).first()
    if centre is None:
        raise Http404
    if request.method != "POST":
        form = StatusChangeForm(
            initial={"to_status": centre.status, "trial_ends_on": centre.trial_ends_on}
        )
        return _render_centre(request, centre, form)
    form = StatusChangeForm(request.POST)
    if not form.is_valid():
        return _render_centre(request, centre, form, status=400)
    data = form.cleaned_data
    if data["to_status"] in CONFIRMED_STATUSES and not data["confirmed"]:
        confirm = StatusChangeForm(initial={**data, "confirmed": True})
        return render(
            request,
            "tenants/centre_status_confirm.html",
            {
                "managed": centre,
                "form": confirm,
                "data": data,
                "to_label": CentreStatus(data["to_status"]).label,
            },
        )
    is_operator = Role.PLATFORM_OPERATOR in roles_for(request.user, request)
    try:
        centre_change_status(
            centre=centre,
            to_status=data["to_status"],
            note=data["note"],
            source=StatusChangeSource.OPERATOR if is_operator else StatusChangeSource.FEDERATION,
            changed_by=request.user,
            retention_until=data["retention_until"],
            trial_ends_on=data["trial_ends_on"],
            notify=True,
            centre_url=f"{request.scheme}://{centre_host(centre=centre, request=request)}",
        )
    except ApplicationError as error:
        form_add_error(form, error)
        return _render_centre(request, centre, form, status=400)
    messages.success(
        request,
        _("%(centre)s is now: %(status)s. Its managers have been told by e-mail.")
        % {"centre": centre.name, "status": centre.get_status_display()},
    )
    return redirect("lifecycle:centre", slug=centre.slug)


@allow(CENTRE_MANAGERS)
def centre_status(request: HttpRequest) -> HttpResponse:
    """For a centre's managers: the centre's status, what it means, what to do, its history."""
    centre = request.centre
    return render(
        request,
        "tenants/centre_status.html",
        {"history": centre_status_history(centre=centre)[:20]},
    )
