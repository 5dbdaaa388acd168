"""The status change form of the lifecycle pages (operators and federation administrators)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.models import CentreStatus


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=CentreStatus.choices)
    note = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("The centre's managers read this in the e-mail and on their status page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    trial_ends_on = forms.DateField(
        label=_("Trial ends on (for trial)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    retention_until = forms.DateField(
        label=_("Keep the data until (for closed)"),
        required=False,
        help_text=_("Empty: 90 days from today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
