"""What events hold about whoever registered for an event (a person, or an association's
contact), found by e-mail address, for export and erasure (registry: toolkit.personal_data;
discovered by tenant_apps.privacy)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.events.models import Registration
from toolkit.personal_data import ERASED_NAME, Person, json_ready, register_contact_data


def registrations_anonymise(ids) -> int:
    """Remove the name, e-mail address and phone of these registrations; the places, the
    stand and the association stay, so the event's counts stay as they were."""
    return (
        Registration.objects.filter(pk__in=list(ids))
        .exclude(email="")
        .update(name=ERASED_NAME, email="", phone="", reminder_sent_at=timezone.now())
    )


def _registrations_of(person: Person):
    if not person.email:
        return Registration.objects.none()
    return Registration.objects.filter(email__iexact=person.email)


def _export(person: Person) -> list[dict]:
    registrations = _registrations_of(person).select_related("event", "association", "stand")
    return [
        json_ready(
            {
                "event": registration.event.title,
                "starts": registration.event.starts_at,
                "registered_as": registration.get_kind_display(),
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "places": registration.places,
                "association": registration.association.name if registration.association else "",
                "stand": registration.stand.label if registration.stand else "",
                "registered": registration.created_at,
            }
        )
        for registration in registrations
    ]


def _erase(person: Person) -> int:
    return registrations_anonymise(_registrations_of(person).values_list("pk", flat=True))


register_contact_data(
    key="events.registrations",
    models=("events.Registration",),
    title=_("Event registrations"),
    export=_export,
    erase=_erase,
    kept=_("Each registration keeps its places and stand, so the event's counts stay."),
)
