"""Every write to volunteer hours: logging, bulk logging for a session, approval, edits,
and the audited export.

A volunteer logs and changes only their own hours, and only until they are approved;
coordinators and managers log for anyone (approving at once if they choose) and approve or
reject. Every rule is checked before anything is written, so bad input saves nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenant_apps.activities.models import Activity, ActivityCategory, Session
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.helprequests.models import Assignment
from tenant_apps.hours.export import hours_csv, hours_xlsx
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.selectors import hours_logged_for_session
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import date_window, volunteer_of_account
from toolkit.actors import Actor, StaffActor
from toolkit.bounds import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from toolkit.errors import ApplicationError
from toolkit.exports import CSV, ExportFile

MAX_HOURS_A_DAY = Decimal("24")


class HoursInvalid(ApplicationError):
    """One or more fields are wrong: raised with `errors=` (field → message)."""


class HoursNotAllowed(ApplicationError):
    """The actor may not do this to these hours."""

    http_status = 403


def _own_volunteer(actor: StaffActor) -> Volunteer | None:
    return volunteer_of_account(user_id=actor.pk)


def _parse_hours(hours) -> Decimal | None:
    if hours is None or hours == "":
        return None
    try:
        return Decimal(str(hours))
    except (InvalidOperation, ValueError):
        return None


def _hours_error(hours: Decimal | None) -> str | None:
    if hours is None or not hours.is_finite():
        return _("Enter the number of hours, e.g. 2 or 1.5.")
    if hours <= 0:
        return _("The hours must be more than 0.")
    if hours > MAX_HOURS_A_DAY:
        return _("A day has at most 24 hours.")
    if hours != hours.quantize(Decimal("0.01")):
        return _("Use at most two decimals, e.g. 1.25.")
    return None


def _date_error(date: datetime.date | None) -> str | None:
    if date is None:
        return _("Enter the date.")
    if date > timezone.localdate():
        return _("The date cannot be in the future.")
    earliest = date_window().earliest
    if date < earliest:
        return _("Give a date from %(earliest)s on.") % {
            "earliest": date_format(earliest, "SHORT_DATE_FORMAT")
        }
    return None


def _check_entry(
    errors: dict[str, str], *, date: datetime.date | None, hours, description: str
) -> Decimal | None:
    """Check the date, hours and description of an entry into `errors`; return the hours."""
    parsed_hours = _parse_hours(hours)
    if message := _date_error(date):
        errors["date"] = message
    if message := _hours_error(parsed_hours):
        errors["hours"] = message
    if len(description) > HoursEntry._meta.get_field("description").max_length:
        errors["description"] = _("Use at most 300 characters.")
    elif has_control_characters(description):
        errors["description"] = str(CONTROL_CHARACTERS_MESSAGE)
    return parsed_hours


def _check_links(
    *,
    errors: dict[str, str],
    volunteer: Volunteer | None,
    category: ActivityCategory | None,
    activity: Activity | None,
    session: Session | None,
    assignment: Assignment | None,
) -> tuple[ActivityCategory | None, Activity | None]:
    """Check that activity, session, assignment and category belong together; return the
    category and activity to save (both default from the session or activity)."""
    if session is not None:
        if activity is None:
            activity = session.activity
        elif session.activity_id != activity.pk:
            errors["session"] = _("This session belongs to another activity.")
        if session.is_cancelled:
            errors.setdefault("session", _("This session was cancelled."))
    if assignment is not None:
        if activity is not None:
            errors["assignment"] = _(
                "Log hours either for an activity or for a help assignment, not both."
            )
        elif volunteer is not None and assignment.volunteer_id != volunteer.pk:
            errors["assignment"] = _("This help assignment belongs to another volunteer.")
    if category is None and activity is not None:
        category = activity.category
    if category is None:
        errors["category"] = _("Choose a category.")
    elif not category.is_active:
        errors["category"] = _("This category is no longer in use.")
    return category, activity


def _approval(actor: StaffActor, approve: bool) -> dict:
    if not approve:
        return {"status": HoursEntry.Status.SUBMITTED}
    return {
        "status": HoursEntry.Status.APPROVED,
        "approved_by_user_id": actor.pk,
        "approved_at": timezone.now(),
    }


def _already_logged_for_session(session: Session, volunteer_ids: Iterable[int]) -> set[int]:
    return set(hours_logged_for_session(session.pk, volunteer_ids=volunteer_ids))


def hours_log(
    *,
    volunteer: Volunteer | None,
    category: ActivityCategory | None,
    date: datetime.date | None,
    hours: Decimal | str | None,
    activity: Activity | None = None,
    session: Session | None = None,
    assignment: Assignment | None = None,
    description: str = "",
    actor: StaffActor,
    approve: bool = False,
) -> HoursEntry:
    """Log hours: a volunteer for themselves (waiting for approval), staff for anyone."""
    errors: dict[str, str] = {}
    if actor.is_staff:
        if volunteer is None:
            errors["volunteer"] = _("Choose a volunteer.")
    else:
        if approve:
            raise HoursNotAllowed(_("Only coordinators can approve hours."))
        own = _own_volunteer(actor)
        if own is None:
            raise HoursNotAllowed(
                _("You are not registered as a volunteer here. Ask a coordinator to add you.")
            )
        if volunteer is not None and volunteer.pk != own.pk:
            raise HoursNotAllowed(_("You can log only your own hours."))
        volunteer = own
    parsed_hours = _check_entry(errors, date=date, hours=hours, description=description)
    category, activity = _check_links(
        errors=errors,
        volunteer=volunteer,
        category=category,
        activity=activity,
        session=session,
        assignment=assignment,
    )
    with transaction.atomic():
        if session is not None and volunteer is not None:
            # One at a time per session, so two logs cannot both pass the check below.
            Session.objects.select_for_update().filter(pk=session.pk).first()
            if _already_logged_for_session(session, [volunteer.pk]):
                errors.setdefault(
                    "session", _("Hours for this session are already logged for this volunteer.")
                )
        if errors:
            raise HoursInvalid(errors=errors)
        return HoursEntry.objects.create(
            volunteer=volunteer,
            category=category,
            activity=activity,
            session=session,
            assignment=assignment,
            date=date,
            hours=parsed_hours,
            description=description.strip(),
            logged_by_user_id=actor.pk,
            **_approval(actor, approve),
        )


def hours_bulk_log_for_session(
    *,
    session: Session,
    entries: Sequence[tuple[Volunteer, Decimal | str | None]],
    actor: StaffActor,
    approve: bool = True,
    description: str = "",
) -> list[HoursEntry]:
    """Log the hours of several volunteers for one session at once: all or nothing."""
    if not actor.is_staff:
        raise HoursNotAllowed(_("Only coordinators can log hours for a session."))
    errors: dict[str, str] = {}
    if not entries:
        errors["entries"] = _("Enter hours for at least one volunteer.")
    if session.date > timezone.localdate():
        errors["date"] = _("The session has not taken place yet.")
    if session.is_cancelled:
        errors["session"] = _("This session was cancelled.")
    category = session.activity.category
    if not category.is_active:
        errors["category"] = _("This category is no longer in use.")
    parsed: list[tuple[Volunteer, Decimal]] = []
    seen: set[int] = set()
    for volunteer, hours in entries:
        key = f"hours_{volunteer.pk}"
        value = _parse_hours(hours)
        if message := _hours_error(value):
            errors[key] = message
        elif volunteer.pk in seen:
            errors[key] = _("Each volunteer can be listed only once.")
        else:
            parsed.append((volunteer, value))
        seen.add(volunteer.pk)
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).first()
        for volunteer_id in _already_logged_for_session(session, seen):
            errors[f"hours_{volunteer_id}"] = _(
                "Hours for this session are already logged for this volunteer."
            )
        if errors:
            raise HoursInvalid(errors=errors)
        approval = _approval(actor, approve)
        return HoursEntry.objects.bulk_create(
            HoursEntry(
                volunteer=volunteer,
                category=category,
                activity=session.activity,
                session=session,
                date=session.date,
                hours=hours,
                description=description.strip(),
                logged_by_user_id=actor.pk,
                **approval,
            )
            for volunteer, hours in parsed
        )


def _decide(entry_ids: Iterable[int], actor: StaffActor, status: str, from_statuses) -> int:
    if not actor.is_staff:
        raise HoursNotAllowed(_("Only coordinators can approve or reject hours."))
    ids = {int(entry_id) for entry_id in entry_ids}
    if not ids:
        raise HoursInvalid(errors={"entries": _("Choose at least one entry.")})
    approved = status == HoursEntry.Status.APPROVED
    with transaction.atomic():
        return HoursEntry.objects.filter(pk__in=ids, status__in=from_statuses).update(
            status=status,
            approved_by_user_id=actor.pk if approved else None,
            approved_at=timezone.now() if approved else None,
        )


def hours_approve(*, entry_ids: Iterable[int], actor: StaffActor) -> int:
    """Approve the chosen entries that are waiting (or were rejected); returns how many."""
    return _decide(
        entry_ids,
        actor,
        HoursEntry.Status.APPROVED,
        [HoursEntry.Status.SUBMITTED, HoursEntry.Status.REJECTED],
    )


def hours_reject(*, entry_ids: Iterable[int], actor: StaffActor) -> int:
    """Reject the chosen entries that are waiting for approval; returns how many."""
    return _decide(entry_ids, actor, HoursEntry.Status.REJECTED, [HoursEntry.Status.SUBMITTED])


def _check_may_change(entry: HoursEntry, actor: StaffActor) -> None:
    if actor.is_staff:
        return
    own = _own_volunteer(actor)
    if own is None or entry.volunteer_id != own.pk:
        raise HoursNotAllowed(_("You can change only your own hours."))
    if entry.status != HoursEntry.Status.SUBMITTED:
        raise HoursNotAllowed(_("These hours have been approved or rejected and cannot change."))


def hours_update(
    *,
    entry: HoursEntry,
    actor: StaffActor,
    category: ActivityCategory | None,
    date: datetime.date | None,
    hours: Decimal | str | None,
    activity: Activity | None = None,
    assignment: Assignment | None = None,
    description: str = "",
) -> HoursEntry:
    """Change an entry: a volunteer their own while it waits for approval; staff any."""
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        _check_may_change(entry, actor)
        errors: dict[str, str] = {}
        parsed_hours = _check_entry(errors, date=date, hours=hours, description=description)
        category, activity = _check_links(
            errors=errors,
            volunteer=entry.volunteer,
            category=category,
            activity=activity,
            session=None,
            assignment=assignment,
        )
        if errors:
            raise HoursInvalid(errors=errors)
        # The session stays only while the entry stays on the session's activity.
        session_id = entry.session_id
        if session_id and (activity is None or entry.session.activity_id != activity.pk):
            session_id = None
        entry.category = category
        entry.activity = activity
        entry.session_id = session_id
        entry.assignment = assignment
        entry.date = date
        entry.hours = parsed_hours
        entry.description = description.strip()
        entry.save(
            update_fields=[
                "category",
                "activity",
                "session",
                "assignment",
                "date",
                "hours",
                "description",
            ]
        )
        return entry


def hours_export(
    *,
    actor: Actor,
    centre_slug: str,
    date_from: datetime.date,
    date_to: datetime.date,
    file_format: str,
) -> ExportFile:
    """A period's hours as a CSV or Excel file (`file_format`); the audit log notes who took it."""
    make = hours_csv if file_format == CSV else hours_xlsx
    export = make(centre_slug=centre_slug, date_from=date_from, date_to=date_to)
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type="hours_export",
        code="hours_export.taken",
        params={
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "format": file_format,
        },
    )
    return export


def hours_delete(*, entry: HoursEntry, actor: StaffActor) -> None:
    """Delete an entry: a volunteer their own while it waits for approval; staff any."""
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        _check_may_change(entry, actor)
        entry.delete()
