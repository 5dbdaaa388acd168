"""Sessions from recurrence: every kind, exceptions kept, never a duplicate; cancel, restore
and move one session."""

from datetime import date, time, timedelta

import pytest

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Session, Shift, ShiftSignup
from tenant_apps.activities.recurrence import occurrences
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tests.factories import make_volunteer
from toolkit.errors import ApplicationError

# --- The dates, from the recurrence alone -------------------------------------------------


def test_weekly_dates_are_seven_days_apart_up_to_until():
    days = occurrences(
        recurrence="weekly", first_date=date(2026, 3, 3), last_date=None, until=date(2026, 3, 31)
    )
    assert days == [date(2026, 3, d) for d in (3, 10, 17, 24, 31)]


def test_biweekly_dates_skip_every_other_week():
    days = occurrences(
        recurrence="biweekly", first_date=date(2026, 3, 3), last_date=None, until=date(2026, 4, 30)
    )
    assert days == [
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
        date(2026, 4, 14),
        date(2026, 4, 28),
    ]


def test_monthly_keeps_the_weekday_of_the_month():
    # 10 March 2026 is the second Tuesday of March.
    days = occurrences(
        recurrence="monthly", first_date=date(2026, 3, 10), last_date=None, until=date(2026, 7, 1)
    )
    assert days == [date(2026, 3, 10), date(2026, 4, 14), date(2026, 5, 12), date(2026, 6, 9)]
    assert {day.weekday() for day in days} == {1}


def test_monthly_from_a_fifth_weekday_means_the_last_one():
    # 31 March 2026 is the fifth (and last) Tuesday; April has only four.
    days = occurrences(
        recurrence="monthly", first_date=date(2026, 3, 31), last_date=None, until=date(2026, 5, 31)
    )
    assert days == [date(2026, 3, 31), date(2026, 4, 28), date(2026, 5, 26)]


def test_monthly_from_29_february_means_the_last_weekday_of_each_month():
    # 29 February 2028 is the fifth (and last) Tuesday of a leap-year February.
    days = occurrences(
        recurrence="monthly", first_date=date(2028, 2, 29), last_date=None, until=date(2028, 5, 31)
    )
    assert days == [date(2028, 2, 29), date(2028, 3, 28), date(2028, 4, 25), date(2028, 5, 30)]


def test_monthly_from_the_31st_lands_in_every_shorter_month():
    # 31 January 2026 is the last Saturday; February, March and April each have theirs.
    days = occurrences(
        recurrence="monthly", first_date=date(2026, 1, 31), last_date=None, until=date(2026, 4, 30)
    )
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 28), date(2026, 4, 25)]


def test_weekly_runs_through_29_february():
    days = occurrences(
        recurrence="weekly", first_date=date(2028, 2, 22), last_date=None, until=date(2028, 3, 7)
    )
    assert days == [date(2028, 2, 22), date(2028, 2, 29), date(2028, 3, 7)]


def test_one_off_is_its_first_date_only():
    days = occurrences(
        recurrence="one_off", first_date=date(2026, 3, 3), last_date=None, until=date(2027, 1, 1)
    )
    assert days == [date(2026, 3, 3)]


def test_the_last_date_ends_the_series():
    days = occurrences(
        recurrence="weekly",
        first_date=date(2026, 3, 3),
        last_date=date(2026, 3, 17),
        until=date(2026, 12, 31),
    )
    assert days == [date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17)]


# --- Generating sessions ------------------------------------------------------------------


def session_dates(activity):
    return list(Session.objects.filter(activity=activity).values_list("date", flat=True))


