"""Forms of the people pages: they parse input; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import (
    AgeBand,
    Area,
    Consent,
    Language,
    PartOfDay,
    PoliceCertificateRecord,
    Skill,
    TargetGroup,
    Volunteer,
    Weekday,
)
from tenant_apps.people.phones import centre_phone_region
from toolkit.forms import PhoneNumberField
from toolkit.publicforms import PublicForm, consent_field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def slot_value(weekday: int, part_of_day: str) -> str:
    return f"{weekday}:{part_of_day}"


AVAILABILITY_CHOICES = [
    (slot_value(day.value, part.value), f"{day.label} – {part.label}")
    for day in Weekday
    for part in PartOfDay
]


class AvailabilityField(forms.MultipleChoiceField):
    """Weekly availability as (weekday, part of day) pairs; shown as a grid of checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", AVAILABILITY_CHOICES)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("When can they usually help?"))
        super().__init__(**kwargs)

    def clean(self, value):
        values = super().clean(value)
        slots = []
        for item in values:
            weekday, part_of_day = item.split(":", 1)
            slots.append((int(weekday), part_of_day))
        return slots

    def prepare_value(self, value):
        if not value:
            return []
        return [item if isinstance(item, str) else slot_value(item[0], item[1]) for item in value]


def grid(field: forms.BoundField) -> dict:
    """The availability field as rows of weekdays and columns of parts of the day."""
    chosen = set(field.value() or [])
    rows = []
    for day in Weekday:
        cells = []
        for part in PartOfDay:
            value = slot_value(day.value, part.value)
            cells.append(
                {
                    "value": value,
                    "id": f"{field.auto_id}_{day.value}_{part.value}",
                    "label": f"{day.label} – {part.label}",
                    "checked": value in chosen,
                }
            )
        rows.append({"label": day.label, "cells": cells})
    return {"rows": rows, "parts": [part.label for part in PartOfDay]}


def consents_given_field() -> forms.MultipleChoiceField:
    """The consents a person gives as they are registered (volunteer or participant)."""
    return forms.MultipleChoiceField(
        label=_("Consents given now"),
        choices=Consent.Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick only what the person has agreed to."),
    )


def _active_or_chosen(queryset, chosen_ids):
    return queryset.filter(is_active=True) | queryset.filter(pk__in=list(chosen_ids))


