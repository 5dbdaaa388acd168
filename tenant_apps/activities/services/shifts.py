"""Writes to shifts: places, sign-ups and the waiting list that moves up by itself."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenant_apps.activities import emails
from tenant_apps.activities.models import (
    Session,
    Shift,
    ShiftSignup,
)
from tenant_apps.activities.selectors import session_has_started
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import has_valid_certificate
from toolkit.actors import Actor
from toolkit.errors import ApplicationError

MAX_SHIFT_CAPACITY = 500


def _clean_shift(*, name: str, capacity: int) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Name the role, for example “Host”."), field="name")
    if not isinstance(capacity, int) or capacity < 1:
        raise ApplicationError(_("A shift needs at least one place."), field="capacity")
    if capacity > MAX_SHIFT_CAPACITY:
        raise ApplicationError(
            _("A shift can have at most %(max)s places.") % {"max": MAX_SHIFT_CAPACITY},
            field="capacity",
        )
    return name


def shift_create(*, session: Session, name: str, capacity: int) -> Shift:
    """Add a volunteer role with a number of places to a session."""
    name = _clean_shift(name=name, capacity=capacity)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise ApplicationError(_("This session is cancelled."))
        return Shift.objects.create(session=session, name=name, capacity=capacity)


def shift_update(*, shift: Shift, name: str, capacity: int) -> Shift:
    """Rename a shift or change its places; more places move people up from the waiting list."""
    name = _clean_shift(name=name, capacity=capacity)
    with transaction.atomic():
        shift = _locked_shift(shift)
        confirmed = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
        if capacity < confirmed:
            raise ApplicationError(
                ngettext(
                    "%(count)s person is confirmed on this shift. Withdraw them before "
                    "lowering the places.",
                    "%(count)s people are confirmed on this shift. Withdraw some of them "
                    "before lowering the places.",
                    confirmed,
                )
                % {"count": confirmed},
                field="capacity",
            )
        shift.name, shift.capacity = name, capacity
        shift.save(update_fields=["name", "capacity"])
        _fill_free_places(shift)
    return shift


def shift_delete(*, shift: Shift) -> None:
    """Remove a shift nobody has signed up for."""
    with transaction.atomic():
        shift = _locked_shift(shift)
        if shift.signups.exists():
            raise ApplicationError(
                _("Volunteers have signed up for this shift. Withdraw them first.")
            )
        shift.delete()


def shifts_copy_forward(*, session: Session) -> int:
    """Give every later session of the activity that has no shifts this session's shifts."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        template = list(session.shifts.order_by("name", "id").values_list("name", "capacity"))
        if not template:
            raise ApplicationError(_("This session has no shifts to copy."))
        later = list(
            Session.objects.filter(
                activity_id=session.activity_id,
                date__gt=session.date,
                is_cancelled=False,
                shifts__isnull=True,
            )
        )
        Shift.objects.bulk_create(
            Shift(session=target, name=name, capacity=capacity)
            for target in later
            for name, capacity in template
        )
    return len(later)


def _locked_shift(shift: Shift) -> Shift:
    """The shift row, locked until the transaction ends: sign-ups to one shift queue here."""
    return (
        Shift.objects.select_for_update(of=("self",))
        .select_related("session__activity")
        .get(pk=shift.pk)
    )


def _audit_for_someone_else(
    *, actor: Actor | None, volunteer: Volunteer, code: str, params: dict
) -> None:
    # Signing yourself up or off is your own business; a coordinator acting on another
    # volunteer's shifts is what the volunteer's audit trail is for (pages and API alike).
    if actor is None or volunteer.account_user_id == actor.pk:
        return
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        subject_type="volunteer",
        subject_id=volunteer.pk,
        code=code,
        params=params,
    )


def _shift_params(shift: Shift) -> dict:
    session = shift.session
    return {
        "shift": shift.pk,
        "shift_name": shift.name,
        "activity": session.activity_id,
        "activity_name": session.activity.name,
        "date": session.date.isoformat(),
    }