@pytest.mark.parametrize(
    ("recurrence", "until_days", "expected_offsets"),
    [
        ("weekly", 21, [0, 7, 14, 21]),
        ("biweekly", 42, [0, 14, 28, 42]),
        ("one_off", 60, [0]),
    ],
)
def test_generate_makes_the_sessions_of_each_kind(
    in_centre, recurrence, until_days, expected_offsets
):
    with in_centre():
        start = today() + timedelta(days=3)
        activity = make_activity(recurrence=recurrence, first_date=start)

        created = services.sessions_generate(
            activity=activity, until=start + timedelta(days=until_days)
        )

        expected = [start + timedelta(days=offset) for offset in expected_offsets]
        assert [session.date for session in created] == expected
        assert session_dates(activity) == expected
        assert {(s.start_time, s.end_time) for s in Session.objects.filter(activity=activity)} == {
            (time(18, 0), time(20, 0))
        }


def test_generate_monthly_sessions(in_centre):
    with in_centre():
        activity = make_activity(recurrence="monthly", first_date=date(2026, 3, 10))
        services.sessions_generate(activity=activity, until=date(2026, 6, 30))
        assert session_dates(activity) == [
            date(2026, 3, 10),
            date(2026, 4, 14),
            date(2026, 5, 12),
            date(2026, 6, 9),
        ]


def test_generate_twice_never_duplicates_and_keeps_cancelled_exceptions(in_centre):
    with in_centre():
        start = today() + timedelta(days=1)
        activity = make_activity(first_date=start)
        services.sessions_generate(activity=activity, until=start + timedelta(weeks=2))
        exception = Session.objects.get(activity=activity, date=start + timedelta(weeks=1))
        services.session_cancel(session=exception, note="Easter")

        again = services.sessions_generate(activity=activity, until=start + timedelta(weeks=4))

        assert [s.date for s in again] == [start + timedelta(weeks=3), start + timedelta(weeks=4)]
        assert session_dates(activity) == [start + timedelta(weeks=n) for n in range(5)]
        exception.refresh_from_db()
        assert exception.is_cancelled
        assert exception.note == "Easter"
        assert services.sessions_generate(activity=activity, until=start + timedelta(weeks=4)) == []
        assert Session.objects.filter(activity=activity).count() == 5


def test_new_sessions_get_the_shifts_of_the_latest_session_with_shifts(in_centre):
    with in_centre():
        start = today() + timedelta(days=1)
        activity = make_activity(first_date=start)
        (first,) = services.sessions_generate(activity=activity, until=start)
        services.shift_create(session=first, name="Host", capacity=2)
        services.shift_create(session=first, name="Kitchen", capacity=1)

        services.sessions_generate(activity=activity, until=start + timedelta(weeks=2))

        for session in Session.objects.filter(activity=activity):
            assert list(session.shifts.values_list("name", "capacity")) == [
                ("Host", 2),
                ("Kitchen", 1),
            ]


def test_generation_stops_two_years_ahead(in_centre):
    with in_centre():
        activity = make_activity()
        with pytest.raises(ApplicationError) as error:
            services.sessions_generate(activity=activity, until=today() + timedelta(days=800))
        assert error.value.field == "until"
        assert not Session.objects.filter(activity=activity).exists()


def test_a_paused_activity_gets_no_sessions(in_centre):
    with in_centre():
        activity = make_activity(is_active=False)
        with pytest.raises(ApplicationError):
            services.sessions_generate(activity=activity, until=today() + timedelta(weeks=4))
        assert not Session.objects.filter(activity=activity).exists()


# --- One session --------------------------------------------------------------------------


def test_cancel_and_restore_keep_the_sign_ups(in_centre):
    with in_centre():
        shift = make_shift(capacity=1)
        volunteer = make_volunteer()
        services.shift_sign_up(shift=shift, volunteer=volunteer)

        services.session_cancel(session=shift.session, note="Storm")
        services.session_restore(session=shift.session)

        shift.session.refresh_from_db()
        assert not shift.session.is_cancelled
        assert shift.session.note == ""
        assert ShiftSignup.objects.get(shift=shift).status == "confirmed"


