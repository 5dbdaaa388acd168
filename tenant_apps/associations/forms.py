from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tenant_apps.associations.models import Association, Category
from tenant_apps.associations.orgnumbers import organisation_number_display
from tenant_apps.associations.services import DETAIL_FIELDS, AssociationDetails
from tenant_apps.people.models import TargetGroup
from tenant_apps.people.phones import centre_phone_region
from toolkit.forms import PhoneNumberField


class AssociationForm(forms.Form):
    """An association's entry (staff, the association's contact and the public form)."""

    name = forms.CharField(label=_("Name of the association"), max_length=200)
    organisation_number = forms.CharField(
        label=_("Organisation number"), max_length=20, required=False
    )
    categories = forms.MultipleChoiceField(
        label=_("What the association works with"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Who the association is for"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
        help_text=_("What the association does, when it meets and how to join."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    address = forms.CharField(label=_("Address or meeting place"), max_length=300, required=False)
    is_public = forms.BooleanField(
        label=_("Show the association in the public directory"), required=False, initial=True
    )

    def __init__(self, *args, country: str = "NO", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country = country
        self.fields["phone"].region = centre_phone_region()
        number = self.fields["organisation_number"]
        if country == "DK":
            number.label = _("CVR number")
            number.help_text = _("8 digits.")
        else:
            number.help_text = _("9 digits, from the Brønnøysund Register Centre.")
        number.widget.attrs["inputmode"] = "numeric"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    @classmethod
    def initial_of(cls, association: Association, *, country: str) -> dict:
        initial = {name: getattr(association, name) for name in DETAIL_FIELDS}
        initial["organisation_number"] = organisation_number_display(
            association.organisation_number, country=country
        )
        return initial

    def details(self) -> AssociationDetails:
        return AssociationDetails(**{name: self.cleaned_data[name] for name in DETAIL_FIELDS})


class RegistrationForm(AssociationForm):
    """The public form: everything an entry says, a confirmation and a field for robots."""

    # Hidden from people (the `hidden` wrapper in the template); robots fill it in.
    nickname = forms.CharField(label=_("Leave this field empty"), required=False)
    confirm = forms.BooleanField(
        label=_(
            "I may register this association, and I agree that what is written here is shown "
            "in the centre's public directory once the staff approve it (unless hidden)."
        )
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nickname"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].required = True

    @property
    def visible_fields_for_people(self):
        return [field for field in self if field.name != "nickname"]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Works with"), choices=[("", _("All")), *list(Category.choices)], required=False
    )
    target_group = forms.ChoiceField(
        label=_("For whom"),
        choices=[("", _("Everyone")), *list(TargetGroup.choices)],
        required=False,
    )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *list(Association.Status.choices)],
        required=False,
    )
    members_only = forms.BooleanField(label=_("Member associations only"), required=False)


class MembershipForm(forms.Form):
    member_since = forms.DateField(
        label=_("Member association since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty when the association is not a member."),
    )
    member_contact_name = forms.CharField(
        label=_("Contact person for the membership"), max_length=200, required=False
    )


class ContactInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)