def shift_sign_up(*, shift: Shift, volunteer: Volunteer, actor: Actor | None = None) -> ShiftSignup:
    """Put a volunteer on a shift: confirmed while places are free, else on the waiting list.

    The shift row is locked for the transaction, so sign-ups at the same moment are counted
    one after the other and the places are never exceeded. `actor` signing up someone else
    is audited.
    """
    with transaction.atomic():
        shift = _locked_shift(shift)
        session = shift.session
        if session.is_cancelled:
            raise ApplicationError(_("This session is cancelled."))
        if session_has_started(session):
            raise ApplicationError(_("This session has already started or is over."))
        if volunteer.status != Volunteer.Status.ACTIVE:
            raise ApplicationError(
                _("%(name)s is not an active volunteer.") % {"name": volunteer.full_name},
                field="volunteer",
            )
        if session.activity.requires_certificate and not has_valid_certificate(
            volunteer, session.date
        ):
            raise ApplicationError(
                _(
                    "This activity requires a police certificate, and %(name)s has no valid "
                    "one recorded for %(date)s."
                )
                % {
                    "name": volunteer.full_name,
                    "date": date_format(session.date, "SHORT_DATE_FORMAT"),
                },
                field="volunteer",
            )
        other = ShiftSignup.objects.filter(shift__session=session, volunteer=volunteer)
        if other.filter(shift=shift).exists():
            raise ApplicationError(
                _("%(name)s is already signed up for this shift.") % {"name": volunteer.full_name},
                field="volunteer",
            )
        if other.exists():
            raise ApplicationError(
                _("%(name)s already has another shift in this session.")
                % {"name": volunteer.full_name},
                field="volunteer",
            )
        confirmed = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
        status = (
            ShiftSignup.Status.CONFIRMED
            if confirmed < shift.capacity
            else ShiftSignup.Status.WAITING
        )
        try:
            with transaction.atomic():
                signup = ShiftSignup.objects.create(
                    shift=shift, session=session, volunteer=volunteer, status=status
                )
        except IntegrityError as error:  # a unique constraint, if a check above was raced
            constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
            message = (
                _("%(name)s already has another shift in this session.")
                if constraint == "one_shift_per_session"
                else _("%(name)s is already signed up for this shift.")
            )
            raise ApplicationError(
                message % {"name": volunteer.full_name}, field="volunteer"
            ) from None
        _audit_for_someone_else(
            actor=actor,
            volunteer=volunteer,
            code="volunteer.shift_signed_up",
            params={**_shift_params(shift), "status": signup.status},
        )
        return signup


def shift_withdraw(
    *, shift: Shift, volunteer: Volunteer, actor: Actor | None = None
) -> list[ShiftSignup]:
    """Take a volunteer off a shift (or its waiting list). The first on the waiting list moves
    up into a freed place and gets an e-mail; returns those who moved up. `actor` taking
    someone else off is audited."""
    with transaction.atomic():
        shift = _locked_shift(shift)
        signup = ShiftSignup.objects.filter(shift=shift, volunteer=volunteer).first()
        if signup is None:
            raise ApplicationError(
                _("%(name)s is not signed up for this shift.") % {"name": volunteer.full_name},
                field="volunteer",
            )
        if session_has_started(shift.session):
            raise ApplicationError(_("This session has already started or is over."))
        signup.delete()
        _audit_for_someone_else(
            actor=actor,
            volunteer=volunteer,
            code="volunteer.shift_withdrawn",
            params=_shift_params(shift),
        )
        return _fill_free_places(shift)


def _fill_free_places(shift: Shift) -> list[ShiftSignup]:
    """Move people up from the waiting list, in the order they signed up, into free places.

    Call with the shift locked. Someone who may not take the place (no valid police
    certificate for an activity that needs one, no longer active) stays waiting.
    """
    confirmed = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    free = shift.capacity - confirmed
    moved: list[ShiftSignup] = []
    if free <= 0:
        return moved
    waiting = shift.signups.filter(status=ShiftSignup.Status.WAITING).select_related("volunteer")
    for signup in waiting.order_by("created_at", "id"):
        if len(moved) == free:
            break
        volunteer = signup.volunteer
        if volunteer.status != Volunteer.Status.ACTIVE:
            continue
        if shift.session.activity.requires_certificate and not has_valid_certificate(
            volunteer, shift.session.date
        ):
            continue
        signup.status = ShiftSignup.Status.CONFIRMED
        signup.save(update_fields=["status"])
        moved.append(signup)
    for signup in moved:
        signup_id = signup.pk
        transaction.on_commit(lambda signup_id=signup_id: emails.moved_up_email_send(signup_id))
    return moved
