"""Pages for one-to-one help: coordinators take, match and follow up requests; a volunteer
sees the requests they help with (without notes, and only what they need of the person)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.helprequests import selectors, services
from tenant_apps.helprequests.forms import (
    AssignForm,
    EndAssignmentForm,
    FollowUpNoteForm,
    HelpRequestFilterForm,
    HelpRequestForm,
    HelpRequestIntakeForm,
    RequestTypeCreateForm,
    RequestTypeForm,
    StatusForm,
)
from tenant_apps.helprequests.models import Assignment, HelpRequest, RequestType
from tenant_apps.people.models import Language
from tenant_apps.people.selectors import volunteer_of_account
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate

Status = HelpRequest.Status

# The button that moves a request from its status to another: (from, to) -> label.
STATUS_ACTIONS = {
    (Status.MATCHED, Status.ACTIVE): gettext_lazy("The help has started"),
    (Status.ACTIVE, Status.PAUSED): gettext_lazy("Pause"),
    (Status.PAUSED, Status.ACTIVE): gettext_lazy("Resume"),
}


def _show_errors(request, error: ApplicationError) -> None:
    messages.error(request, error.message)


def _help_request(help_request_id: int) -> HelpRequest:
    try:
        return selectors.help_request_detail(help_request_id)
    except HelpRequest.DoesNotExist:
        raise Http404 from None


@allow(CENTRE_STAFF)
def help_request_list(request):
    """Every help request, newest first, filtered by status, type and area."""
    form = HelpRequestFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    requests = selectors.help_request_list(
        status=filters.get("status", ""),
        request_type=filters.get("request_type"),
        area=filters.get("area"),
        source=filters.get("source", ""),
    )
    page = paginate(request, requests)
    services.help_request_list_record_viewed(actor=request.user)
    return render(request, "helprequests/list.html", {"form": form, "page": page})


@allow(CENTRE_MEMBERS)
def help_request_mine(request):
    """The requests the signed-in volunteer helps with now: no notes, little of the person."""
    volunteer = volunteer_of_account(user_id=request.user.pk)
    requests = []
    if volunteer is not None:
        requests = list(selectors.help_requests_assigned_to(volunteer))
        services.help_request_list_record_viewed(actor=request.user, assigned_to_me=True)
    return render(request, "helprequests/mine.html", {"volunteer": volunteer, "requests": requests})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def help_request_new(request):
    """Take a request for help, for someone registered or a new person."""
    form = HelpRequestIntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_participant = None
        if data["participant"] is None:
            new_participant = services.NewParticipant(
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                area=data["participant_area"],
                age_band=data["age_band"],
            )
        try:
            help_request = services.help_request_create(
                actor=request.user,
                request_type=data["request_type"],
                participant=data["participant"],
                new_participant=new_participant,
                description=data["description"],
                area=data["area"],
                languages=data["languages"],
                requires_certificate=data["requires_certificate"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The request has been registered."))
            return redirect("helprequests:detail", help_request_id=help_request.pk)
    has_types = form.fields["request_type"].queryset.exists()
    return render(request, "helprequests/new.html", {"form": form, "has_types": has_types})


def _lifecycle(help_request: HelpRequest) -> list[tuple[str, object]]:
    steps = [
        (pgettext("help request lifecycle", "Opened"), help_request.opened_at),
        (pgettext("help request lifecycle", "Matched"), help_request.matched_at),
        (pgettext("help request lifecycle", "Active since"), help_request.activated_at),
        (pgettext("help request lifecycle", "Paused"), help_request.paused_at),
        (pgettext("help request lifecycle", "Closed"), help_request.closed_at),
    ]
    return steps


def _status_actions(help_request: HelpRequest) -> list[tuple[str, str]]:
    # Closing is not among them: it has its own confirmation page (see help_request_close).
    return [
        (target, str(label))
        for (source, target), label in STATUS_ACTIONS.items()
        if source == help_request.status
    ]


@allow(CENTRE_STAFF)
def help_request_detail(request, help_request_id: int):
    """One request: the person, its lifecycle, who helps, notes and ranked suggestions."""
    help_request = _help_request(help_request_id)
    services.help_request_record_viewed(actor=request.user, help_request=help_request)
    assignments = list(help_request.assignments.all())
    current = next((item for item in assignments if item.ended_on is None), None)
    is_open = help_request.status != Status.CLOSED
    suggestions = selectors.suggested_volunteers(help_request) if is_open else []
    others = []
    if is_open:
        others = [
            volunteer
            for volunteer in selectors.assignable_volunteers()
            if current is None or volunteer.pk != current.volunteer_id
        ]
    return render(
        request,
        "helprequests/detail.html",
        {
            "help_request": help_request,
            "participant": help_request.participant,
            "lifecycle": _lifecycle(help_request),
            "languages": [str(Language(code).label) for code in help_request.languages],
            "current": current,
            "previous": [item for item in assignments if item.ended_on is not None],
            "notes": selectors.help_request_notes(help_request),
            "note_form": FollowUpNoteForm(),
            "suggestions": suggestions,
            "other_volunteers": others,
            "status_actions": _status_actions(help_request),
            "can_close": Status.CLOSED in services.TRANSITIONS[help_request.status],
            "is_open": is_open,
        },
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def help_request_edit(request, help_request_id: int):
    """Change a request's type, description, area, languages or certificate requirement."""
    help_request = _help_request(help_request_id)
    initial = {
        "request_type": help_request.request_type,
        "description": help_request.description,
        "area": help_request.area,
        "languages": help_request.languages,
        "requires_certificate": help_request.requires_certificate,
    }
    form = HelpRequestForm(
        request.POST or None,
        initial=initial,
        current_type=help_request.request_type,
        current_area=help_request.area,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.help_request_update(
                actor=request.user, help_request=help_request, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The request has been changed."))
            return redirect("helprequests:detail", help_request_id=help_request.pk)
    return render(request, "helprequests/edit.html", {"form": form, "help_request": help_request})


@allow(CENTRE_STAFF)
@require_POST
def help_request_status(request, help_request_id: int):
    """Move a request along its lifecycle."""
    help_request = get_object_or_404(HelpRequest, pk=help_request_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses."))
    elif form.cleaned_data["status"] == Status.CLOSED:
        # Closing ends the volunteer's help: it is confirmed on its own page first.
        return redirect("helprequests:close", help_request_id=help_request.pk)
    else:
        try:
            changed = services.help_request_change_status(
                actor=request.user, help_request=help_request, status=form.cleaned_data["status"]
            )
        except ApplicationError as error:
            _show_errors(request, error)
        else:
            messages.success(
                request,
                _("The request is now “%(status)s”.") % {"status": changed.get_status_display()},
            )
    return redirect("helprequests:detail", help_request_id=help_request.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def help_request_close(request, help_request_id: int):
    """Confirm, then close a request: the volunteer's help with it ends today."""
    help_request = _help_request(help_request_id)
    if request.method == "POST":
        try:
            services.help_request_change_status(
                actor=request.user, help_request=help_request, status=Status.CLOSED
            )
        except ApplicationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The request is closed. You can reopen it from this page."))
        return redirect("helprequests:detail", help_request_id=help_request.pk)
    return render(
        request,
        "helprequests/close.html",
        {
            "help_request": help_request,
            "current": selectors.current_assignment(help_request),
            "can_close": Status.CLOSED in services.TRANSITIONS[help_request.status],
        },
    )


@allow(CENTRE_STAFF)
@require_POST
def help_request_reopen(request, help_request_id: int):
    """Reopen a closed request; it waits for a volunteer again."""
    help_request = get_object_or_404(HelpRequest, pk=help_request_id)
    try:
        services.help_request_reopen(actor=request.user, help_request=help_request)
    except ApplicationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The request is open again. Assign a volunteer to it."))
    return redirect("helprequests:detail", help_request_id=help_request.pk)


@allow(CENTRE_STAFF)
@require_POST
def help_request_assign(request, help_request_id: int):
    """Assign a volunteer (from the suggestions or picked by hand) to a request. When
    someone else helps now, the page first says who stops and asks to confirm."""
    help_request = get_object_or_404(HelpRequest, pk=help_request_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a volunteer."))
        return redirect("helprequests:detail", help_request_id=help_request.pk)
    volunteer = selectors.volunteer_by_id(form.cleaned_data["volunteer"])
    if volunteer is None:
        messages.error(request, _("This volunteer does not exist (any longer)."))
        return redirect("helprequests:detail", help_request_id=help_request.pk)
    current = selectors.current_assignment(help_request)
    replaces = current is not None and current.volunteer_id != volunteer.pk
    if replaces and not form.cleaned_data["confirm"]:
        return render(
            request,
            "helprequests/assign_confirm.html",
            {
                "help_request": help_request,
                "current": current,
                "volunteer": volunteer,
                "reason": form.cleaned_data["reason"],
            },
        )
    try:
        services.assign_volunteer(
            help_request=help_request,
            volunteer=volunteer,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s now helps with this request.") % {"name": volunteer.full_name},
        )
    return redirect("helprequests:detail", help_request_id=help_request.pk)


@allow(CENTRE_STAFF)
@require_POST
def assignment_end(request, help_request_id: int, assignment_id: int):
    """End a volunteer's help with a request."""
    assignment = get_object_or_404(Assignment, pk=assignment_id, help_request_id=help_request_id)
    form = EndAssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        try:
            services.end_assignment(
                assignment=assignment, actor=request.user, ended_on=form.cleaned_data["ended_on"]
            )
        except ApplicationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The assignment has ended."))
    return redirect("helprequests:detail", help_request_id=help_request_id)


@allow(CENTRE_STAFF)
@require_POST
def note_add(request, help_request_id: int):
    """Add a follow-up note (coordinators and managers only)."""
    help_request = get_object_or_404(HelpRequest, pk=help_request_id)
    form = FollowUpNoteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            services.follow_up_note_add(
                help_request=help_request, actor=request.user, text=form.cleaned_data["text"]
            )
        except ApplicationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The note has been added."))
    return redirect("helprequests:detail", help_request_id=help_request.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def request_type_list(request):
    """The centre's types of help; add a new one."""
    form = RequestTypeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_type = services.request_type_create(
                name=form.cleaned_data["name"], code=form.cleaned_data["code"]
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": request_type.name})
            return redirect("helprequests:types")
    return render(
        request,
        "helprequests/types.html",
        {"form": form, "types": selectors.request_types(include_unused=True)},
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def request_type_edit(request, request_type_id: int):
    """Rename, reorder or retire a type of help."""
    request_type = get_object_or_404(RequestType, pk=request_type_id)
    form = RequestTypeForm(
        request.POST or None,
        initial={
            "name": request_type.name,
            "position": request_type.position,
            "is_active": request_type.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.request_type_update(request_type=request_type, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": request_type.name})
            return redirect("helprequests:types")
    return render(
        request, "helprequests/type_edit.html", {"form": form, "request_type": request_type}
    )
