"""What the association directory holds about a person: an association's contact person
(found by e-mail address), and the accounts invited to keep an entry up to date, for export
and erasure (registry: toolkit.personal_data; discovered by tenant_apps.privacy).

The association itself (name, organisation number, website, meeting place) is organisation
data and stays; only the contact person's name, e-mail address and phone go."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.associations.models import Association, AssociationContact
from toolkit.personal_data import (
    ACCOUNT,
    CONTACT,
    VOLUNTEER,
    Person,
    json_ready,
    register_contact_data,
)


def _associations_of(person: Person):
    if not person.email:
        return Association.objects.none()
    return Association.objects.filter(email__iexact=person.email)


def _contact_person_export(person: Person) -> list[dict]:
    return [
        json_ready(
            {
                "association": association.name,
                "contact_person": association.contact_name,
                "email": association.email,
                "phone": association.phone,
            }
        )
        for association in _associations_of(person)
    ]


def _contact_person_erase(person: Person) -> int:
    return _associations_of(person).update(contact_name="", email="", phone="")


register_contact_data(
    key="associations.contact_person",
    models=("associations.Association",),
    title=_("Contact person of an association"),
    export=_contact_person_export,
    erase=_contact_person_erase,
    kept=_("The association stays in the directory, without its contact person."),
)


def _links_of(person: Person):
    about = Q(email__iexact=person.email) if person.email else Q(pk__in=[])
    if person.kind == ACCOUNT:
        about |= Q(user_id=person.pk)
    return AssociationContact.objects.filter(about)


def _links_export(person: Person) -> list[dict]:
    return [
        json_ready(
            {"association": link.association.name, "email": link.email, "invited": link.invited_at}
        )
        for link in _links_of(person).select_related("association")
    ]


def _links_erase(person: Person) -> int:
    deleted, _by_model = _links_of(person).delete()
    return deleted


register_contact_data(
    key="associations.contacts",
    models=("associations.AssociationContact",),
    title=_("Keeping an association's entry up to date"),
    export=_links_export,
    erase=_links_erase,
    kept=_("The invitation goes: the association's entry is no longer theirs to change."),
    kinds=(CONTACT, VOLUNTEER, ACCOUNT),
)
