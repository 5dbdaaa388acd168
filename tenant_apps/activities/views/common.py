"""What the activity pages share: who is asking, what they may see."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme

from shared_apps.accounts.access import Policy, Verdict, decide
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.activities import selectors
from tenant_apps.activities.models import Activity, Session
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import volunteer_of_account

PAGE_SIZE = 50
STAFF_POLICY = Policy(roles=CENTRE_STAFF)


def is_staff(request: HttpRequest) -> bool:
    """Whether the signed-in person is a coordinator or manager here (and may act as one)."""
    cached = getattr(request, "_activities_is_staff", None)
    if cached is None:
        cached = decide(request, request.user, STAFF_POLICY) is Verdict.ALLOW
        request._activities_is_staff = cached
    return cached


def own_volunteer(request: HttpRequest) -> Volunteer | None:
    """The signed-in person's volunteer record at this centre, if they have one."""
    if not hasattr(request, "_activities_volunteer"):
        request._activities_volunteer = volunteer_of_account(user_id=request.user.pk)
    return request._activities_volunteer


def visible_activity(request: HttpRequest, activity_id: int) -> Activity:
    activities = selectors.activities_visible(include_hidden=is_staff(request))
    return get_object_or_404(activities, pk=activity_id)


def session_for(request: HttpRequest, session_id: int) -> Session:
    """The session with its shifts and sign-ups, if this person may see it (else 404)."""
    try:
        session = selectors.session_detail(session_id)
    except Session.DoesNotExist:
        raise Http404 from None
    activity = session.activity
    if is_staff(request) or (activity.is_public and activity.is_active):
        return session
    volunteer = own_volunteer(request)
    signed_up = volunteer is not None and any(
        signup.volunteer_id == volunteer.pk
        for shift in session.shifts.all()
        for signup in shift.signups.all()
    )
    if not signed_up:
        raise Http404
    return session


def next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def choice_label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def short_date(session: Session) -> str:
    return date_format(session.date, "SHORT_DATE_FORMAT")
