from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            ("", _("Everyone")),
            *((actor.user_id, actor.label) for actor in actors),
        ]
