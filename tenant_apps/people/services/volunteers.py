"""Registering, changing, pausing and deleting volunteers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from django.db import models, transaction
from django.utils.translation import gettext as _

from shared_apps.accounts import facade
from tenant_apps.audit.models import AuditAction
from tenant_apps.people import selectors
from tenant_apps.people.models import (
    AgeBand,
    Area,
    AvailabilitySlot,
    Language,
    PartOfDay,
    Skill,
    Volunteer,
    Weekday,
)
from tenant_apps.people.services.common import (
    age_band_for,
    chosen,
    full_clean,
    not_in_future,
    person_audit,
    person_viewed,
)
from tenant_apps.people.services.consents import chosen_purposes, consent_record
from tenant_apps.people.signals import volunteer_deleting
from toolkit.actors import Actor
from toolkit.bounds import date_refuse_outside
from toolkit.errors import ApplicationError

# (weekday, part of day), e.g. (0, "morning") for Monday mornings.
Slot = tuple[int, str]

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


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


def _resolve(model: type[models.Model], items: Iterable, field: str, message: str) -> list:
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
    return chosen(
        languages, Language.values, field="languages", message=_("Choose languages from the list.")
    )


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


def _refuse_implausible_start_date(start_date: datetime.date) -> None:
    window = selectors.date_window()
    date_refuse_outside(
        start_date, earliest=window.earliest, latest=window.latest, field="start_date"
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
        not_in_future(volunteer.date_of_birth, "date_of_birth")
        if volunteer.date_of_birth < EARLIEST_BIRTH_DATE:
            raise ApplicationError(_("Check the date of birth."), field="date_of_birth")
        # The age band follows the date of birth when it is known.
        volunteer.age_band = age_band_for(volunteer.date_of_birth, selectors.today())
        if volunteer.start_date and volunteer.start_date < volunteer.date_of_birth:
            raise ApplicationError(
                _("The start date cannot be before the date of birth."), field="start_date"
            )
    full_clean(volunteer, exclude=["skills", "areas", "calendar_token"])


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
    _refuse_implausible_start_date(volunteer.start_date)
    _validate_volunteer(volunteer)
    chosen_skills, chosen_areas, slots = _skills(skills), _areas(areas), _slots(availability)
    purposes = chosen_purposes(consents)
    with transaction.atomic():
        _check_account(account_user_id, centre_id=centre_id, volunteer=None)
        volunteer.save()
        volunteer.skills.set(chosen_skills)
        volunteer.areas.set(chosen_areas)
        _replace_availability(volunteer, slots)
        person_audit(actor=actor, action=AuditAction.CREATED, person=volunteer)
        for purpose in purposes:
            consent_record(actor=actor, purpose=purpose, person=volunteer)
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
        if changes.get("status") == Volunteer.Status.APPLIED != volunteer.status:
            # An offer to volunteer is only made on the public form.
            raise ApplicationError(_("Choose active, paused or ended."), field="status")
        for key, value in changes.items():
            setattr(volunteer, key, value)
        if "start_date" in changes and before["start_date"] != volunteer.start_date:
            _refuse_implausible_start_date(volunteer.start_date)
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
        person_audit(
            actor=actor,
            action=AuditAction.UPDATED,
            person=volunteer,
            event="updated",
            params={"fields": changed},
        )
    return volunteer


def volunteer_set_status(*, actor: Actor, volunteer: Volunteer, status: str) -> Volunteer:
    """Mark a volunteer active, paused or ended."""
    if status not in Volunteer.Status.values or status == Volunteer.Status.APPLIED:
        # An offer to volunteer is only made on the public form, and answered on its own.
        raise ApplicationError(_("Choose active, paused or ended."), field="status")
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        previous = volunteer.status
        if previous == status:
            return volunteer
        volunteer.status = status
        fields = ["status", "updated_at"]
        if status == Volunteer.Status.ENDED and volunteer.calendar_token:
            # The calendar address is the only key to the feed; it ends with the engagement
            # (a volunteer taken back on makes a new one).
            volunteer.calendar_token = None
            fields.append("calendar_token")
        volunteer.save(update_fields=fields)
        person_audit(
            actor=actor,
            action=AuditAction.UPDATED,
            person=volunteer,
            event="status_changed",
            params={"previous": previous, "status": status},
        )
    return volunteer


def volunteer_delete(*, actor: Actor, volunteer: Volunteer) -> selectors.HoursSummary:
    """Delete a volunteer and their personal records. Their logged hours and the help they
    gave stay, without their name (hours and assignments are kept with no volunteer), so
    every total stays the same. Returns the hours kept."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        kept = selectors.volunteer_hours_summary(volunteer)
        # Apps built on people (activities: coming shifts) let go of the volunteer first.
        volunteer_deleting.send(sender=Volunteer, volunteer=volunteer, actor=actor)
        # Recorded before the row goes: delete() clears the instance's id.
        person_audit(
            actor=actor,
            action=AuditAction.DELETED,
            person=volunteer,
            event="deleted",
            params={"entries": kept.entries, "hours": str(kept.total)},
        )
        volunteer.delete()
    return kept


def volunteer_detail_view(*, actor: Actor, volunteer_id: int) -> Volunteer | None:
    """One volunteer for a detail page or API answer, recording that `actor` viewed them."""
    volunteer = selectors.volunteer_detail(volunteer_id=volunteer_id)
    return person_viewed(actor=actor, person=volunteer)
