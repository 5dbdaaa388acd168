"""The sections of the annual report the centre writes. They are shared with the
federation and the municipality, so the help text asks for no names of people."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from tenant_apps.annualreport.models import AnnualReport

NARRATIVE_MAX_LENGTH = 10_000  # as the shared schema accepts


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["summary", "highlights", "cooperation", "plans"]
        labels = {
            "summary": _("Introduction and summary"),
            "highlights": _("Highlights of the year"),
            "cooperation": _("Cooperation and partners"),
            "plans": _("Plans for next year"),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 6, "maxlength": NARRATIVE_MAX_LENGTH})
            for name in fields
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(MaxLengthValidator(NARRATIVE_MAX_LENGTH))
