"""Consents a volunteer or a participant gives and withdraws."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people import selectors
from tenant_apps.people.models import Consent, Participant, Volunteer
from tenant_apps.people.services.common import (
    actor_label,
    chosen,
    not_in_future,
    person_audit,
)
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


def chosen_purposes(purposes: Iterable[str], *, field: str = "consents") -> list[str]:
    """The consents given at registration, each a purpose from the list."""
    return chosen(
        purposes,
        Consent.Purpose.values,
        field=field,
        message=_("Choose a purpose from the list."),
    )


def _person(volunteer: Volunteer | None, participant: Participant | None):
    if (volunteer is None) == (participant is None):
        raise ValueError("a consent belongs to exactly one volunteer or participant")
    return volunteer if volunteer is not None else participant


def consent_record(
    *,
    actor: Actor,
    person: Volunteer | Participant,
    purpose: str,
    given_on: datetime.date | None = None,
) -> Consent:
    """Record a consent, inside the caller's transaction (the person is new or locked)."""
    if selectors.active_consent(person, purpose) is not None:
        raise ApplicationError(_("This consent has already been given."), field="purpose")
    consent = Consent.objects.create(
        **{person._meta.model_name: person},
        purpose=purpose,
        given_on=given_on or selectors.today(),
        recorded_by_label=actor_label(actor),
    )
    person_audit(
        actor=actor,
        action=AuditAction.UPDATED,
        person=person,
        event="consent_given",
        params={"purpose": purpose},
    )
    return consent


def consent_give(
    *,
    actor: Actor,
    purpose: str,
    volunteer: Volunteer | None = None,
    participant: Participant | None = None,
    given_on: datetime.date | None = None,
) -> Consent:
    """Record a consent a volunteer or a participant gave (default: today)."""
    chosen_purposes([purpose], field="purpose")
    not_in_future(given_on, "given_on")
    person = _person(volunteer, participant)
    with transaction.atomic():
        # Lock the person so two clicks cannot record the same consent twice.
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        return consent_record(actor=actor, person=person, purpose=purpose, given_on=given_on)


def consent_withdraw(
    *, actor: Actor, consent: Consent, withdrawn_on: datetime.date | None = None
) -> Consent:
    """Record that a consent was withdrawn (default: today). Withdrawing a participant's
    TARGET_GROUPS consent clears their target groups: they may only be kept with it."""
    withdrawn_on = withdrawn_on or selectors.today()
    not_in_future(withdrawn_on, "withdrawn_on")
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_on is not None:
            raise ApplicationError(_("This consent has already been withdrawn."))
        if withdrawn_on < consent.given_on:
            raise ApplicationError(
                _("A consent cannot be withdrawn before it was given."), field="withdrawn_on"
            )
        consent.withdrawn_on = withdrawn_on
        consent.save(update_fields=["withdrawn_on"])
        if consent.purpose == Consent.Purpose.TARGET_GROUPS and consent.participant_id:
            Participant.objects.filter(pk=consent.participant_id).update(target_groups=[])
        kind = "volunteer" if consent.volunteer_id else "participant"
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=kind,
            subject_id=consent.volunteer_id or consent.participant_id,
            code=f"{kind}.consent_withdrawn",
            params={"purpose": consent.purpose},
        )
    return consent
