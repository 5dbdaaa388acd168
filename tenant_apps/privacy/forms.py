from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.privacy.models import ProcessingActivity, RetentionRules


class RetentionRulesForm(forms.ModelForm):
    class Meta:
        model = RetentionRules
        fields = [
            "help_request_years",
            "volunteer_inactive_months",
            "volunteer_notice_months",
            "public_form_months",
            "is_automatic",
        ]


class ProcessingActivityForm(forms.ModelForm):
    class Meta:
        model = ProcessingActivity
        fields = [
            "name",
            "purpose",
            "legal_basis",
            "data_subjects",
            "data_categories",
            "recipients",
            "retention",
            "security_measures",
        ]
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in fields if field != "name"}


class EraseConfirmForm(forms.Form):
    """The person erasing types a word, so that erasure is never one careless click."""

    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)


class ContactSearchForm(forms.Form):
    """Find what the centre holds under an e-mail address given on a public form."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("As given on a sign-up, an event registration, a nomination or an entry."),
    )


class ContactEraseForm(EraseConfirmForm):
    """Erasing what is held under an e-mail address: the address travels with the form."""

    email = forms.EmailField(widget=forms.HiddenInput)
