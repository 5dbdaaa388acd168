from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.events.models import Event, Registration
from tenant_apps.events.services import MAX_GRID, EventDetails
from tenant_apps.people.phones import centre_phone_region
from toolkit.forms import PhoneNumberField

DETAIL_FIELDS = tuple(EventDetails.__dataclass_fields__)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    capacity = forms.IntegerField(
        label=_("Places for people"),
        min_value=1,
        required=False,
        help_text=_("Leave empty when there is no limit. A fair's stands are set below."),
    )
    is_registration_open = forms.BooleanField(
        label=_("Registration open"), required=False, initial=True
    )
    is_public = forms.BooleanField(
        label=_("Shown on the public pages"), required=False, initial=True
    )

    def details(self) -> EventDetails:
        return EventDetails(**{name: self.cleaned_data[name] for name in DETAIL_FIELDS})

    @staticmethod
    def initial_of(event: Event) -> dict:
        return {name: getattr(event, name) for name in DETAIL_FIELDS}


class StandGridForm(forms.Form):
    rows = forms.IntegerField(label=_("Rows of stands"), min_value=0, max_value=MAX_GRID)
    columns = forms.IntegerField(label=_("Stands in each row"), min_value=0, max_value=MAX_GRID)


class RegistrationForm(forms.Form):
    """The public registration form; the association and stand fields only for a fair."""

    kind = forms.ChoiceField(
        label=_("I register"),
        choices=[
            (Registration.Kind.PERSON, _("myself (and those coming with me)")),
            (Registration.Kind.ASSOCIATION, _("an association, for a stand")),
        ],
        widget=forms.RadioSelect,
        initial=Registration.Kind.PERSON,
    )
    association = forms.ChoiceField(label=_("Association"), required=False)
    stand = forms.ChoiceField(label=_("Stand"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("For the confirmation and a reminder before the event."),
    )
    phone = PhoneNumberField(label=_("Phone"), required=False)
    places = forms.IntegerField(
        label=_("How many are coming"), min_value=1, max_value=20, initial=1, required=False
    )
    # Hidden from people (the `hidden` wrapper in the template); robots fill it in.
    nickname = forms.CharField(label=_("Leave this field empty"), required=False)
    consent = forms.BooleanField(
        label=_(
            "The centre may keep my name and contact details to organise this event and to "
            "remind me of it."
        )
    )

    def __init__(self, *args, associations=(), stands=(), has_stands=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = centre_phone_region()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["nickname"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if has_stands:
            self.fields["association"].choices = [("", "—")] + [
                (str(a.pk), a.name) for a in associations
            ]
            self.fields["stand"].choices = [("", _("Any free stand"))] + [
                (str(s.pk), s.label) for s in stands
            ]
        else:
            for name in ("kind", "association", "stand"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Registration.Kind.ASSOCIATION and not data.get("association"):
            self.add_error("association", _("Choose your association."))
        return data
