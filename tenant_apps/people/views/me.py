"""A volunteer's own profile: contact details, languages, skills, areas, availability and
consents. Only the record linked to the signed-in account (Volunteer.account_user_id)."""

from __future__ import annotations

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


def _no_record(request):
    return render(request, "people/me_missing.html", status=404)


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def me(request):
    """Your own volunteer profile."""
    volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
    if volunteer is None:
        return _no_record(request)
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
def me_consents(request):
    """Your consents: what you have agreed to, and agreeing to more."""
    volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
    if volunteer is None:
        return _no_record(request)
    return OWN_CONSENTS.consents(request, volunteer)


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def me_consent_withdraw(request, consent_id: int):
    """Ask, then withdraw one of your own consents."""
    volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
    if volunteer is None:
        return _no_record(request)
    return OWN_CONSENTS.withdraw(request, person_id=volunteer.pk, consent_id=consent_id)