class VolunteerForm(forms.Form):
    """A coordinator registering or changing a volunteer."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput,
        help_text=_("If you know it, the age band is worked out from it."),
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills and interests"),
        queryset=Skill.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas they can cover"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = AvailabilityField()
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"), choices=Volunteer.Status.choices, initial=Volunteer.Status.ACTIVE
    )
    account_user_id = forms.TypedChoiceField(
        label=_("Sign-in account"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Link an account with a role at this centre, so the volunteer can sign in and "
            "keep their own profile up to date."
        ),
    )
    consents = consents_given_field()

    def __init__(self, *args, members=(), volunteer: Volunteer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = centre_phone_region()
        skill_ids = area_ids = ()
        if volunteer is not None:
            skill_ids = [skill.pk for skill in volunteer.skills.all()]
            area_ids = [area.pk for area in volunteer.areas.all()]
            del self.fields["consents"]  # consents are given on their own page afterwards
        if volunteer is None or volunteer.status != Volunteer.Status.APPLIED:
            # Only the public form makes an offer to volunteer; staff answer it on its own.
            self.fields["status"].choices = [
                choice
                for choice in Volunteer.Status.choices
                if choice[0] != Volunteer.Status.APPLIED
            ]
        self.fields["skills"].queryset = _active_or_chosen(Skill.objects.all(), skill_ids)
        self.fields["areas"].queryset = _active_or_chosen(Area.objects.all(), area_ids)
        self.fields["account_user_id"].choices = [
            ("", _("No account")),
            *((member.user_id, f"{member.display_name} ({member.email})") for member in members),
        ]

    @staticmethod
    def initial_for(volunteer: Volunteer) -> dict:
        return {
            "first_name": volunteer.first_name,
            "last_name": volunteer.last_name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "date_of_birth": volunteer.date_of_birth,
            "age_band": volunteer.age_band,
            "languages": volunteer.languages,
            "skills": [skill.pk for skill in volunteer.skills.all()],
            "areas": [area.pk for area in volunteer.areas.all()],
            "availability": [
                slot_value(slot.weekday, slot.part_of_day) for slot in volunteer.availability.all()
            ],
            "start_date": volunteer.start_date,
            "status": volunteer.status,
            "account_user_id": volunteer.account_user_id,
        }


SELF_SERVICE_FIELDS = ("email", "phone", "languages", "skills", "areas", "availability")


class VolunteerSelfForm(VolunteerForm):
    """A volunteer keeping their own contact details, languages, skills, areas and times."""

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, volunteer=volunteer, **kwargs)
        for name in list(self.fields):
            if name not in SELF_SERVICE_FIELDS:
                del self.fields[name]
        self.fields["areas"].label = _("Areas you can cover")
        self.fields["availability"].label = _("When can you usually help?")


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PoliceCertificateRecord.Kind.choices)
    seen_on = forms.DateField(label=_("Seen on"), widget=DateInput)
    renew_by = forms.DateField(label=_("Renew by"), required=False, widget=DateInput)
    confirm = forms.BooleanField(
        label=_("I have seen the certificate and it has no remarks that matter for this work."),
        help_text=_("Do not keep a copy: only that it was seen is recorded."),
    )

    def __init__(self, *args, validity_months: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renew_by"].help_text = _(
            "Leave empty to use the date seen plus %(months)s months."
        ) % {"months": validity_months}


class DeclarationForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)
    version = forms.CharField(label=_("Version"), max_length=30)


class ConsentGiveForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput)
    confirm = forms.BooleanField(
        label=_("The person has agreed to this, knowing they can withdraw it at any time.")
    )


class OwnConsentGiveForm(forms.Form):
    purpose = forms.ChoiceField(label=_("I agree to"), choices=Consent.Purpose.choices)
    confirm = forms.BooleanField(
        label=_("I agree, and I know I can withdraw this consent at any time.")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            choice for choice in Volunteer.Status.choices if choice[0] != Volunteer.Status.APPLIED
        ],
    )


class ParticipantForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("Not given")
    )
    consents = consents_given_field()
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only with the person's consent to recording target groups for anonymous statistics."
        ),
    )

    def __init__(self, *args, participant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = centre_phone_region()
        area_ids = [participant.area_id] if participant and participant.area_id else []
        self.fields["area"].queryset = _active_or_chosen(Area.objects.all(), area_ids)
        if participant is not None:
            del self.fields["consents"]

    @staticmethod
    def initial_for(participant) -> dict:
        return {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "phone": participant.phone,
            "address": participant.address,
            "age_band": participant.age_band,
            "area": participant.area_id,
            "target_groups": participant.target_groups,
        }


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Volunteer.Status.choices],
    )
    skill = forms.ModelChoiceField(
        label=_("Skill or interest"),
        required=False,
        queryset=Skill.objects.all(),
        empty_label=_("Any"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.all(), empty_label=_("Any")
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any")), *Language.choices]
    )


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    age_band = forms.ChoiceField(
        label=_("Age band"), required=False, choices=[("", _("Any")), *AgeBand.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.all(), empty_label=_("Any")
    )


class SkillForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Skill.Kind.choices)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class VolunteerApplicationForm(PublicForm):
    """A visitor offering to volunteer on the centre's public site."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a confirmation here, and use it to contact you."),
    )
    phone = PhoneNumberField(label=_("Phone (optional)"), required=False)
    application_text = forms.CharField(
        label=_("What would you like to do? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example visiting someone, driving, homework help, or “not sure yet”."),
    )
    consent_registration = consent_field(
        _("I agree that the centre keeps my details to organise volunteering.")
    )
    consent_contact = forms.BooleanField(
        label=_("The centre may contact me by e-mail and text message."), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = centre_phone_region()
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        consents = [Consent.Purpose.REGISTRATION] if data["consent_registration"] else []
        if data["consent_contact"]:
            consents.append(Consent.Purpose.CONTACT)
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "phone": data["phone"] or "",
            "application_text": data["application_text"],
            "consents": consents,
        }
