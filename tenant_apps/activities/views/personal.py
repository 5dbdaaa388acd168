"""The signed-in volunteer's own shifts and calendar address, and the calendar feeds
(public: the secret token in the address is the only key)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shared_apps.accounts.access import allow, public
from shared_apps.accounts.roles import CENTRE_MEMBERS
from tenant_apps.activities import calendars, selectors, services
from tenant_apps.activities.models import Activity
from tenant_apps.activities.views.common import (
    own_volunteer,
)
from tenant_apps.people.models import Volunteer


@allow(CENTRE_MEMBERS)
@require_GET
def my_shifts(request):
    """Your coming shifts, confirmed and waiting, with your place in the queue."""
    volunteer = own_volunteer(request)
    signups = []
    if volunteer is not None:
        signups = list(selectors.volunteer_upcoming_shifts(volunteer=volunteer))
        positions = selectors.waiting_positions(signups)
        for signup in signups:
            signup.waiting_position = positions.get(signup.pk)
    return render(
        request, "activities/my_shifts.html", {"volunteer": volunteer, "signups": signups}
    )


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
        return redirect("activities:my_calendar")
    calendar_url = ""
    if volunteer is not None and volunteer.calendar_token:
        calendar_url = request.build_absolute_uri(
            reverse("activities:volunteer_feed", args=[volunteer.calendar_token])
        )
    response = render(
        request,
        "activities/my_calendar.html",
        {"volunteer": volunteer, "calendar_url": calendar_url},
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
