from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.facade import api_token_lifetimes
from shared_apps.accounts.roles import Role

INVITABLE_ROLES = [(role.value, role.label) for role in (Role.COORDINATOR, Role.VOLUNTEER)]
CENTRE_ROLE_CHOICES = [
    (role.value, role.label) for role in (Role.CENTRE_ADMIN, Role.COORDINATOR, Role.VOLUNTEER)
]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=INVITABLE_ROLES, initial=Role.VOLUNTEER)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CENTRE_ROLE_CHOICES)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the program that will use it."),
    )
    lifetime = forms.TypedChoiceField(
        label=_("Works for"),
        coerce=int,
        required=False,
        help_text=_("After this the token stops working, and you make a new one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lifetimes = api_token_lifetimes()
        self.fields["lifetime"].choices = lifetimes
        # The default (first) when none is sent: the form needs no answer to this.
        self.fields["lifetime"].initial = self.fields["lifetime"].empty_value = lifetimes[0][0]
