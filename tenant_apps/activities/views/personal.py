"""The signed-in volunteer's shifts to take, their own shifts (list, week, month) and calendar
address, and the calendar feeds (public: the secret token in the address is the only key)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shared_apps.accounts.access import allow, public
from shared_apps.accounts.roles import CENTRE_MEMBERS
from tenant_apps.activities import agenda, calendars, selectors, services
from tenant_apps.activities.forms import OpenShiftFilterForm
from tenant_apps.activities.models import Activity
from tenant_apps.activities.views.common import next_url, own_volunteer
from tenant_apps.people.models import Volunteer
from toolkit.pagination import paginate

OPEN_SHIFTS_PAGE = 25


@allow(CENTRE_MEMBERS)
@require_GET
def open_shifts(request):
    """Coming shifts with free places in public, running activities, filtered by date,
    activity and place; each with a button to sign up (or your place on it)."""
    today = selectors.centre_today()
    form = OpenShiftFilterForm(
        request.GET,
        activities=selectors.open_shift_activities(),
        places=selectors.open_shift_places(),
        today=today,
    )
    page = paginate(request, selectors.open_shifts(**form.filters()), per_page=OPEN_SHIFTS_PAGE)
    shifts = list(page.object_list)
    volunteer = own_volunteer(request)
    own = []
    if volunteer is not None and shifts:
        own = list(
            selectors.volunteer_signups_in(
                volunteer=volunteer, sessions={shift.session_id for shift in shifts}
            ).select_related("shift")
        )
    own_by_shift = {signup.shift_id: signup for signup in own}
    # One shift per session: a volunteer on another shift of the session cannot take this one.
    busy_sessions = {signup.shift.session_id for signup in own}
    for shift in shifts:
        shift.own_signup = own_by_shift.get(shift.pk)
        shift.has_other_in_session = shift.own_signup is None and shift.session_id in busy_sessions
    return render(
        request,
        "activities/open_shifts.html",
        {"form": form, "page": page, "volunteer": volunteer, "shifts": shifts},
    )


@allow(CENTRE_MEMBERS)
@require_GET
def my_shifts(request):
    """Your shifts: the coming ones as a list (with your place in the queue), or a week or a
    month of them; and your calendar address to subscribe to."""
    volunteer = own_volunteer(request)
    today = selectors.centre_today()
    layout = request.GET.get("view", agenda.LIST)
    if layout not in agenda.LAYOUTS:
        layout = agenda.LIST
    day = agenda.chosen_day(request.GET.get("day", ""), today=today)
    context = {"volunteer": volunteer, "layout": layout, "today": today, "signups": []}
    if layout == agenda.WEEK:
        monday, sunday = agenda.week_range(day)
        context.update(
            week_start=monday,
            week_end=sunday,
            previous_day=monday - timedelta(days=7),
            next_day=monday + timedelta(days=7),
        )
        signups = _own_shifts_between(volunteer, monday, sunday)
        context["days"] = agenda.week_days(monday, signups, today=today)
        context["has_shifts"] = bool(signups)
    elif layout == agenda.MONTH:
        grid = agenda.month_grid_dates(day)
        signups = _own_shifts_between(volunteer, grid[0][0], grid[-1][-1])
        context.update(
            month=agenda.month_start(day),
            previous_day=agenda.previous_month(day),
            next_day=agenda.next_month(day),
            weeks=agenda.month_weeks(grid, signups, month=day.month, today=today),
            has_shifts=bool(signups),
        )
    elif volunteer is not None:
        signups = list(selectors.volunteer_upcoming_shifts(volunteer=volunteer))
        positions = selectors.waiting_positions(signups)
        for signup in signups:
            signup.waiting_position = positions.get(signup.pk)
        context["signups"] = signups
    context.update(_calendar_addresses(request, volunteer))
    response = render(request, "activities/my_shifts.html", context)
    add_never_cache_headers(response)  # the calendar address is a secret
    return response


def _own_shifts_between(volunteer: Volunteer | None, start, end) -> list:
    if volunteer is None:
        return []
    return list(selectors.volunteer_shifts_between(volunteer=volunteer, start=start, end=end))


def _calendar_addresses(request, volunteer: Volunteer | None) -> dict:
    """The volunteer's feed as an https address to copy and a webcal:// link, which calendar
    apps open as a subscription."""
    if volunteer is None or not volunteer.calendar_token:
        return {"calendar_url": "", "webcal_url": ""}
    calendar_url = request.build_absolute_uri(
        reverse("activities:volunteer_feed", args=[volunteer.calendar_token])
    )
    return {"calendar_url": calendar_url, "webcal_url": "webcal://" + calendar_url.split("://")[1]}


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """Your personal calendar address (secret): see it, make it, or make a new one."""
    volunteer = own_volunteer(request)
    if request.method == "POST" and volunteer is not None:
        had_one = bool(volunteer.calendar_token)
        services.volunteer_calendar_token(volunteer=volunteer, reset=True)
        if had_one:
            messages.success(
                request, _("You have a new calendar address. The old one no longer works.")
            )
        else:
            messages.success(request, _("Your calendar address is ready."))
        return redirect(next_url(request, reverse("activities:my_calendar")))
    response = render(
        request,
        "activities/my_calendar.html",
        {"volunteer": volunteer, **_calendar_addresses(request, volunteer)},
    )
    add_never_cache_headers(response)  # the address is a secret
    return response


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@public
@require_GET
def volunteer_feed(request, token: str):
    """A volunteer's confirmed shifts, for calendar apps. Unknown token: 404."""
    volunteer = get_object_or_404(Volunteer, calendar_token=token)
    return _ics(calendars.volunteer_feed(volunteer, host=request.get_host()), "shifts.ics")


@public
@require_GET
def activity_feed(request, token: str):
    """An activity's sessions, for calendar apps. Unknown token: 404."""
    activity = get_object_or_404(Activity, calendar_token=token)
    return _ics(calendars.activity_feed(activity, host=request.get_host()), "activity.ics")
