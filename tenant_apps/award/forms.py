"""Forms of the award pages: they parse input; the rules are in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.phones import centre_phone_region
from toolkit.forms import PhoneNumberField
from toolkit.publicforms import PublicForm, consent_field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AwardRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the site with the nomination form: who can be nominated, and how."),
    )
    opens_on = forms.DateField(label=_("Nominations open"), widget=DateInput)
    closes_on = forms.DateField(label=_("Nominations close"), widget=DateInput)


class NominationForm(PublicForm):
    """A visitor nominating someone for the award."""

    nominee_name = forms.CharField(label=_("Who do you nominate?"), max_length=200)
    nominee_contact = forms.CharField(
        label=_("How can we reach them? (optional)"),
        required=False,
        max_length=200,
        help_text=_("A phone number, an e-mail address or the association they are part of."),
    )
    reason = forms.CharField(
        label=_("Why do they deserve the award?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    nominator_name = forms.CharField(label=_("Your name"), max_length=200)
    nominator_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send a confirmation here, and may ask you for more."),
    )
    nominator_phone = PhoneNumberField(label=_("Your phone (optional)"), required=False)
    consent = consent_field(
        _(
            "I agree that the centre keeps this nomination and my contact details until the "
            "award is given."
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominator_phone"].region = centre_phone_region()
        self.fields["nominator_name"].widget.attrs["autocomplete"] = "name"
        self.fields["nominator_email"].widget.attrs["autocomplete"] = "email"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "nominee_name": data["nominee_name"],
            "nominee_contact": data["nominee_contact"],
            "reason": data["reason"],
            "nominator_name": data["nominator_name"],
            "nominator_email": data["nominator_email"],
            "nominator_phone": data["nominator_phone"] or "",
        }


class PublishForm(forms.Form):
    consent_on = forms.DateField(
        label=_("The winner agreed to be shown on the site on"), widget=DateInput
    )
    public_name = forms.CharField(label=_("Name to show"), max_length=200)
    citation = forms.CharField(
        label=_("Text to show"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In your own words: why the jury chose them. Shown to everyone."),
    )
