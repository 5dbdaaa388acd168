"""The hours pages: a volunteer's own hours and log form; coordinators' approval list, bulk
logging for a session, totals and export."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.hours import services
from tenant_apps.hours.actors import hours_actor, own_volunteer
from tenant_apps.hours.forms import (
    ExportForm,
    HoursEntryForm,
    HoursFilterForm,
    SessionHoursForm,
    TotalsForm,
)
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.selectors import (
    hours_entries,
    hours_entry,
    hours_total_for_volunteer,
    hours_totals,
    hours_years,
    session_to_log,
    sessions_to_log,
)
from toolkit.errors import ApplicationError, form_add_error
from toolkit.exports import EXCEL
from toolkit.pagination import paginate

PAGE_SIZE = 50
RECENT_SESSION_DAYS = 14
RECENT_SESSION_LIMIT = 10


@allow(CENTRE_MEMBERS)
def hours_list(request):
    """Volunteers: their own hours. Coordinators: everyone's, waiting ones first to approve."""
    actor = hours_actor(request)
    if actor.is_staff:
        return _coordinator_list(request)
    volunteer = own_volunteer(request)
    context = {"volunteer": volunteer}
    if volunteer is not None:
        today = timezone.localdate()
        context.update(
            page=paginate(request, hours_entries(volunteer_id=volunteer.pk), per_page=PAGE_SIZE),
            year=today.year,
            year_totals=hours_total_for_volunteer(
                volunteer_id=volunteer.pk,
                date_from=datetime.date(today.year, 1, 1),
                date_to=datetime.date(today.year, 12, 31),
            ),
        )
    return render(request, "hours/own_list.html", context)


