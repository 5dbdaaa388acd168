"""Coordinators' pages for volunteers: list, register, view, change, delete, certificates,
declarations and consents."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts import facade
from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.people import selectors, services
from tenant_apps.people.forms import (
    CertificateForm,
    DeclarationForm,
    StatusForm,
    VolunteerFilterForm,
    VolunteerForm,
    grid,
)
from tenant_apps.people.models import Volunteer
from tenant_apps.people.views.consents import VOLUNTEER_CONSENTS
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate


def _volunteer(volunteer_id: int) -> Volunteer:
    volunteer = selectors.volunteer_detail(volunteer_id=volunteer_id)
    if volunteer is None:
        raise Http404
    return volunteer


def _linkable_members(request, volunteer: Volunteer | None = None):
    """Centre members whose account is not yet linked to another volunteer."""
    in_use = selectors.account_ids_in_use()
    own = volunteer.account_user_id if volunteer else None
    return [
        member
        for member in facade.centre_members(centre_id=request.centre.pk)
        if member.user_id == own or member.user_id not in in_use
    ]


@allow(CENTRE_STAFF)
def volunteer_list(request):
    """Volunteers, filtered by status, skill, area, language or a search, a page at a time."""
    form = VolunteerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    volunteers = selectors.volunteer_list(
        status=filters.get("status", ""),
        skill=filters.get("skill"),
        area=filters.get("area"),
        language=filters.get("language", ""),
        search=filters.get("q", ""),
    )
    page = paginate(request, volunteers)
    rows = [(volunteer, selectors.missing_consents(volunteer)) for volunteer in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "applications": selectors.volunteer_application_count(),
        "applied_status": Volunteer.Status.APPLIED,
    }
    if request.htmx and request.htmx.target == "volunteer-results":
        return render(request, "people/_volunteer_results_htmx.html", context)
    return render(request, "people/volunteer_list.html", context)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_create(request):
    """Register a volunteer."""
    form = VolunteerForm(
        request.POST or None,
        members=_linkable_members(request),
        initial={"start_date": selectors.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_create(
                actor=request.user, centre_id=request.centre.pk, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered as a volunteer.") % {"name": volunteer.full_name},
            )
            return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
    return render(
        request,
        "people/volunteer_form.html",
        {"form": form, "availability": grid(form["availability"]), "volunteer": None},
    )


@allow(CENTRE_STAFF)
def volunteer_detail(request, volunteer_id: int):
    """Everything the centre keeps about one volunteer (viewing it is audited)."""
    volunteer = services.volunteer_detail_view(actor=request.user, volunteer_id=volunteer_id)
    if volunteer is None:
        raise Http404
    account = None
    if volunteer.account_user_id:
        account = facade.centre_member(
            centre_id=request.centre.pk, user_id=volunteer.account_user_id
        )
    current_version = selectors.centre_settings().confidentiality_version
    declarations = list(volunteer.confidentiality_declarations.all())
    return render(
        request,
        "people/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "account": account,
            "missing": selectors.missing_consents(volunteer),
            "status_form": StatusForm(initial={"status": volunteer.status}),
            "availability": _availability_table(volunteer),
            "declarations": declarations,
            "current_version": current_version,
            "has_current_declaration": any(d.version == current_version for d in declarations),
            "today": selectors.today(),
        },
    )


def _availability_table(volunteer: Volunteer) -> dict:
    form = VolunteerForm(initial=VolunteerForm.initial_for(volunteer))
    return grid(form["availability"])


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_edit(request, volunteer_id: int):
    """Change a volunteer's details, skills, areas and availability."""
    volunteer = _volunteer(volunteer_id)
    form = VolunteerForm(
        request.POST or None,
        members=_linkable_members(request, volunteer),
        volunteer=volunteer,
        initial=VolunteerForm.initial_for(volunteer),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(
                actor=request.user,
                volunteer=volunteer,
                centre_id=request.centre.pk,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
    return render(
        request,
        "people/volunteer_form.html",
        {"form": form, "availability": grid(form["availability"]), "volunteer": volunteer},
    )


@allow(CENTRE_STAFF)
@require_POST
def volunteer_status(request, volunteer_id: int):
    """Mark a volunteer active, paused or ended."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose active, paused or ended."))
    else:
        try:
            volunteer = services.volunteer_set_status(
                actor=request.user, volunteer=volunteer, status=form.cleaned_data["status"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is now: %(status)s.")
                % {"name": volunteer.full_name, "status": volunteer.get_status_display()},
            )
    return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_delete(request, volunteer_id: int):
    """Ask, then delete a volunteer; their hours stay in the totals without their name."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    if request.method == "POST":
        name = volunteer.full_name
        kept = services.volunteer_delete(actor=request.user, volunteer=volunteer)
        messages.success(
            request,
            ngettext(
                "%(name)s has been deleted. %(entries)s hour entry is kept without a name.",
                "%(name)s has been deleted. %(entries)s hour entries are kept without a name.",
                kept.entries,
            )
            % {"name": name, "entries": kept.entries},
        )
        return redirect("people:volunteer_list")
    return render(
        request,
        "people/volunteer_delete.html",
        {"volunteer": volunteer, "hours": selectors.volunteer_hours_summary(volunteer)},
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def certificate_record(request, volunteer_id: int):
    """Record that a volunteer showed their police certificate (never the document)."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    validity = selectors.centre_settings().certificate_validity_months
    form = CertificateForm(
        request.POST or None, validity_months=validity, initial={"seen_on": selectors.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.certificate_record(
                actor=request.user,
                volunteer=volunteer,
                kind=form.cleaned_data["kind"],
                seen_on=form.cleaned_data["seen_on"],
                renew_by=form.cleaned_data["renew_by"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("The certificate is recorded as seen. Renew by %(date)s.")
                % {"date": date_format(record.renew_by, "DATE_FORMAT")},
            )
            return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
    return render(request, "people/certificate_form.html", {"form": form, "volunteer": volunteer})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def declaration_sign(request, volunteer_id: int):
    """Record that a volunteer signed the confidentiality declaration."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    form = DeclarationForm(
        request.POST or None,
        initial={
            "signed_on": selectors.today(),
            "version": selectors.centre_settings().confidentiality_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.confidentiality_declaration_sign(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The signed declaration is recorded."))
            return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
    return render(request, "people/declaration_form.html", {"form": form, "volunteer": volunteer})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_consents(request, volunteer_id: int):
    """A volunteer's consents: what was given and withdrawn, what is missing; record one."""
    return VOLUNTEER_CONSENTS.consents(request, _volunteer(volunteer_id))


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_consent_withdraw(request, volunteer_id: int, consent_id: int):
    """Ask, then record that a volunteer withdrew a consent."""
    return VOLUNTEER_CONSENTS.withdraw(request, person_id=volunteer_id, consent_id=consent_id)


@allow(CENTRE_STAFF)
@require_POST
def volunteer_application_accept(request, volunteer_id: int):
    """Accept an offer to volunteer from the public form: active from today."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    try:
        volunteer = services.volunteer_application_accept(actor=request.user, volunteer=volunteer)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s is now an active volunteer.") % {"name": volunteer.full_name}
        )
    return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def volunteer_application_decline(request, volunteer_id: int):
    """Ask, then decline an offer to volunteer: the details are deleted."""
    volunteer = get_object_or_404(Volunteer, pk=volunteer_id)
    if volunteer.status != Volunteer.Status.APPLIED:
        messages.error(request, _("This offer to volunteer has already been answered."))
        return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
    if request.method == "POST":
        name = volunteer.full_name
        try:
            services.volunteer_application_decline(actor=request.user, volunteer=volunteer)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("people:volunteer_detail", volunteer_id=volunteer.pk)
        messages.success(
            request, _("The offer from %(name)s is declined and deleted.") % {"name": name}
        )
        return redirect(f"{reverse('people:volunteer_list')}?status={Volunteer.Status.APPLIED}")
    return render(request, "people/application_decline.html", {"volunteer": volunteer})
