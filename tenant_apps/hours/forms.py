"""Forms of the hours pages: they parse input; the rules live in services.py."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import Activity, ActivityCategory
from tenant_apps.helprequests.models import Assignment
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import Volunteer
from toolkit.forms import LocalizedDecimalField

# How long after a help assignment ended a volunteer may still log hours against it.
ASSIGNMENT_GRACE_DAYS = 90


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ActivityCategory) -> str:
        return obj.name


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Volunteer) -> str:
        return obj.full_name


class AssignmentChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, with_volunteer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_volunteer = with_volunteer

    def label_from_instance(self, obj: Assignment) -> str:
        label = _("%(type)s, since %(date)s") % {
            "type": obj.help_request.request_type.name,
            "date": date_format(obj.started_on, "SHORT_DATE_FORMAT"),
        }
        if self.with_volunteer and obj.volunteer is not None:
            return f"{obj.volunteer.full_name}: {label}"
        return label


def _volunteers():
    return Volunteer.objects.only("id", "first_name", "last_name").order_by(
        "last_name", "first_name", "id"
    )


def _categories(include_id: int | None = None):
    return ActivityCategory.objects.filter(Q(is_active=True) | Q(pk=include_id))


def _activities(include_id: int | None = None):
    return Activity.objects.filter(Q(is_active=True) | Q(pk=include_id)).only("id", "name")


def _assignments(volunteer_id: int | None, include_id: int | None = None):
    since = timezone.localdate() - datetime.timedelta(days=ASSIGNMENT_GRACE_DAYS)
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=since)
    assignments = Assignment.objects.select_related(
        "help_request__request_type", "volunteer"
    ).order_by("volunteer__last_name", "volunteer__first_name", "-started_on", "id")
    if volunteer_id is not None:
        assignments = assignments.filter(volunteer_id=volunteer_id)
    else:
        assignments = assignments.filter(volunteer__isnull=False)
    return assignments.filter(current | Q(pk=include_id))


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        attrs={"type": "date", "max": timezone.localdate().isoformat()}, format="%Y-%m-%d"
    )


class HoursEntryForm(forms.Form):
    """Log or change one entry. Coordinators choose the volunteer and may approve at once."""

    volunteer = VolunteerChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())
    date = forms.DateField(label=_("Date"))
    # A text input read in the page's language: "1,5" and "1.5" are one and a half hours.
    hours = LocalizedDecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=2,
        help_text=_("For example 2 or 1.5. At most 24 for one day."),
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        required=False,
        queryset=Activity.objects.none(),
        empty_label=_("No activity"),
    )
    assignment = AssignmentChoiceField(
        label=_("Help assignment"),
        required=False,
        queryset=Assignment.objects.none(),
        empty_label=_("No help assignment"),
        with_volunteer=False,
    )
    category = CategoryChoiceField(
        label=_("Category"),
        required=False,
        queryset=ActivityCategory.objects.none(),
        empty_label=_("The activity's category"),
        help_text=_("Needed when the hours are not for an activity."),
    )
    description = forms.CharField(
        label=_("What was done"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    approve = forms.BooleanField(label=_("Approve at once"), required=False)

    def __init__(
        self,
        *args,
        is_staff: bool,
        own_volunteer_id: int | None,
        entry: HoursEntry | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = _date_widget()
        self.fields["date"].initial = timezone.localdate()
        keep = entry or HoursEntry()
        self.fields["category"].queryset = _categories(keep.category_id)
        self.fields["activity"].queryset = _activities(keep.activity_id)
        if is_staff and entry is None:
            self.fields["volunteer"].queryset = _volunteers()
            self.fields["assignment"].queryset = _assignments(None)
            self.fields["assignment"].with_volunteer = True
        else:
            del self.fields["volunteer"]
            volunteer_id = entry.volunteer_id if entry is not None else own_volunteer_id
            self.fields["assignment"].queryset = _assignments(volunteer_id, keep.assignment_id)
        if not is_staff or entry is not None:
            del self.fields["approve"]
        if entry is not None:
            self.initial.update(
                {
                    "date": entry.date,
                    "hours": entry.hours,
                    "activity": entry.activity_id,
                    "assignment": entry.assignment_id,
                    "category": entry.category_id,
                    "description": entry.description,
                }
            )

    def entry_fields(self) -> dict:
        """The cleaned values the services take for an entry, whoever it is for."""
        fields = ("category", "date", "hours", "activity", "assignment", "description")
        return {name: self.cleaned_data[name] for name in fields}


class SessionHoursForm(forms.Form):
    """Hours of each confirmed volunteer of one session; an empty field is left out."""

    approve = forms.BooleanField(label=_("Approve at once"), required=False, initial=True)
    description = forms.CharField(
        label=_("What was done"), max_length=300, required=False, widget=forms.TextInput
    )

    def __init__(self, *args, volunteers: list[Volunteer], default_hours, logged: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteers = volunteers
        self.logged = logged
        for volunteer in volunteers:
            name = f"hours_{volunteer.pk}"
            self.fields[name] = LocalizedDecimalField(
                label=volunteer.full_name,
                required=False,
                max_digits=5,
                decimal_places=2,
                initial=None if volunteer.pk in logged else default_hours,
                disabled=volunteer.pk in logged,
            )

    def hour_fields(self):
        """(bound field, volunteer, hours already logged or None) for each volunteer."""
        return [
            (self[f"hours_{volunteer.pk}"], volunteer, self.logged.get(volunteer.pk))
            for volunteer in self.volunteers
        ]

    @property
    def has_open_fields(self) -> bool:
        """Whether any volunteer's hours are still to be logged."""
        return any(volunteer.pk not in self.logged for volunteer in self.volunteers)

    def entries(self) -> list[tuple[Volunteer, object]]:
        """The volunteers with hours entered (0 or empty means: not counted)."""
        chosen = []
        for volunteer in self.volunteers:
            if volunteer.pk in self.logged:
                continue
            value = self.cleaned_data.get(f"hours_{volunteer.pk}")
            if value not in (None, 0):
                chosen.append((volunteer, value))
        return chosen


