"""Forms of the activity pages: they parse input; the services decide and write."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import Activity, ActivityCategory, Shift
from tenant_apps.activities.services import ACTIVITY_FIELDS
from tenant_apps.people.models import AgeBand, TargetGroup
from tenant_apps.people.phones import centre_phone_region
from toolkit.bounds import COUNT_MAX
from toolkit.forms import PhoneNumberField
from toolkit.publicforms import PublicForm, consent_field


class ServiceValidatedModelForm(forms.ModelForm):
    """A model form that only parses input: the service checks the values together.

    Not calling ModelForm.clean() leaves out the model's uniqueness and constraint checks
    (Django documents this), whose messages name database constraints; the service raises
    clear ones instead. Bind it to no instance (edit pages pass `initial=`), so that a
    refused change never alters the object the page shows.
    """

    def clean(self):
        return self.cleaned_data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ActivityCategory) -> str:
        return obj.name


class ActivityForm(ServiceValidatedModelForm):
    """The fields of an activity; `services.activity_create/update` checks them together."""

    category = CategoryChoiceField(
        label=_("Category"), queryset=ActivityCategory.objects.filter(is_active=True)
    )

    class Meta:
        model = Activity
        fields = list(ACTIVITY_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "first_date": DateInput(),
            "last_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
        }
        help_texts = {
            "target_group": _("Whom it is for, in the public calendar's filter. Empty: everyone."),
            "last_date": _("Leave empty if the activity goes on until further notice."),
            "partner_associations": _("Associations the centre runs the activity with."),
            "takes_signups": _(
                "Visitors sign up for each session on the centre's site; when the places are "
                "taken, they join a waiting list."
            ),
            "requires_certificate": _(
                "Only volunteers with a valid police certificate can sign up for its shifts."
            ),
            "recurrence": _(
                "Monthly activities happen on the same weekday of the month as "
                "the first date, for example the second Tuesday."
            ),
        }


class ActivityCreateForm(ActivityForm):
    """A new activity, and optionally its sessions up to a date and a first shift on each
    (`services.activity_create_with_plan`)."""

    plan_until = forms.DateField(
        label=_("Plan sessions up to and including"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Leave empty to plan up to the last date. Without a last date, you choose on the "
            "next page."
        ),
    )
    shift_name = forms.CharField(
        label=_("First shift (optional)"),
        max_length=Shift._meta.get_field("name").max_length,
        required=False,
        help_text=_("A role every session gets, for example “Host”, “Kitchen” or “Driver”."),
    )
    shift_capacity = forms.IntegerField(label=_("Places on the shift"), required=False, min_value=1)

    PLAN_FIELDS = ("plan_until", "shift_name", "shift_capacity")

    def activity_fields(self):
        return [self[name] for name in self.fields if name not in self.PLAN_FIELDS]

    def plan_fields(self):
        return [self[name] for name in self.PLAN_FIELDS]


class GenerateSessionsForm(forms.Form):
    until = forms.DateField(
        label=_("Plan sessions up to and including"),
        widget=DateInput(),
        help_text=_(
            "Dates that already have a session, also cancelled ones, are kept as they are."
        ),
    )

    @classmethod
    def with_default(cls, today):
        return cls(initial={"until": today + timedelta(weeks=8)})


class OpenShiftFilterForm(forms.Form):
    """The open shifts' filters: a date range (from today, four weeks, by default), one
    activity, one place. `activities` are (id, name) pairs, `places` names: read once by the
    page's selectors."""

    DEFAULT_SPAN = timedelta(weeks=4)
    LONGEST_SPAN = timedelta(days=366)

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    activity = forms.TypedChoiceField(
        label=_("Activity"), required=False, coerce=int, empty_value=None
    )
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, data, *, activities, places, today):
        super().__init__(data or None, initial={"start": today, "end": today + self.DEFAULT_SPAN})
        self.today = today
        self.fields["activity"].choices = [
            ("", _("All activities")),
            *activities,
        ]
        self.fields["place"].choices = [("", _("All places")), *((p, p) for p in places)]

    def clean(self):
        data = super().clean()
        start = data.get("start") or self.today
        end = data.get("end") or start + self.DEFAULT_SPAN
        if end < start:
            self.add_error("end", _("Choose a date on or after the first date."))
        elif end - start > self.LONGEST_SPAN:
            self.add_error("end", _("Choose at most a year at a time."))
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> dict:
        """The selector's arguments: the valid input, else the defaults."""
        if self.is_valid():
            data = self.cleaned_data
            return {
                "start": data["start"],
                "end": data["end"],
                "activity_id": data["activity"],
                "place": data["place"],
            }
        return {"start": self.today, "end": self.today + self.DEFAULT_SPAN}


class SessionMoveForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput())


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (shown with the session)"), max_length=200, required=False
    )


class ShiftForm(ServiceValidatedModelForm):
    """A shift's role and places; `services.shift_create/update` checks them."""

    class Meta:
        model = Shift
        fields = ["name", "capacity"]
        help_texts = {"name": _("For example “Host”, “Kitchen” or “Driver”.")}


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class AssignForm(forms.Form):
    """A coordinator puts a chosen volunteer on one of the session's shifts."""

    shift = forms.ModelChoiceField(label=_("Shift"), queryset=Shift.objects.none())
    volunteer = VolunteerChoiceField(label=_("Volunteer"), queryset=None)

    def __init__(self, *args, shifts, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = shifts
        self.fields["shift"].label_from_instance = lambda shift: shift.name
        self.fields["volunteer"].queryset = volunteers


AGE_BAND_CHOICES = [("", _("Choose…")), *AgeBand.choices]
TARGET_GROUP_CHOICES = [("", _("No particular group")), *TargetGroup.choices]


class AttendanceRowForm(forms.Form):
    age_band = forms.ChoiceField(label=_("Age band"), choices=AGE_BAND_CHOICES, required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=TARGET_GROUP_CHOICES, required=False
    )
    count = forms.IntegerField(
        label=_("Number of people"), min_value=0, max_value=COUNT_MAX, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("count") and not data.get("age_band"):
            self.add_error("age_band", _("Choose the age band of these people."))
        if data.get("age_band") and data.get("count") is None:
            self.add_error("count", _("Give the number of people."))
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            key = (form.cleaned_data.get("age_band"), form.cleaned_data.get("target_group", ""))
            if not key[0]:
                continue
            if key in seen:
                raise ValidationError(_("Each age band and target group can be counted only once."))
            seen.add(key)

    def rows(self) -> list[tuple[str, str, int]]:
        return [
            (
                form.cleaned_data["age_band"],
                form.cleaned_data.get("target_group") or "",
                form.cleaned_data["count"],
            )
            for form in self.forms
            if form.cleaned_data.get("age_band")
        ]


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=3, max_num=60, validate_max=True
)


class PublicSignupForm(PublicForm):
    """A visitor signing up for a session of an activity on the centre's public site."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a confirmation here, and tell you if a place becomes free."),
    )
    phone = PhoneNumberField(label=_("Phone (optional)"), required=False)
    consent = consent_field(
        _("I agree that the centre keeps my name and contact details for this activity.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = centre_phone_region()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "email": data["email"], "phone": data["phone"] or ""}
