"""A shift never goes over its places, also when many sign up at the same moment.

Each thread has its own database connection, outside the test's transaction, so the rows
the threads work on are committed from a thread and removed again at the end.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from django.db import connection
from django_tenants.utils import schema_context

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Shift, ShiftSignup
from tenant_apps.activities.tests.factories import (
    make_activity,
    make_session,
    make_shift,
    make_volunteer,
    today,
)
from tenant_apps.people.models import Volunteer

THREADS = 8
CAPACITY = 3


def in_thread(centre, work):
    """Run `work()` in a new thread, inside the centre's schema, on its own connection."""
    outcome: dict = {}

    def target():
        try:
            with schema_context(centre.schema_name):
                outcome["value"] = work()
        except BaseException as error:  # handed to the test below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_parallel_sign_ups_fill_exactly_the_places_and_the_rest_wait(centre):
    def set_up():
        activity = make_activity(name="Concurrency café", first_date=today() + timedelta(days=3))
        shift = make_shift(make_session(activity), capacity=CAPACITY)
        volunteers = [make_volunteer(first_name=f"Racer{n}") for n in range(THREADS)]
        return activity.pk, shift.pk, [volunteer.pk for volunteer in volunteers]

    activity_id, shift_id, volunteer_ids = in_thread(centre, set_up)
    try:
        barrier = threading.Barrier(THREADS)
        results: list[str] = []
        errors: list[BaseException] = []
        lock = threading.Lock()

        def sign_up(volunteer_id: int):
            try:
                with schema_context(centre.schema_name):
                    shift = Shift.objects.get(pk=shift_id)
                    volunteer = Volunteer.objects.get(pk=volunteer_id)
                    barrier.wait(timeout=30)
                    signup = services.shift_sign_up(shift=shift, volunteer=volunteer)
                with lock:
                    results.append(signup.status)
            except BaseException as error:
                with lock:
                    errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=sign_up, args=(pk,)) for pk in volunteer_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert errors == []
        assert sorted(results) == ["confirmed"] * CAPACITY + ["waiting"] * (THREADS - CAPACITY)
        stored = in_thread(
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

        in_thread(centre, clean_up)
