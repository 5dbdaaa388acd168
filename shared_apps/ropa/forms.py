from django import forms

from shared_apps.ropa.models import ProcessingActivityTemplate
from shared_apps.ropa.services import FIELDS


class TemplateEntryForm(forms.ModelForm):
    class Meta:
        model = ProcessingActivityTemplate
        fields = list(FIELDS)
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in FIELDS if field != "name"}
