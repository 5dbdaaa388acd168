"""What the people services share: checks of input, dates, and how records name people."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people import selectors
from tenant_apps.people.models import AgeBand
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


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


def full_clean(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """Model validation (lengths, choices, e-mail format …) as an ApplicationError."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(messages[0], field=None if field == "__all__" else field) from error


def not_in_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > selectors.today():
        raise ApplicationError(_("This date cannot be in the future."), field=field)


def chosen(values: Iterable[str], allowed: Iterable[str], *, field: str, message: str) -> list[str]:
    """`values` without repeats, in the order given; each must be one of `allowed`."""
    values, allowed = list(dict.fromkeys(values)), set(allowed)
    if any(value not in allowed for value in values):
        raise ApplicationError(message, field=field)
    return values


def person_audit(
    *,
    actor: Actor,
    action: AuditAction,
    person: models.Model,
    event: str = "",
    params: dict | None = None,
) -> None:
    """Record what `actor` did to a volunteer or a participant: its kind and id, never its
    details; `event` names what happened (the code is "<kind>.<event>", see audit_messages)."""
    kind = person._meta.model_name
    audit_record(
        actor=actor,
        action=action,
        subject_type=kind,
        subject_id=person.pk,
        code=f"{kind}.{event}" if event else "",
        params=params,
    )


def person_viewed[Person: models.Model](*, actor: Actor, person: Person | None) -> Person | None:
    """Record that `actor` viewed the volunteer or participant (when found); return them."""
    if person is not None:
        person_audit(actor=actor, action=AuditAction.VIEWED, person=person)
    return person
