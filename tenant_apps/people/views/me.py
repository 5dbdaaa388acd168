"""A volunteer's own profile: contact details, languages, skills, areas, availability and
consents. Only the record linked to the signed-in account (Volunteer.account_user_id)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MEMBERS
from tenant_apps.people import selectors, services
from tenant_apps.people.forms import OwnConsentGiveForm, VolunteerSelfForm, grid
from tenant_apps.people.models import Consent
from tenant_apps.people.views.common import add_error
from toolkit.errors import ApplicationError


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
            add_error(form, error)
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
    form = OwnConsentGiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_give(
                actor=request.user, volunteer=volunteer, purpose=form.cleaned_data["purpose"]
            )
        except ApplicationError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. You have agreed to: %(purpose)s.")
                % {"purpose": consent.get_purpose_display()},
            )
            return redirect("people:me_consents")
    return render(
        request,
        "people/me_consents.html",
        {
            "volunteer": volunteer,
            "consents": volunteer.consents.all(),
            "missing": selectors.missing_consents(volunteer),
            "form": form,
        },
    )


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def me_consent_withdraw(request, consent_id: int):
    """Ask, then withdraw one of your own consents."""
    volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
    if volunteer is None:
        return _no_record(request)
    consent = get_object_or_404(Consent, pk=consent_id, volunteer_id=volunteer.pk)
    if request.method == "POST":
        try:
            services.consent_withdraw(actor=request.user, consent=consent)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("You have withdrawn: %(purpose)s.") % {"purpose": consent.get_purpose_display()},
            )
        return redirect("people:me_consents")
    return render(request, "people/me_consent_withdraw.html", {"consent": consent})
