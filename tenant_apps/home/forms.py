"""Forms of the public site and of the staff pages that write it: they parse input; the
services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import ActivityCategory
from tenant_apps.home.models import ActivityProfile, CentreProfile
from tenant_apps.home.palette import PALETTE
from tenant_apps.home.services import PROFILE_FIELDS
from tenant_apps.people.models import CentreSettings, TargetGroup


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def weekday_choices() -> list[tuple[int, str]]:
    return [(day, WEEKDAYS[day]) for day in range(7)]


class ProfileForm(forms.ModelForm):
    """What the public site says about the centre (services.centre_profile_update)."""

    activity_profiles = forms.MultipleChoiceField(
        label=_("Activity profiles"),
        choices=ActivityProfile.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What the centre is, in the words of the federation's profiles."),
    )
    colours = forms.ChoiceField(
        label=_("Colours"),
        choices=[(pair.code, pair.label) for pair in PALETTE],
        widget=forms.RadioSelect(attrs={"class": "colour-choice"}),
        help_text=_("Each pair reads at a contrast of at least 4.5 to 1."),
    )
    logo = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("A PNG, JPEG or WebP image of at most 512 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = CentreProfile
        fields = [f for f in PROFILE_FIELDS if f not in ("activity_profiles", "colours")]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        return self.cleaned_data  # the service checks the values together


class CentreSettingsForm(forms.ModelForm):
    """The centre's settings; the fields are listed, so a new setting is added on purpose."""

    class Meta:
        model = CentreSettings
        fields = [
            "certificate_validity_months",
            "confidentiality_version",
            "reminder_lead_hours",
            "date_window_years_back",
            "date_window_years_ahead",
        ]
        help_texts = {
            "certificate_validity_months": _(
                "When a police certificate seen today must be renewed."
            ),
            "confidentiality_version": _(
                "Volunteers who signed an older version are asked to sign again."
            ),
            "date_window_years_back": _(
                "Dates further back are refused as typing errors (activities, hours, start dates)."
            ),
            "date_window_years_ahead": _("Dates further ahead are refused as typing errors."),
        }


class OpeningHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=weekday_choices, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=TimeInput())
    closes = forms.TimeField(label=_("Closes"), widget=TimeInput())
    valid_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        help_text=_("Only for hours that hold for a period, for example the summer."),
    )
    valid_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=100, required=False)


class OpeningExceptionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    is_closed = forms.BooleanField(label=_("Closed all day"), required=False, initial=True)
    opens = forms.TimeField(label=_("Opens"), required=False, widget=TimeInput())
    closes = forms.TimeField(label=_("Closes"), required=False, widget=TimeInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=100,
        required=False,
        help_text=_("For example “Christmas” or “Staff training”."),
    )


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences; search engines and shared links show it."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown: a blank line between paragraphs, **bold**, *italic*, "
            "[link text](https://…), lines starting with - for a list, ## for a heading."
        ),
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The last part of the page's address; made from the title when empty."),
    )


class CalendarFilterForm(forms.Form):
    """The public calendar's filter (GET): every field optional."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    target_group = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone")), *TargetGroup.choices],
    )
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("Any day")), *weekday_choices()],
    )
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, *args, places: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.code, category.name)
            for category in ActivityCategory.objects.filter(is_active=True)
        ]
        self.fields["place"].choices = [("", _("Any place"))] + [(p, p) for p in places]
