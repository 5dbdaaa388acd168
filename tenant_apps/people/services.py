"""Every write to the centre's people: volunteers, their certificates, declarations and
consents, participants, and the skill and area lists.

Each service is atomic and raises ApplicationError (translated message, `field=` the input
it is about) before anything is saved when a rule is broken. Changes to people are recorded
in the centre's audit log, without the personal data itself.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shared_apps.accounts import facade
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import Actor, audit_record
from tenant_apps.people import selectors
from tenant_apps.people.models import (
    AgeBand,
    Area,
    AvailabilitySlot,
    ConfidentialityDeclaration,
    Consent,
    Language,
    Participant,
    PartOfDay,
    PoliceCertificateRecord,
    Skill,
    TargetGroup,
    Volunteer,
    Weekday,
)
from toolkit.errors import ApplicationError

# (weekday, part of day), e.g. (0, "morning") for Monday mornings.
Slot = tuple[int, str]

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


def actor_label(actor: Actor) -> str:
    """How a record names the person who made it: their name, else their e-mail address."""
    return (getattr(actor, "full_name", "") or actor.email)[:200]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day if it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def age_band_for(date_of_birth: datetime.date, on_date: datetime.date) -> str:
    """The statistics age band of someone born on `date_of_birth`, on the given day."""
    age = on_date.year - date_of_birth.year
    if (on_date.month, on_date.day) < (date_of_birth.month, date_of_birth.day):
        age -= 1
    if age < 18:
        return AgeBand.UNDER_18
    if age < 30:
        return AgeBand.YOUNG_ADULT
    if age < 60:
        return AgeBand.ADULT
    if age < 80:
        return AgeBand.SENIOR
    return AgeBand.ELDERLY


def _full_clean(instance, *, exclude: Iterable[str] = ()) -> None:
    """Model validation (lengths, choices, e-mail format …) as an ApplicationError."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from error


def _not_in_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > selectors.today():
        raise ApplicationError(_("This date cannot be in the future."), field=field)


# --- Volunteers -------------------------------------------------------------------------


class VolunteerChanges(TypedDict, total=False):
    """What volunteer_update may change; a key left out stays as it is."""

    first_name: str
    last_name: str
    email: str
    phone: str
    date_of_birth: datetime.date | None
    age_band: str
    languages: Iterable[str]
    skills: Iterable[Skill | int]
    areas: Iterable[Area | int]
    availability: Iterable[Slot]
    start_date: datetime.date
    status: str
    account_user_id: int | None


def _resolve(model, items: Iterable, field: str, message: str) -> list:
    ids = {item if isinstance(item, int) else item.pk for item in items}
    found = list(model.objects.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ApplicationError(message, field=field)
    return found


def _skills(items: Iterable[Skill | int]) -> list[Skill]:
    return _resolve(Skill, items, "skills", _("Choose skills and interests from the list."))


def _areas(items: Iterable[Area | int]) -> list[Area]:
    return _resolve(Area, items, "areas", _("Choose areas from the list."))


def _slots(availability: Iterable[Slot]) -> list[Slot]:
    slots = set()
    for weekday, part_of_day in availability:
        if weekday not in Weekday.values or part_of_day not in PartOfDay.values:
            raise ApplicationError(
                _("Choose a weekday and a part of the day for each time."), field="availability"
            )
        slots.add((int(weekday), str(part_of_day)))
    return sorted(slots)


def _languages(languages: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(languages))
    if any(code not in Language.values for code in chosen):
        raise ApplicationError(_("Choose languages from the list."), field="languages")
    return chosen


def _check_account(
    account_user_id: int | None, *, centre_id: int | None, volunteer: Volunteer | None
) -> None:
    """A sign-in account may be linked to one volunteer, and must be a member of the centre."""
    if account_user_id is None:
        return
    taken = Volunteer.objects.filter(account_user_id=account_user_id)
    if volunteer is not None and volunteer.pk:
        taken = taken.exclude(pk=volunteer.pk)
    if taken.exists():
        raise ApplicationError(
            _("This account already belongs to another volunteer."), field="account_user_id"
        )
    if centre_id is None:
        raise ValueError("centre_id is needed to link a volunteer to an account")
    if facade.centre_member(centre_id=centre_id, user_id=account_user_id) is None:
        raise ApplicationError(
            _("Choose an account with a role at this centre."), field="account_user_id"
        )


def _validate_volunteer(volunteer: Volunteer) -> None:
    volunteer.first_name = volunteer.first_name.strip()
    volunteer.last_name = volunteer.last_name.strip()
    volunteer.email = volunteer.email.strip()
    volunteer.phone = volunteer.phone.strip()
    if not volunteer.first_name:
        raise ApplicationError(_("Enter the first name."), field="first_name")
    if not volunteer.last_name:
        raise ApplicationError(_("Enter the last name."), field="last_name")
    if volunteer.date_of_birth is not None:
        _not_in_future(volunteer.date_of_birth, "date_of_birth")
        if volunteer.date_of_birth < EARLIEST_BIRTH_DATE:
            raise ApplicationError(_("Check the date of birth."), field="date_of_birth")
        # The age band follows the date of birth when it is known.
        volunteer.age_band = age_band_for(volunteer.date_of_birth, selectors.today())
        if volunteer.start_date and volunteer.start_date < volunteer.date_of_birth:
            raise ApplicationError(
                _("The start date cannot be before the date of birth."), field="start_date"
            )
    _full_clean(volunteer, exclude=["skills", "areas", "calendar_token"])


def _replace_availability(volunteer: Volunteer, slots: list[Slot]) -> None:
    volunteer.availability.all().delete()
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(volunteer=volunteer, weekday=weekday, part_of_day=part_of_day)
        for weekday, part_of_day in slots
    )


