"""The reads other pages build on (the coordinator dashboard, a volunteer's shifts)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenant_apps.activities import selectors, services
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tests.factories import make_volunteer


def test_unfilled_shifts_of_the_coming_days_soonest_first(in_centre):
    with in_centre():
        soon = make_shift(make_session(make_activity(first_date=today() + timedelta(days=1))))
        later = make_shift(make_session(make_activity(first_date=today() + timedelta(days=10))))
        make_shift(make_session(make_activity(first_date=today() + timedelta(days=20))))
        full = make_shift(
            make_session(make_activity(first_date=today() + timedelta(days=2))), capacity=1
        )
        services.shift_sign_up(shift=full, volunteer=make_volunteer())
        cancelled = make_shift(make_session(make_activity(first_date=today() + timedelta(days=3))))
        services.session_cancel(session=cancelled.session)
        services.shift_sign_up(shift=soon, volunteer=make_volunteer())

        shifts = list(selectors.unfilled_shifts(days=14))

        assert shifts == [soon, later]
        assert (shifts[0].confirmed_count, shifts[0].free_places) == (1, 1)


def test_sessions_on_a_day_with_shifts_in_two_queries(in_centre):
    with in_centre():
        day = today() + timedelta(days=4)
        for n in range(3):
            session = make_session(make_activity(first_date=day, name=f"Activity {n}"))
            make_shift(session)
            make_shift(session, name="Kitchen")
        services.session_cancel(session=make_session(make_activity(first_date=day)))
        make_session(make_activity(first_date=day + timedelta(days=1)))

        with CaptureQueriesContext(connection) as context:
            sessions = list(selectors.sessions_on(day))
            shift_names = [[shift.name for shift in s.shifts.all()] for s in sessions]
            names = [s.activity.name for s in sessions]

        assert names == ["Activity 0", "Activity 1", "Activity 2"]
        assert shift_names == [["Host", "Kitchen"]] * 3
        queries = [q for q in context.captured_queries if not q["sql"].startswith("SET ")]
        assert len(queries) == 2


def test_a_volunteers_coming_shifts_with_their_place_in_the_queue(in_centre):
    with in_centre():
        volunteer = make_volunteer()
        first = make_shift(capacity=1)
        second = make_shift(
            make_session(make_activity(first_date=today() + timedelta(days=9))), capacity=1
        )
        past = make_shift(make_session(make_activity(first_date=today() - timedelta(days=3))))
        from tenant_apps.activities.models import ShiftSignup

        ShiftSignup.objects.create(shift=past, volunteer=volunteer, status="confirmed")
        services.shift_sign_up(shift=first, volunteer=volunteer)
        for _ in range(2):
            services.shift_sign_up(shift=second, volunteer=make_volunteer())
        services.shift_sign_up(shift=second, volunteer=volunteer)

        signups = list(selectors.volunteer_upcoming_shifts(volunteer=volunteer))
        positions = selectors.waiting_positions(signups)

        assert [(s.shift_id, s.status) for s in signups] == [
            (first.pk, "confirmed"),
            (second.pk, "waiting"),
        ]
        assert positions == {signups[1].pk: 2}
