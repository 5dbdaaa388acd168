"""The activity pages: the list, one activity, adding, editing, planning sessions."""

from __future__ import annotations

from django.contrib import messages
from django.forms import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.activities import selectors, services
from tenant_apps.activities.forms import (
    ActivityCreateForm,
    ActivityForm,
    GenerateSessionsForm,
)
from tenant_apps.activities.models import Activity
from tenant_apps.activities.views.common import (
    PAGE_SIZE,
    is_staff,
    own_volunteer,
    visible_activity,
)
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate


@allow(CENTRE_MEMBERS)
@require_GET
def activity_list(request):
    """The centre's activities with their next session; coordinators also see unfilled shifts."""
    staff = is_staff(request)
    categories = list(selectors.activity_categories())
    category_code = request.GET.get("category", "")
    if category_code not in {category.code for category in categories}:
        category_code = ""
    activities = selectors.activity_list(include_hidden=staff, category_code=category_code)
    context = {
        "page": paginate(request, activities, per_page=PAGE_SIZE),
        "is_staff": staff,
        "categories": categories,
        "category_code": category_code,
    }
    if staff:
        context["unfilled"] = list(selectors.unfilled_shifts(days=14)[:20])
    return render(request, "activities/activity_list.html", context)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def activity_create(request):
    """Add an activity, with its sessions up to a date and a first shift on each if asked;
    without a date to plan up to, plan its sessions on the next page."""
    form = ActivityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            planned = services.activity_create_with_plan(**form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            activity = planned.activity
            if not planned.sessions and activity.last_date is None:
                messages.success(
                    request,
                    _("“%(name)s” has been added. Now plan its sessions.")
                    % {"name": activity.name},
                )
                return redirect("activities:generate", activity.pk)
            messages.success(request, _plan_message(planned))
            return redirect("activities:detail", activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


def _plan_message(planned: services.PlannedActivity) -> str:
    values = {
        "name": planned.activity.name,
        "count": len(planned.sessions),
        "role": planned.shifts[0].name if planned.shifts else "",
    }
    if planned.shifts:
        return (
            ngettext(
                "“%(name)s” has been added with %(count)s session, with the shift %(role)s.",
                "“%(name)s” has been added with %(count)s sessions, each with the shift %(role)s.",
                values["count"],
            )
            % values
        )
    return (
        ngettext(
            "“%(name)s” has been added with %(count)s session.",
            "“%(name)s” has been added with %(count)s sessions.",
            values["count"],
        )
        % values
    )


@allow(CENTRE_MEMBERS)
@require_GET
def activity_detail(request, activity_id: int):
    """An activity and its sessions of the coming weeks, with shifts and how full they are."""
    activity = visible_activity(request, activity_id)
    sessions = list(selectors.upcoming_sessions(activity=activity, weeks=8))
    volunteer = own_volunteer(request)
    own = {}
    if volunteer is not None:
        own = {
            signup.shift_id: signup
            for signup in selectors.volunteer_signups_in(volunteer=volunteer, sessions=sessions)
        }
    for session in sessions:
        for shift in session.shifts.all():
            shift.own_signup = own.get(shift.pk)
    if activity.takes_signups and is_staff(request):
        counts = selectors.signup_counts(sessions)
        for session in sessions:
            session.signups_confirmed, session.signups_waiting = counts.get(session.pk, (0, 0))
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "sessions": sessions,
            "is_staff": is_staff(request),
            "calendar_url": (
                request.build_absolute_uri(
                    reverse("activities:activity_feed", args=[activity.calendar_token])
                )
                if activity.calendar_token
                else ""
            ),
        },
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def activity_edit(request, activity_id: int):
    """Change an activity; new times move its coming sessions that kept the old times."""
    activity = get_object_or_404(Activity.objects.select_related("category"), pk=activity_id)
    form = ActivityForm(
        request.POST or None, initial=model_to_dict(activity, fields=ActivityForm._meta.fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, data=form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The activity has been saved."))
            return redirect("activities:detail", activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def activity_generate(request, activity_id: int):
    """Plan the activity's sessions from its recurrence, up to a chosen date."""
    activity = get_object_or_404(Activity, pk=activity_id)
    if request.method == "POST":
        form = GenerateSessionsForm(request.POST)
        if form.is_valid():
            try:
                created = services.sessions_generate(
                    activity=activity, until=form.cleaned_data["until"]
                )
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                if created:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s new session has been planned.",
                            "%(count)s new sessions have been planned.",
                            len(created),
                        )
                        % {"count": len(created)},
                    )
                else:
                    messages.info(request, _("Every session up to that date was planned already."))
                return redirect("activities:detail", activity.pk)
    else:
        form = GenerateSessionsForm.with_default(selectors.centre_today())
    return render(request, "activities/generate.html", {"form": form, "activity": activity})


@allow(CENTRE_STAFF)
@require_POST
def activity_calendar_reset(request, activity_id: int):
    """Make (or make a new) secret calendar address for the activity."""
    activity = get_object_or_404(Activity, pk=activity_id)
    had_one = bool(activity.calendar_token)
    services.activity_calendar_token(activity=activity, reset=True)
    if had_one:
        messages.success(
            request, _("The activity has a new calendar address; the old one no longer works.")
        )
    else:
        messages.success(request, _("The activity now has a calendar address."))
    return redirect("activities:detail", activity.pk)