def volunteer_create(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    start_date: datetime.date | None = None,
    email: str = "",
    phone: str = "",
    date_of_birth: datetime.date | None = None,
    age_band: str = AgeBand.UNKNOWN,
    languages: Iterable[str] = (),
    skills: Iterable[Skill | int] = (),
    areas: Iterable[Area | int] = (),
    availability: Iterable[Slot] = (),
    status: str = Volunteer.Status.ACTIVE,
    account_user_id: int | None = None,
    centre_id: int | None = None,
    consents: Iterable[str] = (),
) -> Volunteer:
    """Register a volunteer with their skills, areas and availability, and the consents
    they gave at registration. `centre_id` is needed only to link a sign-in account."""
    volunteer = Volunteer(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        date_of_birth=date_of_birth,
        age_band=age_band,
        languages=_languages(languages),
        start_date=start_date or selectors.today(),
        status=status,
        account_user_id=account_user_id,
    )
    _validate_volunteer(volunteer)
    chosen_skills, chosen_areas, slots = _skills(skills), _areas(areas), _slots(availability)
    purposes = _purposes(consents)
    with transaction.atomic():
        _check_account(account_user_id, centre_id=centre_id, volunteer=None)
        volunteer.save()
        volunteer.skills.set(chosen_skills)
        volunteer.areas.set(chosen_areas)
        _replace_availability(volunteer, slots)
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
        )
        for purpose in purposes:
            _consent_create(actor=actor, purpose=purpose, volunteer=volunteer)
    return volunteer


def volunteer_update(
    *,
    actor: Actor,
    volunteer: Volunteer,
    centre_id: int | None = None,
    **changes: Unpack[VolunteerChanges],
) -> Volunteer:
    """Change a volunteer's details; skills, areas and availability are replaced when given."""
    relations: dict[str, Any] = {
        key: changes.pop(key)  # type: ignore[misc]
        for key in ("skills", "areas", "availability")
        if key in changes
    }
    if "languages" in changes:
        changes["languages"] = _languages(changes["languages"])
    unknown = set(changes) - set(VolunteerChanges.__annotations__)
    if unknown:
        raise TypeError(f"volunteer_update() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        before = {key: getattr(volunteer, key) for key in changes}
        for key, value in changes.items():
            setattr(volunteer, key, value)
        _validate_volunteer(volunteer)
        if "account_user_id" in changes and before["account_user_id"] != volunteer.account_user_id:
            _check_account(volunteer.account_user_id, centre_id=centre_id, volunteer=volunteer)
        chosen_skills = _skills(relations["skills"]) if "skills" in relations else None
        chosen_areas = _areas(relations["areas"]) if "areas" in relations else None
        slots = _slots(relations["availability"]) if "availability" in relations else None
        volunteer.save()
        changed = [key for key in changes if before[key] != getattr(volunteer, key)]
        if chosen_skills is not None:
            volunteer.skills.set(chosen_skills)
            changed.append("skills")
        if chosen_areas is not None:
            volunteer.areas.set(chosen_areas)
            changed.append("areas")
        if slots is not None:
            _replace_availability(volunteer, slots)
            changed.append("availability")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
            summary=", ".join(changed),
        )
    return volunteer


