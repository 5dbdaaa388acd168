"""Attendance of a session: anonymous counts by age band and target group."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.activities.models import (
    Attendance,
    Session,
)
from tenant_apps.activities.selectors import session_has_started
from tenant_apps.people.models import AgeBand, TargetGroup
from toolkit.bounds import COUNT_MAX
from toolkit.errors import ApplicationError


@dataclass(frozen=True)
class AttendanceRow:
    """How many people of one age band (and target group, or none) came."""

    age_band: str
    target_group: str
    count: int


def attendance_record(
    *, session: Session, rows: Iterable[AttendanceRow | tuple[str, str, int]]
) -> list[Attendance]:
    """Replace the session's attendance counts with these rows (rows of 0 are left out)."""
    cleaned: dict[tuple[str, str], int] = {}
    for row in rows:
        age_band, target_group, count = (
            (row.age_band, row.target_group, row.count) if isinstance(row, AttendanceRow) else row
        )
        target_group = target_group or ""
        if age_band not in AgeBand.values:
            raise ApplicationError(_("Choose one of the age bands."), field="age_band")
        if target_group and target_group not in TargetGroup.values:
            raise ApplicationError(_("Choose one of the target groups."), field="target_group")
        if not isinstance(count, int) or not 0 <= count <= COUNT_MAX:
            raise ApplicationError(
                _("Give a number of people from 0 to %(max)s.") % {"max": COUNT_MAX},
                field="count",
            )
        if (age_band, target_group) in cleaned:
            raise ApplicationError(
                _("Each age band and target group can be counted only once."), field="age_band"
            )
        cleaned[(age_band, target_group)] = count
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise ApplicationError(_("This session is cancelled."))
        if not session_has_started(session):
            raise ApplicationError(_("Attendance can be recorded once the session has started."))
        Attendance.objects.filter(session=session).delete()
        return Attendance.objects.bulk_create(
            Attendance(session=session, age_band=age_band, target_group=group, count=count)
            for (age_band, group), count in cleaned.items()
            if count > 0
        )
