"""The federation administrator's invitation forms; choices are limited to the federation's
own centres and its country's municipalities (services.invitation_send checks again)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shared_apps.portal.selectors import invitable_centres, invitable_municipalities
from tenants.models import Federation


class _InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)

    service_fields = {"email": "email", "language": "language"}
    kind = ""

    def __init__(self, *args, federation: Federation, **kwargs):
        kwargs.setdefault("auto_id", f"{federation.slug}-{self.kind}-%s")
        kwargs.setdefault("initial", {"language": federation.default_language})
        super().__init__(*args, **kwargs)
        self.federation = federation


class CentreAdminInvitationForm(_InvitationForm):
    kind = "centre-admin"
    field_order = ["centre", "email", "language"]
    service_fields = {**_InvitationForm.service_fields, "centre": "centre"}

    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=None, empty_label=_("Choose a centre")
    )

    def __init__(self, *args, federation: Federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["centre"].queryset = invitable_centres(federation=federation)


class MunicipalityViewerInvitationForm(_InvitationForm):
    kind = "municipality-viewer"
    field_order = ["municipality", "email", "language"]
    service_fields = {**_InvitationForm.service_fields, "municipality": "municipality"}

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=_("Choose a municipality")
    )

    def __init__(self, *args, federation: Federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["municipality"].queryset = invitable_municipalities(federation=federation)
