"""Small factories for rows inside a centre's schema (call them inside `inside()`).
Volunteers: `tests.factories.make_volunteer`."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from tenant_apps.activities.models import Activity, ActivityCategory, Session, Shift, ShiftSignup
from tenant_apps.helprequests.models import Assignment, HelpRequest, RequestType
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import Participant, PoliceCertificateRecord, Volunteer
from toolkit.actors import StaffActor

_numbers = itertools.count(1)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def actor_for(user, *, coordinator: bool) -> StaffActor:
    return StaffActor(pk=user.pk, email=user.email, is_staff=coordinator)


def category(code: str = "social-meeting-places") -> ActivityCategory:
    return ActivityCategory.objects.get(code=code)


def make_activity(name: str = "Language café", code: str = "social-meeting-places", **fields):
    return Activity.objects.create(
        name=name,
        category=category(code),
        first_date=fields.pop("first_date", days_ago(300)),
        start_time=fields.pop("start_time", datetime.time(17, 0)),
        end_time=fields.pop("end_time", datetime.time(19, 30)),
        **fields,
    )


def make_session(activity: Activity, date: datetime.date | None = None, **fields) -> Session:
    return Session.objects.create(
        activity=activity,
        date=date or today(),
        start_time=fields.pop("start_time", activity.start_time),
        end_time=fields.pop("end_time", activity.end_time),
        **fields,
    )


def make_shift(session: Session, capacity: int = 2, name: str = "Host") -> Shift:
    return Shift.objects.create(session=session, name=name, capacity=capacity)


def sign_up(shift: Shift, volunteer: Volunteer, status: str = "confirmed") -> ShiftSignup:
    return ShiftSignup.objects.create(shift=shift, volunteer=volunteer, status=status)


def make_help_request(type_name: str = "Shopping", **fields) -> HelpRequest:
    number = next(_numbers)
    request_type = RequestType.objects.create(code=f"test-type-{number}", name=type_name)
    participant = Participant.objects.create(first_name=f"Participant{number}")
    return HelpRequest.objects.create(
        participant=participant,
        request_type=request_type,
        opened_at=fields.pop("opened_at", timezone.now() - datetime.timedelta(days=2)),
        **fields,
    )


def make_assignment(volunteer: Volunteer, **fields) -> Assignment:
    return Assignment.objects.create(
        help_request=make_help_request(status="active"),
        volunteer=volunteer,
        started_on=fields.pop("started_on", days_ago(60)),
        **fields,
    )


def make_certificate(volunteer: Volunteer, renew_by: datetime.date) -> PoliceCertificateRecord:
    return PoliceCertificateRecord.objects.create(
        volunteer=volunteer,
        kind="politiattest",
        seen_on=renew_by - datetime.timedelta(days=3 * 365),
        seen_by_label="Cora Coordinator",
        renew_by=renew_by,
    )


def make_entry(volunteer: Volunteer | None, hours="2", **fields) -> HoursEntry:
    return HoursEntry.objects.create(
        volunteer=volunteer,
        category=fields.pop("category", None) or category(),
        date=fields.pop("date", days_ago(3)),
        hours=Decimal(hours),
        status=fields.pop("status", HoursEntry.Status.SUBMITTED),
        **fields,
    )
