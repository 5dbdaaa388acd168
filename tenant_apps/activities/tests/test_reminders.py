"""Shift reminders: sent once, within the centre's lead time, to each volunteer about their own
shift only, in their language, with nothing of another centre."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils.text import slugify
from django_tenants.utils import schema_context

from tenant_apps.activities import services
from tenant_apps.activities.models import ShiftSignup
from tenant_apps.activities.tasks import send_due_reminders, send_due_reminders_everywhere
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.people.models import CentreSettings
from tests.factories import make_volunteer

OSLO = ZoneInfo("Europe/Oslo")


def set_lead_hours(hours: int | None) -> None:
    CentreSettings.objects.all().delete()
    if hours is not None:
        CentreSettings.objects.create(reminder_lead_hours=hours)


def confirmed_shift(*, activity_name: str, day, volunteer=None, start=time(10, 0)):
    activity = make_activity(name=activity_name, first_date=day, start_time=start)
    shift = make_shift(make_session(activity, day=day), capacity=2, name="Host")
    volunteer = volunteer or make_volunteer(email=f"{slugify(activity_name)}@example.org")
    services.shift_sign_up(shift=shift, volunteer=volunteer)
    return shift, volunteer


def run(centre):
    result = send_due_reminders.enqueue(centre.schema_name)
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    return result.return_value


def test_each_volunteer_is_reminded_once_of_their_own_shift_only(centre, mailoutbox):
    with schema_context(centre.schema_name):
        set_lead_hours(48)
        tomorrow = today() + timedelta(days=1)
        confirmed_shift(
            activity_name="Language café",
            day=tomorrow,
            volunteer=make_volunteer(first_name="Ada", email="ada@example.org"),
        )
        confirmed_shift(
            activity_name="Seniors' lunch",
            day=tomorrow,
            volunteer=make_volunteer(first_name="Bo", email="bo@example.org"),
        )

    assert run(centre) == 2
    assert run(centre) == 0

    assert sorted(message.to[0] for message in mailoutbox) == ["ada@example.org", "bo@example.org"]
    by_address = {message.to[0]: message for message in mailoutbox}
    for address, own, other in (
        ("ada@example.org", "Language café", "Seniors' lunch"),
        ("bo@example.org", "Seniors' lunch", "Language café"),
    ):
        message = by_address[address]
        content = message.subject + message.body + message.alternatives[0].content
        assert own in content
        assert other not in content
        assert "Alpha Frivilligsentral" in content
    with schema_context(centre.schema_name):
        assert not ShiftSignup.objects.filter(reminder_sent_at__isnull=True).exists()


def test_the_lead_time_decides_when(centre, mailoutbox):
    with schema_context(centre.schema_name):
        set_lead_hours(24)
        day = today() + timedelta(days=5)
        confirmed_shift(activity_name="Walking group", day=day, start=time(18))
        starts = datetime.combine(day, time(18), tzinfo=OSLO)

        assert services.shift_reminders_send(now=starts - timedelta(hours=25)) == 0
        assert services.shift_reminders_send(now=starts - timedelta(hours=23)) == 1
        assert services.shift_reminders_send(now=starts - timedelta(hours=22)) == 0

        set_lead_hours(None)  # no settings row: 24 hours
        confirmed_shift(activity_name="Homework help", day=day, start=time(18))
        assert services.shift_reminders_send(now=starts - timedelta(hours=30)) == 0
        assert services.shift_reminders_send(now=starts - timedelta(hours=20)) == 1

        set_lead_hours(72)
        confirmed_shift(activity_name="Repair café", day=day, start=time(18))
        assert services.shift_reminders_send(now=starts - timedelta(hours=70)) == 1
    assert len(mailoutbox) == 3


def test_no_reminder_for_waiting_cancelled_or_past_shifts(centre, mailoutbox):
    with schema_context(centre.schema_name):
        set_lead_hours(48)
        tomorrow = today() + timedelta(days=1)
        full, _first = confirmed_shift(activity_name="Full", day=tomorrow)
        full.capacity = 1
        full.save()
        services.shift_sign_up(shift=full, volunteer=make_volunteer())  # waiting
        ShiftSignup.objects.filter(shift=full, status="confirmed").delete()
        cancelled, _ = confirmed_shift(activity_name="Cancelled", day=tomorrow)
        services.session_cancel(session=cancelled.session)
        assert services.shift_reminders_send() == 0

        confirmed_shift(activity_name="Started", day=tomorrow)
        starts = datetime.combine(tomorrow, time(10), tzinfo=OSLO)
        assert services.shift_reminders_send(now=starts + timedelta(minutes=1)) == 0
        assert services.shift_reminders_send(now=starts - timedelta(minutes=1)) == 1
    assert [message.subject.split(":")[1].split()[0] for message in mailoutbox] == ["Started"]


def test_the_reminder_is_in_the_volunteers_own_language(centre, volunteer, mailoutbox):
    volunteer.preferred_language = "en"
    volunteer.save()
    with schema_context(centre.schema_name):
        set_lead_hours(48)
        tomorrow = today() + timedelta(days=1)
        confirmed_shift(
            activity_name="Chess club",
            day=tomorrow,
            volunteer=make_volunteer(account_user_id=volunteer.pk, email=volunteer.email),
        )
        confirmed_shift(activity_name="Sjakklubb", day=tomorrow)

    run(centre)

    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert len(subjects) == 2
    assert subjects.pop(volunteer.email).startswith("Reminder: Chess club on ")
    # Someone without an account who speaks no other of our languages: the centre's.
    assert subjects.popitem()[1].startswith("Påminnelse: Sjakklubb")


def test_one_centres_run_sends_nothing_of_another_centre(centre, other_centre, mailoutbox):
    for place, name in ((centre, "Alpha walk"), (other_centre, "Beta walk")):
        with schema_context(place.schema_name):
            set_lead_hours(48)
            confirmed_shift(
                activity_name=name,
                day=today() + timedelta(days=1),
                volunteer=make_volunteer(email=f"{place.slug}@example.org"),
            )

    run(centre)

    assert [message.to for message in mailoutbox] == [["alpha@example.org"]]
    content = mailoutbox[0].body + mailoutbox[0].alternatives[0].content
    assert "Alpha walk" in content
    assert "Beta" not in content
    assert "alpha." in content


@pytest.mark.parametrize("how", ["function", "command"])
def test_everywhere_queues_one_run_per_centre(centre, other_centre, mailoutbox, how):
    for place in (centre, other_centre):
        with schema_context(place.schema_name):
            set_lead_hours(48)
            confirmed_shift(
                activity_name=f"{place.slug} lunch",
                day=today() + timedelta(days=1),
                volunteer=make_volunteer(email=f"{place.slug}@example.org"),
            )

    if how == "function":
        assert send_due_reminders_everywhere() >= 2
    else:
        call_command("send_reminders")

    by_address = {message.to[0]: message.body for message in mailoutbox}
    assert set(by_address) == {"alpha@example.org", "beta@example.org"}
    assert "alpha lunch" in by_address["alpha@example.org"]
    assert "beta lunch" not in by_address["alpha@example.org"]
    assert "beta lunch" in by_address["beta@example.org"]
