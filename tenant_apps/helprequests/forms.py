"""Forms of the help request pages: they parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.helprequests.selectors import request_types
from tenant_apps.people.models import AgeBand, Area, Consent, Language, Participant
from tenant_apps.people.phones import centre_phone_region
from toolkit.bounds import POSITION_MAX
from toolkit.forms import PhoneNumberField, phone_number_display
from toolkit.publicforms import PublicForm, consent_field

LANGUAGE_CHOICES = Language.choices
STATUS_CHOICES = HelpRequest.Status.choices


def _active_areas():
    return Area.objects.filter(is_active=True).order_by("name")


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, participant: Participant) -> str:
        if participant.phone:
            phone = phone_number_display(participant.phone, region=centre_phone_region())
            return f"{participant} ({phone})"
        return str(participant)


class HelpRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *STATUS_CHOICES]
    )
    request_type = forms.ModelChoiceField(
        label=_("Type of help"),
        required=False,
        queryset=RequestType.objects.order_by("position", "name"),
        empty_label=_("All types"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.order_by("name"),
        empty_label=_("All areas"),
    )
    source = forms.ChoiceField(
        label=_("Came in"),
        required=False,
        choices=[("", _("Any way")), *HelpRequest.Source.choices],
    )


class _RequestFieldsMixin(forms.Form):
    """The fields a request has, whether it is new or being changed."""

    request_type = forms.ModelChoiceField(
        label=_("Type of help"), queryset=RequestType.objects.none(), empty_label=None
    )
    description = forms.CharField(
        label=_("What is needed"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person needs help with, and when. No health details."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("No area"),
        help_text=_("Where the help is needed. Empty: the person's own area."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the person speaks"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    requires_certificate = forms.BooleanField(
        label=_("Requires a police certificate"),
        required=False,
        help_text=_(
            "For help to children or people with intellectual disabilities: only volunteers "
            "with a valid police certificate can be assigned."
        ),
    )

    def __init__(self, *args, current_type=None, current_area=None, **kwargs):
        super().__init__(*args, **kwargs)
        types = request_types(include_unused=True)
        areas = Area.objects.order_by("name")
        # Offer what is in use, plus whatever the request has now even if retired since.
        self.fields["request_type"].queryset = types.filter(is_active=True) | types.filter(
            pk=getattr(current_type, "pk", None)
        )
        self.fields["area"].queryset = areas.filter(is_active=True) | areas.filter(
            pk=getattr(current_area, "pk", None)
        )


class HelpRequestIntakeForm(_RequestFieldsMixin):
    participant = ParticipantChoiceField(
        label=_("Someone already registered"),
        required=False,
        queryset=Participant.objects.order_by("first_name", "last_name", "id"),
        empty_label=_("— a new person —"),
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    participant_area = forms.ModelChoiceField(
        label=_("Where the person lives"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Not given"),
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN
    )

    field_order = [
        "participant",
        "first_name",
        "last_name",
        "phone",
        "participant_area",
        "age_band",
        "request_type",
        "description",
        "area",
        "languages",
        "requires_certificate",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_area"].queryset = _active_areas()
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].region = centre_phone_region()
        # Someone else's number: the browser should not offer the coordinator's own.
        self.fields["phone"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        chosen = data.get("participant")
        typed = any((data.get(name) or "").strip() for name in ("first_name", "last_name", "phone"))
        if chosen is not None and typed:
            self.add_error(
                "participant",
                _("Choose someone registered or enter a new person — not both."),
            )
        elif chosen is None and not (data.get("first_name") or "").strip():
            self.add_error(
                "first_name",
                _(
                    "Enter the first name of the person who needs help, or choose someone "
                    "already registered."
                ),
            )
        return data


class HelpRequestForm(_RequestFieldsMixin):
    """Changing a request's details."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES)


class AssignForm(forms.Form):
    # An id: the service, not the form, says why a paused or ended volunteer is refused.
    volunteer = forms.IntegerField(label=_("Volunteer"), min_value=1)
    reason = forms.CharField(
        label=_("Why this volunteer"), required=False, max_length=300, widget=forms.HiddenInput
    )
    # Set by the confirmation page when the assignment replaces the volunteer helping now.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class EndAssignmentForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Ended on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FollowUpNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New follow-up note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by coordinators and managers only, never by volunteers."),
    )


class RequestTypeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=POSITION_MAX)
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_("Types no longer in use stay on the requests that have them."),
    )


class RequestTypeCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.SlugField(
        label=_("Code"),
        required=False,
        max_length=50,
        help_text=_("A short key for the API and statistics. Empty: made from the name."),
    )


class PublicHelpRequestForm(PublicForm):
    """Someone asking the centre for help on its public site."""

    request_type = forms.ModelChoiceField(
        label=_("What would you like help with?"),
        queryset=RequestType.objects.none(),
        empty_label=None,
    )
    description = forms.CharField(
        label=_("Tell us a little more (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example what you need and when. Leave out health details unless you "
            "tick the box for them below."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name (optional)"), max_length=100, required=False)
    phone = PhoneNumberField(
        label=_("Phone"), help_text=_("A coordinator calls you on this number.")
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only to send you a confirmation; we do not keep it."),
    )
    area = forms.ModelChoiceField(
        label=_("Where do you live? (optional)"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Not given"),
    )
    consent_registration = consent_field(
        _("I agree that the centre keeps my details to organise the help.")
    )
    consent_health = forms.BooleanField(
        label=_(
            "The centre may record the health details I give here, as far as the help needs them."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_type"].queryset = request_types()
        self.fields["area"].queryset = _active_areas()
        self.fields["phone"].region = centre_phone_region()
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        consents = [Consent.Purpose.REGISTRATION] if data["consent_registration"] else []
        if data["consent_health"]:
            consents.append(Consent.Purpose.HEALTH_DATA)
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "email": data["email"],
            "request_type": data["request_type"],
            "description": data["description"],
            "area": data["area"],
            "consents": consents,
        }
