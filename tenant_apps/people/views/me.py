"""A volunteer's own profile: contact details, languages, skills, areas, availability and
consents. Only the record linked to the signed-in account (Volunteer.account_user_id)."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS
from tenant_apps.people import selectors, services
from tenant_apps.people.forms import VolunteerSelfForm, grid
from tenant_apps.people.views.consents import OWN_CONSENTS
from toolkit.errors import ApplicationError, form_add_error


def _own_record(view):
    """Hand the view the volunteer record of the signed-in account; without one, a page
    that says so (404)."""

    @functools.wraps(view)
    def with_record(request, *args, **kwargs):
        volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
        if volunteer is None:
            return render(request, "people/me_missing.html", status=404)
        return view(request, volunteer, *args, **kwargs)

    return with_record


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
@_own_record
def me(request, volunteer):
    """Your own volunteer profile."""
    form = VolunteerSelfForm(
        request.POST or None,
        volunteer=volunteer,
        initial=VolunteerSelfForm.initial_for(volunteer),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(actor=request.user, volunteer=volunteer, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("people:me")
    return render(
        request,
        "people/me.html",
        {
            "volunteer": volunteer,
            "form": form,
            "availability": grid(form["availability"]),
            "missing": selectors.missing_consents(volunteer),
        },
    )


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
@_own_record
def me_consents(request, volunteer):
    """Your consents: what you have agreed to, and agreeing to more."""
    return OWN_CONSENTS.consents(request, volunteer)


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
@_own_record
def me_consent_withdraw(request, volunteer, consent_id: int):
    """Ask, then withdraw one of your own consents."""
    return OWN_CONSENTS.withdraw(request, person_id=volunteer.pk, consent_id=consent_id)
