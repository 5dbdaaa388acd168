"""A shift never goes over its places, also when many sign up at the same moment.

Each thread has its own database connection, outside the test's transaction, so the rows
the threads work on are committed from a thread and removed again at the end.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from functools import partial

from django_tenants.utils import schema_context

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Shift, ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.people.models import Volunteer
from tests.factories import make_volunteer
from tests.plugin import in_thread, run_in_threads

THREADS = 8
CAPACITY = 3


def in_centre_thread(centre, work):
    """Run `work()` in a new thread, inside the centre's schema, on its own connection."""

    def inside_centre():
        with schema_context(centre.schema_name):
            return work()

    return in_thread(inside_centre)


def test_parallel_sign_ups_fill_exactly_the_places_and_the_rest_wait(centre):
    def set_up():
        activity = make_activity(name="Concurrency café", first_date=today() + timedelta(days=3))
        shift = make_shift(make_session(activity), capacity=CAPACITY)
        volunteers = [make_volunteer(first_name=f"Racer{n}") for n in range(THREADS)]
        return activity.pk, shift.pk, [volunteer.pk for volunteer in volunteers]

    activity_id, shift_id, volunteer_ids = in_centre_thread(centre, set_up)
    try:
        barrier = threading.Barrier(THREADS)

        def sign_up(volunteer_id: int) -> str:
            with schema_context(centre.schema_name):
                shift = Shift.objects.get(pk=shift_id)
                volunteer = Volunteer.objects.get(pk=volunteer_id)
                barrier.wait(timeout=30)
                return services.shift_sign_up(shift=shift, volunteer=volunteer).status

        # A thread that fails or is still running after the timeout fails the test.
        results = run_in_threads(*(partial(sign_up, pk) for pk in volunteer_ids), timeout=60)

        assert sorted(results) == ["confirmed"] * CAPACITY + ["waiting"] * (THREADS - CAPACITY)
        stored = in_centre_thread(
            centre,
            lambda: list(
                ShiftSignup.objects.filter(shift_id=shift_id)
                .order_by("created_at", "id")
                .values_list("status", flat=True)
            ),
        )
        assert stored.count("confirmed") == CAPACITY
        assert stored.count("waiting") == THREADS - CAPACITY
        # The waiting list is in the order people signed up: the confirmed came first.
        assert stored == ["confirmed"] * CAPACITY + ["waiting"] * (THREADS - CAPACITY)
    finally:

        def clean_up():
            Activity.objects.filter(pk=activity_id).delete()
            Volunteer.objects.filter(pk__in=volunteer_ids).delete()

        in_centre_thread(centre, clean_up)
