"""Giving and withdrawing consents: the same two pages for every kind of person.

Coordinators record a volunteer's or a participant's consents; a volunteer gives and
withdraws their own. The pages differ only in whose consents they are, their words and
their templates. Each view still declares its own access policy and finds the person
itself, then hands over to one of the `ConsentPages` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from tenant_apps.people import selectors, services
from tenant_apps.people.forms import ConsentGiveForm, OwnConsentGiveForm
from tenant_apps.people.models import Consent, Participant, Volunteer
from toolkit.errors import ApplicationError, form_add_error


@dataclass(frozen=True)
class ConsentPages:
    """The consents page and the withdraw page of one kind of person, for one audience."""

    kind: str  # "volunteer" or "participant": whose consent, and the service's keyword
    url_name: str  # the consents page, where both pages return
    template: str
    withdraw_template: str
    given_message: str
    withdrawn_message: str
    form_class: type[forms.Form] = ConsentGiveForm
    # Staff pages name the person in their URLs; a volunteer's own pages do not.
    by_staff: bool = True
    back_url_name: str = ""
    withdraw_url_name: str = ""

    def _back(self, person_id: int) -> HttpResponse:
        if self.by_staff:
            return redirect(self.url_name, **{f"{self.kind}_id": person_id})
        return redirect(self.url_name)

    def consents(self, request: HttpRequest, person: Volunteer | Participant) -> HttpResponse:
        """The person's consents given and withdrawn, what is missing; record one."""
        form = self.form_class(request.POST or None, initial={"given_on": selectors.today()})
        if request.method == "POST" and form.is_valid():
            try:
                consent = services.consent_give(
                    actor=request.user,
                    purpose=form.cleaned_data["purpose"],
                    given_on=form.cleaned_data.get("given_on"),
                    **{self.kind: person},
                )
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                messages.success(
                    request, self.given_message % {"purpose": consent.get_purpose_display()}
                )
                return self._back(person.pk)
        return render(
            request,
            self.template,
            {
                "person": person,
                "consents": person.consents.all(),
                "missing": selectors.missing_consents(person),
                "form": form,
                "back_url_name": self.back_url_name,
                "withdraw_url_name": self.withdraw_url_name,
            },
        )

    def withdraw(self, request: HttpRequest, *, person_id: int, consent_id: int) -> HttpResponse:
        """Ask, then record that the person withdrew one of their consents."""
        consent = selectors.consent_of(consent_id=consent_id, kind=self.kind, person_id=person_id)
        if consent is None:
            raise Http404
        if request.method == "POST":
            try:
                services.consent_withdraw(actor=request.user, consent=consent)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, self.withdrawn_message % {"purpose": consent.get_purpose_display()}
                )
            return self._back(person_id)
        person = getattr(consent, self.kind)
        return render(
            request,
            self.withdraw_template,
            {
                "consent": consent,
                "person": person,
                "cancel_url_name": self.url_name,
                # Target groups are kept only with this consent (participants only).
                "clears_target_groups": consent.purpose == Consent.Purpose.TARGET_GROUPS
                and bool(getattr(person, "target_groups", None)),
            },
        )


def _staff_pages(kind: str) -> ConsentPages:
    """A coordinator's consent pages of a volunteer or a participant (named alike)."""
    return ConsentPages(
        kind=kind,
        url_name=f"people:{kind}_consents",
        template="people/consents.html",
        withdraw_template="people/consent_withdraw.html",
        given_message=_("Consent recorded: %(purpose)s."),
        withdrawn_message=_("Consent withdrawn: %(purpose)s."),
        back_url_name=f"people:{kind}_detail",
        withdraw_url_name=f"people:{kind}_consent_withdraw",
    )


VOLUNTEER_CONSENTS = _staff_pages("volunteer")
PARTICIPANT_CONSENTS = _staff_pages("participant")
OWN_CONSENTS = ConsentPages(
    kind="volunteer",
    url_name="people:me_consents",
    template="people/me_consents.html",
    withdraw_template="people/me_consent_withdraw.html",
    given_message=_("Thank you. You have agreed to: %(purpose)s."),
    withdrawn_message=_("You have withdrawn: %(purpose)s."),
    form_class=OwnConsentGiveForm,
    by_staff=False,
)
