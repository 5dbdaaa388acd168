"""The records the law asks for before some work: a police certificate seen, and the
confidentiality declaration signed. The documents themselves are never stored."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people import selectors
from tenant_apps.people.models import (
    ConfidentialityDeclaration,
    PoliceCertificateRecord,
    Volunteer,
)
from tenant_apps.people.services.common import actor_label, add_months, full_clean, not_in_future
from toolkit.actors import Actor
from toolkit.errors import ApplicationError

# How the audit log names each kind of record.
SUBJECT_TYPES = {
    PoliceCertificateRecord: "certificate_record",
    ConfidentialityDeclaration: "confidentiality_declaration",
}


def _audit_created(
    *, actor: Actor, record: PoliceCertificateRecord | ConfidentialityDeclaration, params: dict
) -> None:
    kind = SUBJECT_TYPES[type(record)]
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        subject_type=kind,
        subject_id=record.pk,
        code=f"{kind}.created",
        params={"volunteer": record.volunteer_id, **params},
    )


def certificate_record(
    *,
    actor: Actor,
    volunteer: Volunteer,
    kind: str,
    seen_on: datetime.date,
    renew_by: datetime.date | None = None,
) -> PoliceCertificateRecord:
    """Record that the volunteer showed a police certificate: when, the kind, by whom, and
    when to see a new one (default: `seen_on` + the centre's validity in months). The
    certificate itself is never stored."""
    if kind not in PoliceCertificateRecord.Kind.values:
        raise ApplicationError(_("Choose the kind of certificate."), field="kind")
    not_in_future(seen_on, "seen_on")
    if renew_by is None:
        renew_by = add_months(seen_on, selectors.centre_settings().certificate_validity_months)
    if renew_by <= seen_on:
        raise ApplicationError(
            _("The renewal date must be after the date the certificate was seen."),
            field="renew_by",
        )
    with transaction.atomic():
        record = PoliceCertificateRecord.objects.create(
            volunteer=volunteer,
            kind=kind,
            seen_on=seen_on,
            renew_by=renew_by,
            seen_by_user_id=actor.pk,
            seen_by_label=actor_label(actor),
        )
        _audit_created(
            actor=actor,
            record=record,
            params={
                "kind": kind,
                "seen_on": seen_on.isoformat(),
                "renew_by": renew_by.isoformat(),
            },
        )
    return record


def confidentiality_declaration_sign(
    *,
    actor: Actor,
    volunteer: Volunteer,
    signed_on: datetime.date | None = None,
    version: str = "",
) -> ConfidentialityDeclaration:
    """Record that the volunteer signed the confidentiality declaration (default: today, the
    centre's current version)."""
    signed_on = signed_on or selectors.today()
    not_in_future(signed_on, "signed_on")
    version = version.strip() or selectors.centre_settings().confidentiality_version
    declaration = ConfidentialityDeclaration(
        volunteer=volunteer, signed_on=signed_on, version=version
    )
    full_clean(declaration, exclude=["volunteer"])
    with transaction.atomic():
        declaration.save()
        _audit_created(actor=actor, record=declaration, params={"version": version})
    return declaration
