"""What the people app holds about a volunteer or a participant, for export and erasure
(the registry is toolkit.personal_data; tenant_apps.privacy discovers this module).

Erasure anonymises the row in place: the volunteer or participant stays, without name or
contact details, so that their hours, help requests and the statistics keep counting them.
The age band and start date stay (statistics); that a police certificate was seen and a
confidentiality declaration signed stay too (the centre must be able to show it checked).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import (
    ConfidentialityDeclaration,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Volunteer,
)
from toolkit.personal_data import (
    ACCOUNT,
    PARTICIPANT,
    VOLUNTEER,
    Person,
    json_ready,
    records,
    register_personal_data,
)

ERASED_LABEL = "—"


def _volunteer_export(person: Person) -> list[dict]:
    volunteer = Volunteer.objects.prefetch_related("skills", "areas", "availability").get(
        pk=person.pk
    )
    return [
        json_ready(
            {
                "first_name": volunteer.first_name,
                "last_name": volunteer.last_name,
                "email": volunteer.email,
                "phone": volunteer.phone,
                "date_of_birth": volunteer.date_of_birth,
                "age_band": volunteer.get_age_band_display(),
                "languages": volunteer.languages,
                "skills": [skill.name for skill in volunteer.skills.all()],
                "areas": [area.name for area in volunteer.areas.all()],
                "availability": [str(slot) for slot in volunteer.availability.all()],
                "start_date": volunteer.start_date,
                "status": volunteer.get_status_display(),
                "has_calendar_feed": bool(volunteer.calendar_token),
                "registered": volunteer.created_at,
                "changed": volunteer.updated_at,
            }
        )
    ]


def _volunteer_erase(person: Person) -> int:
    volunteer = Volunteer.objects.select_for_update().get(pk=person.pk)
    volunteer.first_name = volunteer.last_name = volunteer.email = volunteer.phone = ""
    volunteer.date_of_birth = None
    volunteer.languages = []
    volunteer.calendar_token = None
    volunteer.account_user_id = None
    volunteer.status = Volunteer.Status.ENDED
    volunteer.erased_at = timezone.now()
    volunteer.save()
    volunteer.skills.clear()
    volunteer.areas.clear()
    volunteer.availability.all().delete()
    return 1


def _consents_export(field: str):
    def export(person: Person) -> list[dict]:
        return [
            json_ready(
                {
                    "purpose": consent.get_purpose_display(),
                    "given_on": consent.given_on,
                    "withdrawn_on": consent.withdrawn_on,
                    "recorded_by": consent.recorded_by_label,
                }
            )
            for consent in Consent.objects.filter(**{field: person.pk})
        ]

    return export


def _consents_erase(field: str):
    def erase(person: Person) -> int:
        deleted, _by_model = Consent.objects.filter(**{field: person.pk}).delete()
        return deleted

    return erase


def _certificates_export(person: Person) -> list[dict]:
    return [
        json_ready(
            {
                "kind": record.get_kind_display(),
                "seen_on": record.seen_on,
                "seen_by": record.seen_by_label,
                "renew_by": record.renew_by,
            }
        )
        for record in PoliceCertificateRecord.objects.filter(volunteer_id=person.pk)
    ]


def _declarations_export(person: Person) -> list[dict]:
    return records(
        ConfidentialityDeclaration.objects.filter(volunteer_id=person.pk).values(
            "signed_on", "version"
        )
    )


def _participant_export(person: Person) -> list[dict]:
    participant = Participant.objects.select_related("area").get(pk=person.pk)
    return [
        json_ready(
            {
                "first_name": participant.first_name,
                "last_name": participant.last_name,
                "phone": participant.phone,
                "address": participant.address,
                "age_band": participant.get_age_band_display(),
                "target_groups": [
                    str(label)
                    for code, label in Participant._meta.get_field(
                        "target_groups"
                    ).base_field.choices
                    if code in participant.target_groups
                ],
                "area": participant.area.name if participant.area else "",
                "registered": participant.created_at,
                "changed": participant.updated_at,
            }
        )
    ]


def participant_anonymise(participant_id: int) -> int:
    """Remove a participant's name and contact details, keeping the row (and age band) that
    their help requests point at; 0 if already done."""
    updated = Participant.objects.filter(pk=participant_id, erased_at__isnull=True).update(
        first_name="",
        last_name="",
        phone="",
        address="",
        target_groups=[],
        area=None,
        erased_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return updated


def _participant_erase(person: Person) -> int:
    return participant_anonymise(person.pk)


def _recorded_by_erase(person: Person) -> int:
    """An erased account's name where it recorded a police certificate it saw."""
    return PoliceCertificateRecord.objects.filter(seen_by_user_id=person.pk).update(
        seen_by_label=ERASED_LABEL
    )


register_personal_data(
    kind=VOLUNTEER,
    key="people.volunteer",
    models=("people.Volunteer", "people.AvailabilitySlot"),
    title=_("Volunteer record"),
    export=_volunteer_export,
    erase=_volunteer_erase,
    kept=_(
        "The record stays without name, contact details, date of birth or skills; its age "
        "band and start date stay in the statistics."
    ),
    order=900,
)
register_personal_data(
    kind=VOLUNTEER,
    key="people.consents",
    models=("people.Consent",),
    title=_("Consents"),
    export=_consents_export("volunteer_id"),
    erase=_consents_erase("volunteer_id"),
    order=800,
)
register_personal_data(
    kind=VOLUNTEER,
    key="people.certificates",
    models=("people.PoliceCertificateRecord",),
    title=_("Police certificates seen"),
    export=_certificates_export,
    kept=_(
        "Kept: that a police certificate was seen, when and by whom. The centre must be able "
        "to show that it checked. The certificate itself was never stored."
    ),
)
register_personal_data(
    kind=VOLUNTEER,
    key="people.declarations",
    models=("people.ConfidentialityDeclaration",),
    title=_("Confidentiality declarations"),
    export=_declarations_export,
    kept=_("Kept: the date and version of the confidentiality declaration signed."),
)
register_personal_data(
    kind=PARTICIPANT,
    key="people.participant",
    models=("people.Participant",),
    title=_("Participant record"),
    export=_participant_export,
    erase=_participant_erase,
    kept=_("The record stays without name, phone, address or target groups; its age band stays."),
    order=900,
)
register_personal_data(
    kind=PARTICIPANT,
    key="people.consents",
    models=("people.Consent",),
    title=_("Consents"),
    export=_consents_export("participant_id"),
    erase=_consents_erase("participant_id"),
    order=800,
)
register_personal_data(
    kind=ACCOUNT,
    key="people.certificates_seen",
    title=_("Police certificates you recorded as seen"),
    export=lambda person: records(
        PoliceCertificateRecord.objects.filter(seen_by_user_id=person.pk).values("seen_on", "kind")
    ),
    erase=_recorded_by_erase,
    kept=_("The records stay (the centre must show it checked), without your name."),
)
