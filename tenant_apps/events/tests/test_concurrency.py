"""An event never takes more people than its places, nor a fair more associations than its
stands, also when many register at the same moment.

Each thread has its own database connection, outside the test's transaction, so the rows
the threads work on are committed from a thread and removed again at the end.
"""

from __future__ import annotations

import threading
from functools import partial

from django_tenants.utils import schema_context

from tenant_apps.associations.models import Association
from tenant_apps.associations.tests.factories import make_association
from tenant_apps.events import services
from tenant_apps.events.models import Event, Registration
from tenant_apps.events.tests.factories import make_event, make_fair
from tests.plugin import in_thread, run_in_threads

THREADS = 8
CAPACITY = 3


def in_centre_thread(centre, work):
    def inside_centre():
        with schema_context(centre.schema_name):
            return work()

    return in_thread(inside_centre)


def test_parallel_registrations_fill_exactly_the_places(centre):
    event_id = in_centre_thread(centre, lambda: make_event("Race meeting", capacity=CAPACITY).pk)
    try:
        barrier = threading.Barrier(THREADS)

        def register(n: int) -> str:
            with schema_context(centre.schema_name):
                event = Event.objects.get(pk=event_id)
                barrier.wait(timeout=30)
                try:
                    services.event_register(
                        event=event,
                        kind="person",
                        name=f"Racer {n}",
                        email=f"racer{n}@example.org",
                    )
                except services.EventFull:
                    return "full"
                return "registered"

        results = run_in_threads(*(partial(register, n) for n in range(THREADS)), timeout=60)

        taken = in_centre_thread(
            centre,
            lambda: sum(
                Registration.objects.filter(event_id=event_id).values_list("places", flat=True)
            ),
        )
        assert sorted(results) == ["full"] * (THREADS - CAPACITY) + ["registered"] * CAPACITY
        assert taken == CAPACITY
    finally:
        in_centre_thread(centre, lambda: Event.objects.filter(pk=event_id).delete())


def test_parallel_associations_take_each_stand_once(centre):
    def set_up():
        fair = make_fair("Race fair", rows=1, columns=3)
        clubs = [make_association(f"Racing club {n}") for n in range(THREADS)]
        return fair.pk, [club.pk for club in clubs]

    fair_id, club_ids = in_centre_thread(centre, set_up)
    try:
        barrier = threading.Barrier(THREADS)

        def register(club_id: int) -> str:
            with schema_context(centre.schema_name):
                fair = Event.objects.get(pk=fair_id)
                club = Association.objects.get(pk=club_id)
                barrier.wait(timeout=30)
                try:
                    registration = services.event_register(
                        event=fair,
                        kind="association",
                        name=club.name,
                        email="c@example.org",
                        association=club,
                    )
                except services.EventFull:
                    return "full"
                return registration.stand.label

        results = run_in_threads(*(partial(register, pk) for pk in club_ids), timeout=60)

        assert sorted(results) == ["A1", "A2", "A3"] + ["full"] * (THREADS - 3)
    finally:

        def clean_up():
            Event.objects.filter(pk=fair_id).delete()
            Association.objects.filter(pk__in=club_ids).delete()

        in_centre_thread(centre, clean_up)
