"""Coordinators' pages for participants: list, register, view, change and consents."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.people import selectors, services
from tenant_apps.people.forms import ParticipantFilterForm, ParticipantForm
from tenant_apps.people.models import Consent, Participant
from tenant_apps.people.views.consents import PARTICIPANT_CONSENTS
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate


def _participant(participant_id: int) -> Participant:
    participant = selectors.participant_detail(participant_id=participant_id)
    if participant is None:
        raise Http404
    return participant


@allow(CENTRE_STAFF)
def participant_list(request):
    """Participants, filtered by a search, age band or area, a page at a time."""
    form = ParticipantFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    participants = selectors.participant_list(
        search=filters.get("q", ""),
        age_band=filters.get("age_band", ""),
        area=filters.get("area"),
    )
    page = paginate(request, participants)
    rows = [(participant, selectors.missing_consents(participant)) for participant in page]
    return render(
        request,
        "people/participant_list.html",
        {"form": form, "page": page, "rows": rows},
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def participant_create(request):
    """Register a participant, with the consents they give now."""
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a participant.") % {"name": participant}
            )
            return redirect("people:participant_detail", participant_id=participant.pk)
    return render(request, "people/participant_form.html", {"form": form, "participant": None})


@allow(CENTRE_STAFF)
def participant_detail(request, participant_id: int):
    """What the centre keeps about one participant (viewing it is audited)."""
    participant = services.participant_detail_view(
        actor=request.user, participant_id=participant_id
    )
    if participant is None:
        raise Http404
    return render(
        request,
        "people/participant_detail.html",
        {
            "participant": participant,
            "missing": selectors.missing_consents(participant),
            "may_record_target_groups": selectors.has_active_consent(
                participant, Consent.Purpose.TARGET_GROUPS
            ),
        },
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def participant_edit(request, participant_id: int):
    """Change a participant's details (target groups only with their consent)."""
    participant = _participant(participant_id)
    form = ParticipantForm(
        request.POST or None,
        participant=participant,
        initial=ParticipantForm.initial_for(participant),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:participant_detail", participant_id=participant.pk)
    return render(
        request,
        "people/participant_form.html",
        {
            "form": form,
            "participant": participant,
            "may_record_target_groups": selectors.has_active_consent(
                participant, Consent.Purpose.TARGET_GROUPS
            ),
        },
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def participant_consents(request, participant_id: int):
    """A participant's consents: given, withdrawn and missing; record one."""
    return PARTICIPANT_CONSENTS.consents(request, _participant(participant_id))


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def participant_consent_withdraw(request, participant_id: int, consent_id: int):
    """Ask, then record that a participant withdrew a consent."""
    return PARTICIPANT_CONSENTS.withdraw(request, person_id=participant_id, consent_id=consent_id)
