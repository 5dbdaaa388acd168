"""Shifts: add, change, remove; signing up and withdrawing, with or without htmx."""

from __future__ import annotations

from django.contrib import messages
from django.forms import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.activities import selectors, services
from tenant_apps.activities.forms import AssignForm, ShiftForm
from tenant_apps.activities.models import Session, Shift, ShiftSignup
from tenant_apps.activities.views.common import (
    is_staff,
    next_url,
    own_volunteer,
    session_for,
)
from tenant_apps.activities.views.sessions import session_context
from tenant_apps.people.models import Volunteer
from toolkit.errors import ApplicationError, form_add_error


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def shift_create(request, session_id: int):
    """Add a volunteer role with a number of places to a session."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_id)
    form = ShiftForm(request.POST or None, initial={"capacity": 1})
    if request.method == "POST" and form.is_valid():
        try:
            shift = services.shift_create(session=session, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request, _("The shift “%(name)s” has been added.") % {"name": shift.name}
            )
            return redirect("activities:session", session.pk)
    return render(
        request, "activities/shift_form.html", {"form": form, "session": session, "shift": None}
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def shift_edit(request, shift_id: int):
    """Rename a shift or change its places (more places move people up from the waiting list)."""
    shift = get_object_or_404(Shift.objects.select_related("session__activity"), pk=shift_id)
    form = ShiftForm(
        request.POST or None, initial=model_to_dict(shift, fields=ShiftForm._meta.fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_update(shift=shift, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The shift has been saved."))
            return redirect("activities:session", shift.session_id)
    return render(
        request,
        "activities/shift_form.html",
        {"form": form, "session": shift.session, "shift": shift},
    )


@allow(CENTRE_STAFF)
@require_POST
def shift_delete(request, shift_id: int):
    """Remove a shift nobody has signed up for."""
    shift = get_object_or_404(Shift, pk=shift_id)
    try:
        services.shift_delete(shift=shift)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The shift has been removed."))
    return redirect("activities:session", shift.session_id)


@allow(CENTRE_STAFF)
@require_POST
def shifts_copy_forward(request, session_id: int):
    """Give the activity's later sessions without shifts the shifts of this one."""
    session = get_object_or_404(Session, pk=session_id)
    try:
        count = services.shifts_copy_forward(session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "The shifts have been copied to %(count)s later session.",
                "The shifts have been copied to %(count)s later sessions.",
                count,
            )
            % {"count": count},
        )
    return redirect("activities:session", session.pk)


def _shift_response(request, shift: Shift, *, message: str, is_error: bool) -> HttpResponse:
    """After a sign-up or withdrawal: the shift's part of the page (htmx), else a redirect."""
    if request.htmx:
        session = session_for(request, shift.session_id)
        context = session_context(request, session)
        row = next(row for row in context["shift_rows"] if row["shift"].pk == shift.pk)
        context.update({"row": row, "message": message, "message_is_error": is_error})
        return render(request, "activities/_shift.html", context)
    (messages.error if is_error else messages.success)(request, message)
    return redirect(next_url(request, reverse("activities:session", args=[shift.session_id])))


def _not_linked(request, shift: Shift) -> HttpResponse:
    return _shift_response(
        request,
        shift,
        message=_("Your account is not linked to a volunteer here. Ask a coordinator."),
        is_error=True,
    )


@allow(CENTRE_MEMBERS)
@require_POST
def shift_sign_up(request, shift_id: int):
    """Sign yourself up for a shift (or its waiting list when it is full)."""
    shift = get_object_or_404(Shift.objects.select_related("session__activity"), pk=shift_id)
    session_for(request, shift.session_id)  # 404 unless this person may see it
    volunteer = own_volunteer(request)
    if volunteer is None:
        return _not_linked(request, shift)
    try:
        signup = services.shift_sign_up(shift=shift, volunteer=volunteer, actor=request.user)
    except ApplicationError as error:
        return _shift_response(request, shift, message=error.message, is_error=True)
    if signup.status == ShiftSignup.Status.CONFIRMED:
        message = _("You are signed up as %(role)s.") % {"role": shift.name}
    else:
        message = _("The shift is full. You are on the waiting list and move up automatically.")
    return _shift_response(request, shift, message=message, is_error=False)


@allow(CENTRE_MEMBERS)
@require_POST
def shift_withdraw(request, shift_id: int):
    """Withdraw yourself from a shift; coordinators may withdraw anyone (field `volunteer`)."""
    shift = get_object_or_404(Shift.objects.select_related("session__activity"), pk=shift_id)
    session_for(request, shift.session_id)
    volunteer_id = request.POST.get("volunteer", "")
    own = own_volunteer(request)
    if volunteer_id and (own is None or volunteer_id != str(own.pk)):
        if not is_staff(request):
            raise Http404
        volunteer = get_object_or_404(Volunteer, pk=volunteer_id if volunteer_id.isdigit() else 0)
    else:
        volunteer = own
    if volunteer is None:
        return _not_linked(request, shift)
    try:
        services.shift_withdraw(shift=shift, volunteer=volunteer, actor=request.user)
    except ApplicationError as error:
        return _shift_response(request, shift, message=error.message, is_error=True)
    if own is not None and volunteer.pk == own.pk:
        message = _("You have withdrawn from %(role)s.") % {"role": shift.name}
    else:
        message = _("%(name)s has been withdrawn from %(role)s.") % {
            "name": volunteer.full_name,
            "role": shift.name,
        }
    return _shift_response(request, shift, message=message, is_error=False)


@allow(CENTRE_STAFF)
@require_POST
def session_assign(request, session_id: int):
    """Put a chosen volunteer on one of the session's shifts."""
    session = session_for(request, session_id)
    form = AssignForm(
        request.POST, shifts=session.shifts.all(), volunteers=selectors.active_volunteers()
    )
    if form.is_valid():
        shift, volunteer = form.cleaned_data["shift"], form.cleaned_data["volunteer"]
        try:
            signup = services.shift_sign_up(shift=shift, volunteer=volunteer, actor=request.user)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            if signup.status == ShiftSignup.Status.CONFIRMED:
                message = _("%(name)s is signed up as %(role)s.")
            else:
                message = _("%(role)s is full: %(name)s is on the waiting list.")
            messages.success(request, message % {"name": volunteer.full_name, "role": shift.name})
            return redirect("activities:session", session.pk)
    context = session_context(request, session)
    context["assign_form"] = form
    return render(request, "activities/session_detail.html", context, status=400)
