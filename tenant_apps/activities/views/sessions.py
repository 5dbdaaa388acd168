"""One session: its shifts and sign-ups; cancel, restore, move; attendance."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.activities import selectors, services
from tenant_apps.activities.forms import (
    AssignForm,
    AttendanceFormSet,
    SessionCancelForm,
    SessionMoveForm,
)
from tenant_apps.activities.models import Session, SessionSignup, ShiftSignup
from tenant_apps.activities.signup_export import signups_export_file
from tenant_apps.activities.views.common import (
    choice_label,
    is_staff,
    own_volunteer,
    session_for,
    short_date,
)
from tenant_apps.people.models import AgeBand, TargetGroup, Volunteer
from toolkit import exports
from toolkit.errors import ApplicationError, form_add_error


def shift_rows_for(session: Session, volunteer: Volunteer | None) -> list[dict]:
    """Each shift with the signed-in person's sign-up (and waiting place) on it."""
    rows = []
    for shift in session.shifts.all():
        signups = list(shift.signups.all())
        confirmed = [s for s in signups if s.status == ShiftSignup.Status.CONFIRMED]
        waiting = [s for s in signups if s.status == ShiftSignup.Status.WAITING]
        own = next((s for s in signups if volunteer and s.volunteer_id == volunteer.pk), None)
        rows.append(
            {
                "shift": shift,
                "confirmed": confirmed,
                "waiting": waiting,
                "own": own,
                "own_position": (waiting.index(own) + 1) if own in waiting else None,
                "free": max(shift.capacity - len(confirmed), 0),
            }
        )
    return rows


def session_context(request, session: Session) -> dict:
    staff = is_staff(request)
    volunteer = own_volunteer(request)
    shift_rows = shift_rows_for(session, volunteer)
    has_started = selectors.session_has_started(session)
    context = {
        "session": session,
        "activity": session.activity,
        "shift_rows": shift_rows,
        "is_staff": staff,
        "volunteer": volunteer,
        "has_started": has_started,
        "may_sign_up": not session.is_cancelled and not has_started,
    }
    if staff:
        context["assign_form"] = AssignForm(
            shifts=session.shifts.all(), volunteers=selectors.active_volunteers()
        )
        context["attendance"] = [
            {
                "age_band_label": choice_label(AgeBand, row.age_band),
                "target_group_label": choice_label(TargetGroup, row.target_group),
                "count": row.count,
            }
            for row in session.attendance.all()
        ]
        if session.activity.takes_signups:
            signups = list(selectors.session_signups(session))
            context["signups"] = signups
            context["signups_confirmed"] = sum(
                1 for signup in signups if signup.status == SessionSignup.Status.CONFIRMED
            )
            context["signups_waiting"] = len(signups) - context["signups_confirmed"]
    return context


@allow(CENTRE_MEMBERS)
@require_GET
def session_detail(request, session_id: int):
    """One session: its shifts, who signed up and who waits (coordinators), your own place."""
    session = session_for(request, session_id)
    return render(request, "activities/session_detail.html", session_context(request, session))


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def session_cancel(request, session_id: int):
    """Ask for a reason, then cancel one session (kept as an exception)."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_id)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, note=form.cleaned_data["note"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The session of %(date)s is cancelled.") % {"date": short_date(session)}
            )
        return redirect("activities:session", session.pk)
    return render(request, "activities/session_cancel.html", {"session": session, "form": form})


@allow(CENTRE_STAFF)
@require_POST
def session_restore(request, session_id: int):
    """Take a cancellation back."""
    session = get_object_or_404(Session, pk=session_id)
    try:
        services.session_restore(session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The session of %(date)s takes place again.") % {"date": short_date(session)}
        )
    return redirect("activities:session", session.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def session_move(request, session_id: int):
    """Change the date or time of one session."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_id)
    form = SessionMoveForm(
        request.POST or None,
        initial={
            "date": session.date,
            "start_time": session.start_time,
            "end_time": session.end_time,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.session_move(session=session, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The session has been moved."))
            return redirect("activities:session", moved.pk)
    return render(request, "activities/session_move.html", {"session": session, "form": form})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def session_attendance(request, session_id: int):
    """Record how many came, by age band and target group (counts only, never names)."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_id)
    initial = [
        {"age_band": row.age_band, "target_group": row.target_group, "count": row.count}
        for row in session.attendance.order_by("age_band", "target_group")
    ]
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="attendance")
    if request.method == "POST" and formset.is_valid():
        try:
            services.attendance_record(session=session, rows=formset.rows())
        except ApplicationError as error:
            formset.non_form_errors().append(error.message)
        else:
            messages.success(request, _("The attendance has been saved."))
            return redirect("activities:session", session.pk)
    return render(request, "activities/attendance.html", {"session": session, "formset": formset})


@allow(CENTRE_STAFF)
@require_GET
def session_signups_export(request, session_id: int):
    """The people signed up for a session, as an Excel or CSV file (the download is audited)."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_id)
    signups = list(selectors.session_signups(session))
    services.session_signups_exported(actor=request.user, session=session, count=len(signups))
    export = signups_export_file(
        session, signups, file_format=request.GET.get("format", exports.EXCEL)
    )
    return export.response()


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def session_signup_withdraw(request, signup_id: int):
    """Ask, then take someone off a session; the first on the waiting list moves up."""
    signup = get_object_or_404(
        SessionSignup.objects.select_related("session__activity"), pk=signup_id
    )
    if request.method == "POST":
        try:
            moved = services.session_signup_withdraw(actor=request.user, signup=signup)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            message = _("%(name)s is taken off the list.") % {"name": signup.name}
            if moved:
                message += " " + _(
                    "%(name)s moved up from the waiting list and gets an e-mail."
                ) % {"name": ", ".join(other.name for other in moved)}
            messages.success(request, message)
        return redirect("activities:session", signup.session_id)
    return render(request, "activities/signup_withdraw.html", {"signup": signup})