def volunteer_set_status(*, actor: Actor, volunteer: Volunteer, status: str) -> Volunteer:
    """Mark a volunteer active, paused or ended."""
    if status not in Volunteer.Status.values:
        raise ApplicationError(_("Choose active, paused or ended."), field="status")
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        previous = volunteer.status
        if previous == status:
            return volunteer
        volunteer.status = status
        volunteer.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
            summary=f"status {previous} → {status}",
        )
    return volunteer


def _withdraw_from_coming_shifts(volunteer: Volunteer) -> None:
    """Deleting the volunteer deletes their shift sign-ups (CASCADE) without moving anyone up
    from a waiting list; withdrawing through the activities service does."""
    # Imported here: activities builds on people, not the other way round, except for this.
    from tenant_apps.activities.selectors import session_has_started
    from tenant_apps.activities.services import shift_withdraw

    signups = volunteer.shift_signups.select_related("shift__session")
    for signup in signups:
        session = signup.shift.session
        if not session.is_cancelled and not session_has_started(session):
            shift_withdraw(shift=signup.shift, volunteer=volunteer)


def volunteer_delete(*, actor: Actor, volunteer: Volunteer) -> selectors.HoursSummary:
    """Delete a volunteer and their personal records. Their logged hours and the help they
    gave stay, without their name (hours and assignments are kept with no volunteer), so
    every total stays the same. Returns the hours kept."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        kept = selectors.volunteer_hours_summary(volunteer)
        _withdraw_from_coming_shifts(volunteer)
        volunteer_id = volunteer.pk
        volunteer.delete()
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="volunteer",
            subject_id=volunteer_id,
            summary=f"{kept.entries} hour entries ({kept.total} h) kept anonymised",
        )
    return kept


def volunteer_detail_view(*, actor: Actor, volunteer_id: int) -> Volunteer | None:
    """One volunteer for a detail page or API answer, recording that `actor` viewed them."""
    volunteer = selectors.volunteer_detail(volunteer_id=volunteer_id)
    if volunteer is not None:
        audit_record(
            actor=actor,
            action=AuditAction.VIEWED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
        )
    return volunteer


# --- Police certificates and confidentiality declarations --------------------------------


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
    _not_in_future(seen_on, "seen_on")
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
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="certificate_record",
            subject_id=record.pk,
            summary=f"volunteer {volunteer.pk}: {kind} seen {seen_on}, renew by {renew_by}",
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
    _not_in_future(signed_on, "signed_on")
    version = version.strip() or selectors.centre_settings().confidentiality_version
    declaration = ConfidentialityDeclaration(
        volunteer=volunteer, signed_on=signed_on, version=version
    )
    _full_clean(declaration, exclude=["volunteer"])
    with transaction.atomic():
        declaration.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="confidentiality_declaration",
            subject_id=declaration.pk,
            summary=f"volunteer {volunteer.pk}: version {version}",
        )
    return declaration


# --- Consents -------------------------------------------------------------------------------


def _purposes(purposes: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(purposes))
    if any(purpose not in Consent.Purpose.values for purpose in chosen):
        raise ApplicationError(_("Choose a purpose from the list."), field="consents")
    return chosen


def _person(volunteer: Volunteer | None, participant: Participant | None):
    if (volunteer is None) == (participant is None):
        raise ValueError("a consent belongs to exactly one volunteer or participant")
    return volunteer if volunteer is not None else participant


def _consent_create(
    *,
    actor: Actor,
    purpose: str,
    volunteer: Volunteer | None = None,
    participant: Participant | None = None,
    given_on: datetime.date | None = None,
) -> Consent:
    person = _person(volunteer, participant)
    if selectors.active_consent(person, purpose) is not None:
        raise ApplicationError(_("This consent has already been given."), field="purpose")
    consent = Consent.objects.create(
        volunteer=volunteer,
        participant=participant,
        purpose=purpose,
        given_on=given_on or selectors.today(),
        recorded_by_label=actor_label(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        subject_type="volunteer" if volunteer is not None else "participant",
        subject_id=person.pk,
        summary=f"consent given: {purpose}",
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
    if purpose not in Consent.Purpose.values:
        raise ApplicationError(_("Choose a purpose from the list."), field="purpose")
    _not_in_future(given_on, "given_on")
    with transaction.atomic():
        # Lock the person so two clicks cannot record the same consent twice.
        person = _person(volunteer, participant)
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        return _consent_create(
            actor=actor,
            purpose=purpose,
            volunteer=volunteer,
            participant=participant,
            given_on=given_on,
        )


def consent_withdraw(
    *, actor: Actor, consent: Consent, withdrawn_on: datetime.date | None = None
) -> Consent:
    """Record that a consent was withdrawn (default: today). Withdrawing a participant's
    TARGET_GROUPS consent clears their target groups: they may only be kept with it."""
    withdrawn_on = withdrawn_on or selectors.today()
    _not_in_future(withdrawn_on, "withdrawn_on")
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="volunteer" if consent.volunteer_id else "participant",
            subject_id=consent.volunteer_id or consent.participant_id,
            summary=f"consent withdrawn: {consent.purpose}",
        )
    return consent


# --- Participants ---------------------------------------------------------------------------


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
    chosen = list(dict.fromkeys(target_groups))
    if any(group not in TargetGroup.values for group in chosen):
        raise ApplicationError(_("Choose target groups from the list."), field="target_groups")
    return chosen


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
    _full_clean(participant, exclude=["area"])


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
    purposes = _purposes(consents)
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
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="participant",
            subject_id=participant.pk,
        )
        for purpose in purposes:
            _consent_create(actor=actor, purpose=purpose, participant=participant)
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
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="participant",
            subject_id=participant.pk,
            summary=", ".join(key for key in values if before[key] != getattr(participant, key)),
        )
    return participant


def participant_detail_view(*, actor: Actor, participant_id: int) -> Participant | None:
    """One participant for a detail page or API answer, recording that `actor` viewed them."""
    participant = selectors.participant_detail(participant_id=participant_id)
    if participant is not None:
        audit_record(
            actor=actor,
            action=AuditAction.VIEWED,
            subject_type="participant",
            subject_id=participant.pk,
        )
    return participant


# --- Skill and area lists -------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("Enter a name."), field="name")
    if len(name) > 100:
        raise ApplicationError(_("Use at most 100 characters."), field="name")
    return name


def skill_create(*, name: str, kind: str = Skill.Kind.SKILL) -> Skill:
    """Add a skill or an interest to the centre's list."""
    return _skill_save(Skill(kind=kind), name=name, kind=kind, is_active=True)


