"""Shift reminders by e-mail, within the centre's lead time."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tenant_apps.activities import emails
from tenant_apps.activities.models import (
    ShiftSignup,
)
from tenant_apps.people.models import Volunteer
from tenant_apps.people.selectors import centre_settings
from tenants.current import centre_time_zone, current_centre, local_moment

logger = logging.getLogger(__name__)


def shift_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail every confirmed volunteer whose shift starts within the centre's lead time and
    who has not been reminded; returns how many were sent. Run inside the centre's schema."""
    now = now or timezone.now()
    centre = current_centre()
    time_zone = centre_time_zone(centre)
    horizon = now + timedelta(hours=centre_settings().reminder_lead_hours)
    candidates = (
        ShiftSignup.objects.filter(
            status=ShiftSignup.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            shift__session__is_cancelled=False,
            shift__session__date__gte=now.astimezone(time_zone).date(),
            shift__session__date__lte=horizon.astimezone(time_zone).date(),
        )
        .exclude(Q(volunteer__email="") | Q(volunteer__status=Volunteer.Status.ENDED))
        .select_related("shift__session__activity", "volunteer")
        .order_by("shift__session__date", "shift__session__start_time", "id")
    )
    sent = 0
    for candidate in candidates:
        session = candidate.shift.session
        starts = local_moment(session.date, session.start_time, time_zone)
        if not now < starts <= horizon:
            continue
        try:
            with transaction.atomic():
                # Another worker may be at the same row: skip it rather than send twice.
                signup = (
                    ShiftSignup.objects.select_for_update(skip_locked=True)
                    .filter(pk=candidate.pk, reminder_sent_at__isnull=True)
                    .first()
                )
                if signup is None:
                    continue
                signup.reminder_sent_at = now
                signup.save(update_fields=["reminder_sent_at"])
                emails.reminder_email_send(signup=candidate, centre=centre)
        except Exception:
            # One bad address must not stop the others; this one is tried again next run.
            logger.exception("Shift reminder %s could not be sent", candidate.pk)
            continue
        sent += 1
    return sent
