"""How the audit log reads the people app's events and names its volunteers and participants
(discovered by tenant_apps.audit; see tenant_apps/audit/messages.py)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import as_date, as_number, register_message, register_subject
from tenant_apps.people.models import (
    CentreSettings,
    ConfidentialityDeclaration,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Volunteer,
)

# Fields without a label of their own on the model.
EXTRA_FIELD_LABELS = {"account_user_id": _("account"), "availability": _("availability")}


def _field_labels(model: type[models.Model]):
    def render(names) -> str:
        labels = []
        for name in names if isinstance(names, list | tuple) else [names]:
            try:
                labels.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(str(EXTRA_FIELD_LABELS.get(name, name)))
        return ", ".join(labels)

    return render


def _ids(ids: set[str]) -> list[int]:
    return [int(subject_id) for subject_id in ids if subject_id.isdigit()]


def _person_names(model: type[Volunteer] | type[Participant]):
    def names(ids: set[str]) -> dict[str, str]:
        people = model.objects.filter(pk__in=_ids(ids)).only("first_name", "last_name")
        # str(): a participant has no full_name property; both print "first last".
        return {str(person.pk): str(person) for person in people}

    return names


def _record_names(model: type[PoliceCertificateRecord] | type[ConfidentialityDeclaration]):
    def names(ids: set[str]) -> dict[str, str]:
        records = model.objects.filter(pk__in=_ids(ids)).select_related("volunteer")
        return {str(record.pk): record.volunteer.full_name for record in records}

    return names


register_subject(
    "volunteer",
    _("Volunteer"),
    deleted=_("deleted volunteer"),
    names=_person_names(Volunteer),
    view_name="people:volunteer_detail",
)
register_subject(
    "participant",
    _("Participant"),
    deleted=_("deleted participant"),
    names=_person_names(Participant),
    view_name="people:participant_detail",
)
register_subject(
    "certificate_record",
    _("Police certificate record"),
    deleted=_("deleted police certificate record"),
    names=_record_names(PoliceCertificateRecord),
)
register_subject(
    "confidentiality_declaration",
    _("Confidentiality declaration"),
    deleted=_("deleted confidentiality declaration"),
    names=_record_names(ConfidentialityDeclaration),
)

for kind, model in (("volunteer", Volunteer), ("participant", Participant)):
    register_message(
        f"{kind}.updated",
        _("Changed: %(fields)s"),
        formats={"fields": _field_labels(model)},
    )
    register_message(
        f"{kind}.consent_given",
        _("Consent given: %(purpose)s"),
        formats={"purpose": dict(Consent.Purpose.choices)},
    )
    register_message(
        f"{kind}.consent_withdrawn",
        _("Consent withdrawn: %(purpose)s"),
        formats={"purpose": dict(Consent.Purpose.choices)},
    )
register_message(
    "volunteer.status_changed",
    _("Status changed from %(previous)s to %(status)s"),
    formats={"previous": dict(Volunteer.Status.choices), "status": dict(Volunteer.Status.choices)},
)
register_message(
    "volunteer.deleted",
    _("Hour entries kept without the name: %(entries)s (%(hours)s h)"),
    formats={"hours": as_number},
)
register_message(
    "certificate_record.created",
    _("%(kind)s of %(volunteer)s seen %(seen_on)s, renew by %(renew_by)s"),
    formats={
        "kind": dict(PoliceCertificateRecord.Kind.choices),
        "seen_on": as_date,
        "renew_by": as_date,
    },
    subjects={"volunteer": "volunteer"},
)
register_message(
    "confidentiality_declaration.created",
    _("Version %(version)s signed by %(volunteer)s"),
    subjects={"volunteer": "volunteer"},
)

# The centre's settings (tenant_apps.people.services.settings).
register_subject("centre_settings", _("Centre settings"))
register_message(
    "centre_settings.changed",
    _("Changed: %(fields)s"),
    formats={"fields": _field_labels(CentreSettings)},
)
register_message("volunteer.application_accepted", _("Offer to volunteer accepted"))
register_message(
    "volunteer.application_declined", _("Offer to volunteer declined; the details were deleted")
)