class HoursFilterForm(forms.Form):
    """Coordinators' filters on the list of entries."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *HoursEntry.Status.choices],
    )
    volunteer = VolunteerChoiceField(
        label=_("Volunteer"),
        required=False,
        queryset=Volunteer.objects.none(),
        empty_label=_("Everyone"),
    )
    category = CategoryChoiceField(
        label=_("Category"),
        required=False,
        queryset=ActivityCategory.objects.none(),
        empty_label=_("All categories"),
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        required=False,
        queryset=Activity.objects.none(),
        empty_label=_("All activities"),
    )
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = _volunteers()
        self.fields["category"].queryset = ActivityCategory.objects.all()
        self.fields["activity"].queryset = Activity.objects.only("id", "name")
        for name in ("date_from", "date_to"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned


class TotalsForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    include_submitted = forms.BooleanField(
        label=_("Include hours waiting for approval"), required=False
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ExportForm(forms.Form):
    """A month, or a period of at most a year, and the file format."""

    MAX_DAYS = 366

    month = forms.CharField(
        label=_("Month"),
        required=False,
        help_text=_("As YYYY-MM, e.g. 2026-03."),
        widget=forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}"}),
    )
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    format = forms.ChoiceField(
        label=_("File format"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (.csv)"))],
        initial="xlsx",
        required=False,  # Excel unless CSV is asked for
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["month"].initial = timezone.localdate().strftime("%Y-%m")

    def clean(self):
        cleaned = super().clean()
        month = (cleaned.get("month") or "").strip()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if "date_from" in self.errors or "date_to" in self.errors:
            return cleaned
        if start or end:  # a period, when given, wins over the month filled in for you
            if not (start and end):
                field = "date_to" if start else "date_from"
                self.add_error(field, _("Enter both the start and the end of the period."))
            elif end < start:
                self.add_error("date_to", _("The end date must not be before the start date."))
            elif (end - start).days >= self.MAX_DAYS:
                self.add_error("date_to", _("Choose a period of at most one year."))
            else:
                cleaned["period"] = (start, end)
        elif month:
            try:
                first = datetime.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                self.add_error("month", _("Enter the month as YYYY-MM, e.g. 2026-03."))
                return cleaned
            following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            cleaned["period"] = (first, following - datetime.timedelta(days=1))
        else:
            self.add_error("month", _("Choose a month, or the start and end of a period."))
        return cleaned
