"""The hours pages: a volunteer's own hours and log form; coordinators' approval list, bulk
logging for a session, totals and export."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.activities.models import Session, ShiftSignup
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.hours import services
from tenant_apps.hours.actors import hours_actor, own_volunteer
from tenant_apps.hours.export import hours_csv, hours_xlsx
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
    hours_total_for_volunteer,
    hours_totals,
)
from tenant_apps.people.models import Volunteer

PAGE_SIZE = 50
RECENT_SESSION_DAYS = 14


def _add_errors(form, error: services.HoursInvalid) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _page(request, entries):
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@allow(CENTRE_MEMBERS)
def hours_list(request):
    """Volunteers: their own hours. Coordinators: everyone's, waiting ones first to approve."""
    actor = hours_actor(request)
    if actor.is_coordinator:
        return _coordinator_list(request)
    volunteer = own_volunteer(request)
    context = {"volunteer": volunteer}
    if volunteer is not None:
        today = timezone.localdate()
        page, query = _page(request, hours_entries(volunteer_id=volunteer.pk))
        context.update(
            page=page,
            filter_query=query,
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
    if not any(key in data for key in HoursFilterForm.base_fields):
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
    page, query = _page(request, entries)
    today = timezone.localdate()
    recent_sessions = (
        Session.objects.filter(
            date__range=(today - datetime.timedelta(days=RECENT_SESSION_DAYS), today),
            is_cancelled=False,
        )
        .select_related("activity")
        .order_by("-date", "-start_time", "id")[:10]
    )
    return render(
        request,
        "hours/coordinator_list.html",
        {
            "form": form,
            "page": page,
            "filter_query": query,
            "recent_sessions": recent_sessions,
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
    except services.HoursInvalid as error:
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
    volunteer = None if actor.is_coordinator else own_volunteer(request)
    if not actor.is_coordinator and volunteer is None:
        return render(request, "hours/not_a_volunteer.html", status=200)
    form = HoursEntryForm(
        request.POST or None,
        is_coordinator=actor.is_coordinator,
        own_volunteer_id=getattr(volunteer, "pk", None),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.hours_log(
                volunteer=data.get("volunteer", volunteer),
                category=data["category"],
                date=data["date"],
                hours=data["hours"],
                activity=data["activity"],
                assignment=data["assignment"],
                description=data["description"],
                actor=actor,
                approve=data.get("approve", False),
            )
        except services.HoursInvalid as error:
            _add_errors(form, error)
        except services.HoursNotAllowed as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your hours have been logged."))
            return redirect("hours:list")
    return render(request, "hours/entry_form.html", {"form": form, "entry": None})


def _changeable_entry(request, entry_id: int) -> HoursEntry:
    """The entry, if this person may see it: staff any, a volunteer only their own."""
    entry = get_object_or_404(
        HoursEntry.objects.select_related("volunteer", "category", "activity"), pk=entry_id
    )
    if not hours_actor(request).is_coordinator:
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
    locked = not actor.is_coordinator and entry.status != HoursEntry.Status.SUBMITTED
    form = HoursEntryForm(
        request.POST or None,
        is_coordinator=actor.is_coordinator,
        own_volunteer_id=entry.volunteer_id,
        entry=entry,
    )
    if request.method == "POST" and not locked and form.is_valid():
        data = form.cleaned_data
        try:
            services.hours_update(
                entry=entry,
                actor=actor,
                category=data["category"],
                date=data["date"],
                hours=data["hours"],
                activity=data["activity"],
                assignment=data["assignment"],
                description=data["description"],
            )
        except services.HoursInvalid as error:
            _add_errors(form, error)
        except services.HoursNotAllowed as error:
            form.add_error(None, error.message)
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
    locked = not actor.is_coordinator and entry.status != HoursEntry.Status.SUBMITTED
    if request.method == "POST" and not locked:
        try:
            services.hours_delete(entry=entry, actor=actor)
        except services.HoursNotAllowed as error:
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
    session = get_object_or_404(Session.objects.select_related("activity__category"), pk=session_id)
    volunteers = list(
        Volunteer.objects.filter(
            shift_signups__shift__session=session,
            shift_signups__status=ShiftSignup.Status.CONFIRMED,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )
    logged = dict(
        HoursEntry.objects.filter(session=session, volunteer__isnull=False)
        .exclude(status=HoursEntry.Status.REJECTED)
        .values_list("volunteer_id", "hours")
    )
    starts = datetime.datetime.combine(session.date, session.start_time)
    duration = datetime.datetime.combine(session.date, session.end_time) - starts
    default_hours = round(duration.total_seconds() / 3600, 2) or None
    form = SessionHoursForm(
        request.POST or None, volunteers=volunteers, default_hours=default_hours, logged=logged
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
        except services.HoursInvalid as error:
            _add_errors(form, error)
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


def _years() -> list[int]:
    this_year = timezone.localdate().year
    first = HoursEntry.objects.aggregate(first=Min("date"))["first"]
    start = min(first.year, this_year) if first else this_year
    return list(range(this_year, start - 1, -1))


@allow(CENTRE_STAFF)
def hours_totals_page(request):
    """Hours of a year by category, activity, volunteer and month (coordinators)."""
    years = _years()
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
    file_format = form.cleaned_data["format"] or "xlsx"
    make = hours_csv if file_format == "csv" else hours_xlsx
    export = make(centre_slug=request.centre.slug, date_from=date_from, date_to=date_to)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEWED,
        subject_type="hours_export",
        summary=f"{date_from.isoformat()}–{date_to.isoformat()} {file_format}",
    )
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
