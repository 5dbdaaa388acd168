"""A volunteer holds at most one shift per session, also when twenty sign-ups for different
shifts of one session race: the database's unique constraint (session, volunteer) decides,
through the service and through the API alike.

The rows the threads work on are committed from a thread and removed again at the end (each
thread has its own connection, outside the test's transaction).
"""

from __future__ import annotations

import threading
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import Client
from django_tenants.utils import schema_context

from shared_apps.accounts import facade
from shared_apps.accounts.models import CentreMembership, User
from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Shift, ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.audit.models import AuditEvent
from tenant_apps.people.models import Volunteer
from tests.factories import make_volunteer
from tests.plugin import in_thread, run_in_threads
from toolkit.errors import ApplicationError

SHIFTS = 20


def in_centre_thread(centre, work):
    def inside_centre():
        with schema_context(centre.schema_name):
            return work()

    return in_thread(inside_centre)


@pytest.fixture
def one_session_of_twenty_shifts(centre):
    """(shift ids, volunteer id) committed in alpha: one session with twenty shifts."""

    def set_up():
        activity = make_activity(name="Race café", first_date=today() + timedelta(days=3))
        session = make_session(activity)
        shifts = [make_shift(session, name=f"Role {n}", capacity=5) for n in range(SHIFTS)]
        volunteer = make_volunteer(first_name="Racer", last_name="Runner")
        return activity.pk, [shift.pk for shift in shifts], volunteer.pk

    activity_id, shift_ids, volunteer_id = in_centre_thread(centre, set_up)
    yield shift_ids, volunteer_id

    def clean_up():
        Activity.objects.filter(pk=activity_id).delete()
        Volunteer.objects.filter(pk=volunteer_id).delete()

    in_centre_thread(centre, clean_up)


def stored_signups(centre, volunteer_id: int) -> list[int]:
    return in_centre_thread(
        centre,
        lambda: list(
            ShiftSignup.objects.filter(volunteer_id=volunteer_id).values_list("shift_id", flat=True)
        ),
    )


def test_twenty_parallel_sign_ups_through_the_service_leave_one_shift(
    centre, one_session_of_twenty_shifts
):
    shift_ids, volunteer_id = one_session_of_twenty_shifts
    barrier = threading.Barrier(SHIFTS)

    def sign_up(shift_id: int) -> str:
        # All start together; no connection is held while waiting (the pool has ten).
        barrier.wait(timeout=30)
        with schema_context(centre.schema_name):
            shift = Shift.objects.get(pk=shift_id)
            volunteer = Volunteer.objects.get(pk=volunteer_id)
            try:
                return services.shift_sign_up(shift=shift, volunteer=volunteer).status
            except ApplicationError as error:
                return error.message

    results = run_in_threads(*(partial(sign_up, pk) for pk in shift_ids), timeout=60)

    assert results.count("confirmed") == 1
    assert sorted(set(results) - {"confirmed"}) == [
        "Racer Runner already has another shift in this session."
    ]
    assert len(stored_signups(centre, volunteer_id)) == 1


def test_twenty_parallel_sign_ups_through_the_api_leave_one_shift(
    centre, one_session_of_twenty_shifts
):
    shift_ids, volunteer_id = one_session_of_twenty_shifts

    def make_coordinator_token():
        user = User.objects.create_user(email="racing-coordinator@example.org", password="x")
        CentreMembership.objects.create(user=user, centre=centre, role="coordinator")
        return user.pk, facade.api_token_create(
            user_id=user.pk, centre_id=centre.pk, name="r", two_factor_passed=True
        ).key

    user_id, key = in_thread(make_coordinator_token)
    cache.clear()
    barrier = threading.Barrier(SHIFTS)
    try:

        def sign_up(shift_id: int) -> int:
            client = Client(HTTP_HOST=f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/v1/shifts/{shift_id}/sign-up/",
                {"volunteer": volunteer_id},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )
            return response.status_code

        statuses = run_in_threads(*(partial(sign_up, pk) for pk in shift_ids), timeout=60)
    finally:

        def clean_up():
            # A coordinator signing up someone else is audited: those rows go too.
            with schema_context(centre.schema_name):
                AuditEvent.objects.filter(actor_user_id=user_id).delete()
            User.objects.filter(pk=user_id).delete()

        in_thread(clean_up)

    assert sorted(statuses) == [201] + [400] * (SHIFTS - 1)
    assert len(stored_signups(centre, volunteer_id)) == 1


def test_the_database_refuses_a_second_shift_in_a_session_whoever_writes(centre, inside):
    with inside():
        session = make_session()
        first, second = make_shift(session, name="Host"), make_shift(session, name="Driver")
        volunteer = make_volunteer()
        signup = ShiftSignup.objects.create(shift=first, volunteer=volunteer, status="confirmed")
        signup.refresh_from_db()
        # The database fills in the session from the shift, for any writer.
        assert signup.session_id == session.pk

        with pytest.raises(IntegrityError), transaction.atomic():
            ShiftSignup.objects.bulk_create(
                [ShiftSignup(shift=second, volunteer=volunteer, status="confirmed")]
            )