def test_moving_to_another_day_keeps_the_original_as_exception(in_centre):
    with in_centre():
        start = today() + timedelta(days=2)
        activity = make_activity(first_date=start)
        services.sessions_generate(activity=activity, until=start + timedelta(weeks=1))
        original = Session.objects.get(activity=activity, date=start)
        shift = make_shift(original, capacity=1)
        volunteer = make_volunteer()
        signup = services.shift_sign_up(shift=shift, volunteer=volunteer)
        ShiftSignup.objects.filter(pk=signup.pk).update(reminder_sent_at="2026-01-01T10:00Z")

        moved = services.session_move(
            session=original, date=start + timedelta(days=1), start_time=time(17), end_time=time(19)
        )

        original.refresh_from_db()
        assert original.is_cancelled
        assert (moved.date, moved.start_time, moved.end_time) == (
            start + timedelta(days=1),
            time(17),
            time(19),
        )
        assert list(moved.shifts.all()) == [shift]
        assert ShiftSignup.objects.get(pk=signup.pk).reminder_sent_at is None
        # Generation does not bring the original date back.
        services.sessions_generate(activity=activity, until=start + timedelta(weeks=1))
        assert Session.objects.filter(activity=activity, is_cancelled=False).count() == 2
        assert Session.objects.filter(activity=activity).count() == 3


def test_moving_onto_a_day_that_has_a_session_is_refused(in_centre):
    with in_centre():
        start = today() + timedelta(days=2)
        activity = make_activity(first_date=start)
        services.sessions_generate(activity=activity, until=start + timedelta(weeks=1))
        first = Session.objects.get(activity=activity, date=start)
        with pytest.raises(ApplicationError) as error:
            services.session_move(
                session=first,
                date=start + timedelta(weeks=1),
                start_time=time(18),
                end_time=time(20),
            )
        assert error.value.field == "date"
        first.refresh_from_db()
        assert not first.is_cancelled


def test_changing_the_time_on_the_same_day(in_centre):
    with in_centre():
        session = make_session()
        moved = services.session_move(
            session=session, date=session.date, start_time=time(10), end_time=time(12)
        )
        assert moved.pk == session.pk
        session.refresh_from_db()
        assert (session.start_time, session.end_time) == (time(10), time(12))


# --- Activities ---------------------------------------------------------------------------


def activity_values(**changes):
    from tenant_apps.activities.models import ActivityCategory

    values = {
        "name": "Walking group",
        "category": ActivityCategory.objects.get(code="physical-activity"),
        "recurrence": "weekly",
        "first_date": today() + timedelta(days=1),
        "start_time": time(10),
        "end_time": time(11, 30),
    }
    values.update(changes)
    return values


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"end_time": time(9)}, "end_time"),
        ({"end_time": time(10)}, "end_time"),
        ({"last_date": date(2020, 1, 1)}, "last_date"),
        ({"recurrence": "daily"}, "recurrence"),
    ],
)
def test_bad_activity_input_is_refused_by_field(in_centre, changes, field):
    with in_centre():
        before = Activity.objects.count()
        with pytest.raises(ApplicationError) as error:
            services.activity_create(**activity_values(**changes))
        assert error.value.field == field
        assert Activity.objects.count() == before


def test_new_times_move_the_coming_sessions_that_kept_the_old_times(in_centre):
    with in_centre():
        activity = services.activity_create(**activity_values())
        services.sessions_generate(
            activity=activity, until=activity.first_date + timedelta(weeks=2)
        )
        special = Session.objects.get(activity=activity, date=activity.first_date)
        services.session_move(
            session=special, date=special.date, start_time=time(12), end_time=time(13)
        )

        services.activity_update(
            activity=activity, data={"start_time": time(9), "end_time": time(10)}
        )

        times = dict(Session.objects.filter(activity=activity).values_list("date", "start_time"))
        assert times[activity.first_date] == time(12)
        assert times[activity.first_date + timedelta(weeks=1)] == time(9)
        assert times[activity.first_date + timedelta(weeks=2)] == time(9)


def test_shift_needs_a_place(in_centre):
    with in_centre():
        session = make_session()
        with pytest.raises(ApplicationError) as error:
            services.shift_create(session=session, name="Host", capacity=0)
        assert error.value.field == "capacity"
        assert not Shift.objects.filter(session=session).exists()
