"""Registering and changing participants: the people the centre's volunteers help."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.people import selectors
from tenant_apps.people.models import AgeBand, Area, Consent, Participant, TargetGroup
from tenant_apps.people.services.common import chosen, full_clean, person_audit, person_viewed
from tenant_apps.people.services.consents import chosen_purposes, consent_record
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


class ParticipantChanges(TypedDict, total=False):
    """What participant_update may change; a key left out stays as it is."""

    first_name: str
    last_name: str
    phone: str
    address: str
    age_band: str
    area: Area | None
    target_groups: Iterable[str]


def _target_groups(target_groups: Iterable[str]) -> list[str]:
    return chosen(
        target_groups,
        TargetGroup.values,
        field="target_groups",
        message=_("Choose target groups from the list."),
    )


def _refuse_target_groups_without_consent(target_groups: list[str], has_consent: bool) -> None:
    if target_groups and not has_consent:
        raise ApplicationError(
            _(
                "Target groups can only be recorded when the person has consented to it. "
                "Record the consent first."
            ),
            field="target_groups",
        )


def _validate_participant(participant: Participant) -> None:
    for field in ("first_name", "last_name", "phone", "address"):
        setattr(participant, field, getattr(participant, field).strip())
    if not participant.first_name:
        raise ApplicationError(_("Enter the first name."), field="first_name")
    full_clean(participant, exclude=["area"])


def participant_create(
    *,
    actor: Actor,
    first_name: str,
    last_name: str = "",
    phone: str = "",
    address: str = "",
    age_band: str = AgeBand.UNKNOWN,
    area: Area | None = None,
    target_groups: Iterable[str] = (),
    consents: Iterable[str] = (),
) -> Participant:
    """Register a participant with the consents they gave now; target groups only if one of
    those is TARGET_GROUPS."""
    purposes = chosen_purposes(consents)
    groups = _target_groups(target_groups)
    _refuse_target_groups_without_consent(groups, Consent.Purpose.TARGET_GROUPS in purposes)
    participant = Participant(
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        address=address,
        age_band=age_band,
        area=area,
        target_groups=groups,
    )
    _validate_participant(participant)
    with transaction.atomic():
        participant.save()
        person_audit(actor=actor, action=AuditAction.CREATED, person=participant)
        for purpose in purposes:
            consent_record(actor=actor, purpose=purpose, person=participant)
    return participant


def participant_update(
    *, actor: Actor, participant: Participant, **changes: Unpack[ParticipantChanges]
) -> Participant:
    """Change a participant's details; target groups need an active TARGET_GROUPS consent."""
    unknown = set(changes) - set(ParticipantChanges.__annotations__)
    if unknown:
        raise TypeError(f"participant_update() got unexpected fields: {sorted(unknown)}")
    values: dict[str, Any] = dict(changes)
    if "target_groups" in values:
        values["target_groups"] = _target_groups(values["target_groups"])
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if "target_groups" in values:
            _refuse_target_groups_without_consent(
                values["target_groups"],
                selectors.active_consent(participant, Consent.Purpose.TARGET_GROUPS) is not None,
            )
        before = {key: getattr(participant, key) for key in values}
        for key, value in values.items():
            setattr(participant, key, value)
        _validate_participant(participant)
        participant.save()
        changed = [key for key in values if before[key] != getattr(participant, key)]
        person_audit(
            actor=actor,
            action=AuditAction.UPDATED,
            person=participant,
            event="updated",
            params={"fields": changed},
        )
    return participant


def participant_detail_view(*, actor: Actor, participant_id: int) -> Participant | None:
    """One participant for a detail page or API answer, recording that `actor` viewed them."""
    participant = selectors.participant_detail(participant_id=participant_id)
    return person_viewed(actor=actor, person=participant)