def _coordinator_list(request):
    data = request.GET.copy()
    is_filtered = any(key in data for key in HoursFilterForm.base_fields)
    if not is_filtered:
        data["status"] = HoursEntry.Status.SUBMITTED  # first: what waits for approval
    form = HoursFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {"status": HoursEntry.Status.SUBMITTED}
    entries = hours_entries(
        status=filters.get("status") or None,
        volunteer_id=getattr(filters.get("volunteer"), "pk", None),
        category_id=getattr(filters.get("category"), "pk", None),
        activity_id=getattr(filters.get("activity"), "pk", None),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return render(
        request,
        "hours/coordinator_list.html",
        {
            "form": form,
            "page": paginate(request, entries, per_page=PAGE_SIZE),
            "is_filtered": is_filtered,
            "recent_sessions": sessions_to_log(
                today=timezone.localdate(), days=RECENT_SESSION_DAYS, limit=RECENT_SESSION_LIMIT
            ),
            "next": request.get_full_path(),
        },
    )


@allow(CENTRE_STAFF)
@require_POST
def hours_decide(request):
    """Approve or reject the chosen entries (coordinators)."""
    actor = hours_actor(request)
    ids = [value for value in request.POST.getlist("entry") if value.isdigit()]
    action = request.POST.get("action")
    try:
        if action == "reject":
            count = services.hours_reject(entry_ids=ids, actor=actor)
            text = ngettext("%(count)d entry rejected.", "%(count)d entries rejected.", count)
        else:
            count = services.hours_approve(entry_ids=ids, actor=actor)
            text = ngettext("%(count)d entry approved.", "%(count)d entries approved.", count)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, text % {"count": count})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/hours/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("hours:list")


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def hours_log(request):
    """Log hours: your own, or (coordinators) anyone's."""
    actor = hours_actor(request)
    volunteer = None if actor.is_staff else own_volunteer(request)
    if not actor.is_staff and volunteer is None:
        return render(request, "hours/not_a_volunteer.html", status=200)
    form = HoursEntryForm(
        request.POST or None,
        is_staff=actor.is_staff,
        own_volunteer_id=getattr(volunteer, "pk", None),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.hours_log(
                volunteer=data.get("volunteer", volunteer),
                actor=actor,
                approve=data.get("approve", False),
                **form.entry_fields(),
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Your hours have been logged."))
            return redirect("hours:list")
    return render(request, "hours/entry_form.html", {"form": form, "entry": None})


def _changeable_entry(request, entry_id: int) -> HoursEntry:
    """The entry, if this person may see it: staff any, a volunteer only their own."""
    entry = hours_entry(entry_id)
    if entry is None:
        raise Http404
    if not hours_actor(request).is_staff:
        volunteer = own_volunteer(request)
        if volunteer is None or entry.volunteer_id != volunteer.pk:
            raise Http404
    return entry


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def hours_edit(request, entry_id: int):
    """Change an entry: your own while it waits for approval; staff any."""
    entry = _changeable_entry(request, entry_id)
    actor = hours_actor(request)
    locked = not actor.is_staff and entry.status != HoursEntry.Status.SUBMITTED
    form = HoursEntryForm(
        request.POST or None,
        is_staff=actor.is_staff,
        own_volunteer_id=entry.volunteer_id,
        entry=entry,
    )
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.hours_update(entry=entry, actor=actor, **form.entry_fields())
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The hours have been changed."))
            return redirect("hours:list")
    status = 403 if locked and request.method == "POST" else 200
    return render(
        request,
        "hours/entry_form.html",
        {"form": form, "entry": entry, "locked": locked},
        status=status,
    )


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def hours_delete(request, entry_id: int):
    """Ask, then delete an entry: your own while it waits for approval; staff any."""
    entry = _changeable_entry(request, entry_id)
    actor = hours_actor(request)
    locked = not actor.is_staff and entry.status != HoursEntry.Status.SUBMITTED
    if request.method == "POST" and not locked:
        try:
            services.hours_delete(entry=entry, actor=actor)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The hours have been deleted."))
        return redirect("hours:list")
    status = 403 if locked and request.method == "POST" else 200
    return render(
        request, "hours/entry_delete.html", {"entry": entry, "locked": locked}, status=status
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def session_hours(request, session_id: int):
    """Log the hours of a session's confirmed volunteers at once (coordinators)."""
    to_log = session_to_log(session_id)
    if to_log is None:
        raise Http404
    session = to_log.session
    form = SessionHoursForm(
        request.POST or None,
        volunteers=to_log.volunteers,
        default_hours=to_log.default_hours,
        logged=to_log.logged,
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.hours_bulk_log_for_session(
                session=session,
                entries=form.entries(),
                actor=hours_actor(request),
                approve=form.cleaned_data["approve"],
                description=form.cleaned_data["description"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Hours logged for %(count)d volunteer.",
                    "Hours logged for %(count)d volunteers.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("hours:session", session_id=session.pk)
    return render(
        request,
        "hours/session.html",
        {"session": session, "form": form, "is_future": session.date > timezone.localdate()},
    )


@allow(CENTRE_STAFF)
def hours_totals_page(request):
    """Hours of a year by category, activity, volunteer and month (coordinators)."""
    years = hours_years(this_year=timezone.localdate().year)
    form = TotalsForm(request.GET or None, years=years, initial={"year": years[0]})
    year = years[0]
    include_submitted = False
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
        include_submitted = form.cleaned_data["include_submitted"]
    totals = hours_totals(
        date_from=datetime.date(year, 1, 1),
        date_to=datetime.date(year, 12, 31),
        include_submitted=include_submitted,
    )
    return render(request, "hours/totals.html", {"form": form, "totals": totals, "year": year})


@allow(CENTRE_STAFF)
def hours_export(request):
    """Download a month's (or a period's) hours as CSV or Excel; without a choice, ask."""
    form = ExportForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return render(request, "hours/export.html", {"form": form})
    date_from, date_to = form.cleaned_data["period"]
    export = services.hours_export(
        actor=request.user,
        centre_slug=request.centre.slug,
        date_from=date_from,
        date_to=date_to,
        file_format=form.cleaned_data["format"] or EXCEL,
    )
    response = export.response()
    response["Cache-Control"] = "no-store"
    return response
