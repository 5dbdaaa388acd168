"""Pages of events: the public list, an event's page with its registration form and stand
map; the staff's events, registrations and exports."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow, public
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.events import export, selectors, services
from tenant_apps.events.forms import EventForm, RegistrationForm, StandGridForm
from tenant_apps.events.models import Event, Registration
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate
from toolkit.ratelimit import rate_limit_exceeded

# --- Public ---------------------------------------------------------------------------------


@public
def event_list(request):
    """Coming public events."""
    page = paginate(request, selectors.public_events(), per_page=20)
    return render(request, "events/list.html", {"page": page})


def _registration_form(event, data=None):
    has_stands = event.kind == Event.Kind.FAIR and event.stand_count > 0
    return RegistrationForm(
        data,
        associations=selectors.registering_associations() if has_stands else (),
        stands=selectors.free_stands(event) if has_stands else (),
        has_stands=has_stands,
    )


@public
@require_http_methods(["GET", "POST"])
def detail(request, event_id: int):
    """An event: what, when, where, places left, the stand map, and the registration form."""
    event = selectors.public_event(event_id)
    if event is None:
        raise Http404
    is_open = event.is_registration_open and event.starts_at > timezone.now()
    form = _registration_form(event, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        if data["nickname"]:
            # A robot filled in the hidden field: it is told all went well, nothing is kept.
            return redirect("events:registered", event.pk)
        if rate_limit_exceeded(request, scope=f"event_register:{event.pk}"):
            form.add_error(
                None,
                _("Too many registrations were sent from your address. Try again in an hour."),
            )
            status = 429
        else:
            association = None
            if data.get("association"):
                association = (
                    selectors.registering_associations().filter(pk=data["association"]).first()
                )
            try:
                services.event_register(
                    event=event,
                    kind=data.get("kind") or Registration.Kind.PERSON,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    places=data.get("places") or 1,
                    association=association,
                    stand_id=int(data["stand"]) if data.get("stand") else None,
                    language=get_language(),
                )
            except ApplicationError as error:
                form_add_error(form, error)
                status = error.http_status
            else:
                return redirect("events:registered", event.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "is_open": is_open,
            "places_left": selectors.places_left(event),
            "stand_rows": selectors.stand_map(event, for_public=True),
            "form": form,
        },
        status=status,
    )


@public
def registered(request, event_id: int):
    """Thanks for registering."""
    event = selectors.public_event(event_id)
    if event is None:
        raise Http404
    return render(request, "events/registered.html", {"event": event})


# --- Staff ----------------------------------------------------------------------------------


@allow(CENTRE_STAFF)
def staff_list(request):
    """Every event with its registrations and places left."""
    page = paginate(request, selectors.staff_events())
    return render(request, "events/staff_list.html", {"page": page})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_new(request):
    """Make an event."""
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, details=form.details())
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The event was made."))
            return redirect("events:staff_detail", event.pk)
    return render(request, "events/staff_new.html", {"form": form})


def _staff_event(event_id: int) -> Event:
    event = selectors.staff_event(event_id)
    if event is None:
        raise Http404
    return event


def _staff_page(request, event, *, form=None, grid_form=None, status=200):
    services.registrations_viewed(actor=request.user, event=event)
    rows = max((stand.row for stand in event.stands.all()), default=0)
    columns = max((stand.column for stand in event.stands.all()), default=0)
    return render(
        request,
        "events/staff_detail.html",
        {
            "event": event,
            "form": form or EventForm(initial=EventForm.initial_of(event)),
            "grid_form": grid_form or StandGridForm(initial={"rows": rows, "columns": columns}),
            "registrations": selectors.registrations_of(event),
            "places_left": selectors.places_left(event),
            "stand_rows": selectors.stand_map(event, for_public=False),
        },
        status=status,
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_detail(request, event_id: int):
    """An event: change it, lay out its stands, see who registered (viewing is audited)."""
    event = _staff_event(event_id)
    if request.method != "POST":
        return _staff_page(request, event)
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, details=form.details())
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:staff_detail", event.pk)
    return _staff_page(request, event, form=form, status=400)


@allow(CENTRE_STAFF)
@require_POST
def staff_stands(request, event_id: int):
    """Lay out the fair's stands as a grid."""
    event = _staff_event(event_id)
    form = StandGridForm(request.POST)
    if form.is_valid():
        try:
            services.event_stands_set(
                actor=request.user,
                event=event,
                rows=form.cleaned_data["rows"],
                columns=form.cleaned_data["columns"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The stands were saved."))
            return redirect("events:staff_detail", event.pk)
    return _staff_page(request, event, grid_form=form, status=400)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_registration_remove(request, event_id: int, registration_id: int):
    """Ask, then take a registration off the list."""
    event = _staff_event(event_id)
    registration = event.registrations.filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    if request.method == "POST":
        services.registration_remove(actor=request.user, registration=registration)
        messages.success(
            request, _("%(name)s was taken off the list.") % {"name": registration.name}
        )
        return redirect("events:staff_detail", event.pk)
    return render(
        request,
        "events/staff_registration_remove.html",
        {"event": event, "registration": registration},
    )


@allow(CENTRE_STAFF)
def staff_export(request, event_id: int, file_format: str):
    """The registrations as CSV or Excel (the export is audited)."""
    event = _staff_event(event_id)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    services.registrations_viewed(actor=request.user, event=event, exported=file_format)
    made = export.registrations_csv if file_format == "csv" else export.registrations_xlsx
    return made(event).response()