def skill_update(*, skill: Skill, name: str, kind: str, is_active: bool) -> Skill:
    """Rename a skill or interest, or take it out of use (volunteers who have it keep it)."""
    return _skill_save(skill, name=name, kind=kind, is_active=is_active)


def _skill_save(skill: Skill, *, name: str, kind: str, is_active: bool) -> Skill:
    name = _clean_name(name)
    if kind not in Skill.Kind.values:
        raise ApplicationError(_("Choose skill or interest."), field="kind")
    with transaction.atomic():
        taken = Skill.objects.filter(kind=kind, name__iexact=name).exclude(pk=skill.pk)
        if taken.exists():
            raise ApplicationError(_("The list already has this name."), field="name")
        skill.name, skill.kind, skill.is_active = name, kind, is_active
        skill.save()
    return skill


def area_create(*, name: str) -> Area:
    """Add an area of the municipality to the centre's list."""
    return _area_save(Area(), name=name, is_active=True)


def area_update(*, area: Area, name: str, is_active: bool) -> Area:
    """Rename an area, or take it out of use (volunteers who cover it keep it)."""
    return _area_save(area, name=name, is_active=is_active)


def _area_save(area: Area, *, name: str, is_active: bool) -> Area:
    name = _clean_name(name)
    with transaction.atomic():
        if Area.objects.filter(name__iexact=name).exclude(pk=area.pk).exists():
            raise ApplicationError(_("The list already has this name."), field="name")
        area.name, area.is_active = name, is_active
        area.save()
    return area
