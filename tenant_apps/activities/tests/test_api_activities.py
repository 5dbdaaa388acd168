"""Activities, sessions, sign-ups and attendance over the API, with the roles' limits."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Attendance, ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tests.factories import make_volunteer

JSON = "application/json"


def new_activity(**changes):
    values = {
        "name": "Repair café",
        "category": "lending-reuse",
        "recurrence": "monthly",
        "first_date": (today() + timedelta(days=3)).isoformat(),
        "start_time": "17:00",
        "end_time": "20:00",
        "place": "Old school",
    }
    values.update(changes)
    return values


# --- Activities ---------------------------------------------------------------------------


def test_members_list_public_running_activities_and_staff_all(
    volunteer_client, coordinator_client, in_centre
):
    with in_centre():
        shown = make_activity(name="Seniors' lunch")
        make_activity(name="Staff only", is_public=False)

    as_volunteer = volunteer_client.get("/api/v1/activities/").json()
    as_coordinator = coordinator_client.get("/api/v1/activities/").json()

    assert [row["name"] for row in as_volunteer["results"]] == [shown.name]
    assert as_volunteer["results"][0]["category"] == "social-meeting-places"
    assert {row["name"] for row in as_coordinator["results"]} == {"Seniors' lunch", "Staff only"}


def test_coordinators_create_and_update_activities(coordinator_client, in_centre):
    response = coordinator_client.post("/api/v1/activities/", new_activity(), content_type=JSON)
    assert response.status_code == 201, response.json()
    activity_id = response.json()["id"]

    response = coordinator_client.patch(
        f"/api/v1/activities/{activity_id}/", {"place": "Town hall"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["place"] == "Town hall"
    assert response.json()["recurrence"] == "monthly"
    with in_centre():
        assert Activity.objects.get(pk=activity_id).place == "Town hall"


def test_bad_activity_input_is_a_field_error(coordinator_client, in_centre):
    with in_centre():
        before = Activity.objects.count()
    response = coordinator_client.post(
        "/api/v1/activities/", new_activity(end_time="16:00"), content_type=JSON
    )
    assert response.status_code == 400
    assert response.json() == {
        "end_time": ["The activity must end after it starts (on the same day)."]
    }
    with in_centre():
        assert Activity.objects.count() == before


def test_volunteers_cannot_write_activities(volunteer_client, in_centre):
    with in_centre():
        activity = make_activity()
    assert (
        volunteer_client.post("/api/v1/activities/", new_activity(), content_type=JSON).status_code
        == 403
    )
    response = volunteer_client.patch(
        f"/api/v1/activities/{activity.pk}/", {"name": "Mine now"}, content_type=JSON
    )
    assert response.status_code == 403


# --- Sessions -----------------------------------------------------------------------------


def test_sessions_filter_by_dates_and_activity_with_fill_counts(volunteer_client, in_centre):
    with in_centre():
        activity = make_activity(first_date=today() + timedelta(days=1))
        services.sessions_generate(
            activity=activity, until=activity.first_date + timedelta(weeks=3)
        )
        second = activity.sessions.all()[1]
        shift = make_shift(second, capacity=2)
        services.shift_sign_up(shift=shift, volunteer=make_volunteer())
        make_session(make_activity())

    response = volunteer_client.get(
        "/api/v1/sessions/",
        {
            "activity": activity.pk,
            "date_from": second.date.isoformat(),
            "date_to": (second.date + timedelta(days=7)).isoformat(),
        },
    )

    rows = response.json()["results"]
    assert [row["date"] for row in rows] == [
        second.date.isoformat(),
        (second.date + timedelta(days=7)).isoformat(),
    ]
    assert rows[0]["shifts"] == [
        {"id": shift.pk, "name": "Host", "capacity": 2, "confirmed_count": 1, "waiting_count": 0}
    ]


def test_session_list_runs_a_fixed_number_of_queries(coordinator_client, in_centre):
    def queries(count):
        with in_centre():
            for _ in range(count):
                make_shift(make_session())
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get("/api/v1/sessions/").status_code == 200
        return len(context.captured_queries)

    assert queries(3) == queries(30)


# --- Sign-ups -----------------------------------------------------------------------------


def test_volunteers_sign_themselves_up_and_withdraw(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        shift = make_shift(capacity=1)

    response = volunteer_client.post(f"/api/v1/shifts/{shift.pk}/sign-up/")
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert response.json()["volunteer"] == own_volunteer.pk

    response = volunteer_client.post(f"/api/v1/shifts/{shift.pk}/withdraw/")
    assert response.status_code == 204
    with in_centre():
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_volunteers_cannot_sign_up_someone_else(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        shift = make_shift()
        other = make_volunteer()
    response = volunteer_client.post(
        f"/api/v1/shifts/{shift.pk}/sign-up/", {"volunteer": other.pk}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json() == {"volunteer": ["You can only sign yourself up or withdraw."]}
    with in_centre():
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_coordinators_sign_up_anyone_and_full_shifts_put_people_on_the_waiting_list(
    coordinator_client, in_centre
):
    with in_centre():
        shift = make_shift(capacity=1)
        ada, bo = make_volunteer(), make_volunteer()
    statuses = [
        coordinator_client.post(
            f"/api/v1/shifts/{shift.pk}/sign-up/", {"volunteer": person.pk}, content_type=JSON
        ).json()["status"]
        for person in (ada, bo)
    ]
    assert statuses == ["confirmed", "waiting"]

    response = coordinator_client.post(
        f"/api/v1/shifts/{shift.pk}/withdraw/", {"volunteer": ada.pk}, content_type=JSON
    )
    assert response.status_code == 204
    with in_centre():
        assert ShiftSignup.objects.get(shift=shift).volunteer_id == bo.pk
        assert ShiftSignup.objects.get(shift=shift).status == "confirmed"


def test_refused_sign_up_is_a_readable_error(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        shift = make_shift()
        services.session_cancel(session=shift.session)
    response = volunteer_client.post(f"/api/v1/shifts/{shift.pk}/sign-up/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This session is cancelled."]}


def test_shifts_of_hidden_activities_are_not_found_for_volunteers(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        shift = make_shift(make_session(make_activity(is_public=False)))
    assert volunteer_client.post(f"/api/v1/shifts/{shift.pk}/sign-up/").status_code == 404


# --- Attendance ---------------------------------------------------------------------------


def test_coordinators_record_and_read_attendance(coordinator_client, in_centre):
    with in_centre():
        activity = make_activity(first_date=today() - timedelta(days=10))
        session = make_session(activity, day=today() - timedelta(days=2))
    response = coordinator_client.post(
        "/api/v1/attendance/",
        {
            "session": session.pk,
            "rows": [
                {"age_band": "60_79", "target_group": "seniors", "count": 6},
                {"age_band": "18_29", "count": 2},
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()

    rows = coordinator_client.get("/api/v1/attendance/", {"session": session.pk}).json()["results"]
    assert {(r["age_band"], r["target_group"], r["count"]) for r in rows} == {
        ("60_79", "seniors", 6),
        ("18_29", "", 2),
    }


def test_volunteers_cannot_use_attendance(volunteer_client, in_centre):
    with in_centre():
        activity = make_activity(first_date=today() - timedelta(days=10))
        session = make_session(activity, day=today() - timedelta(days=2))
    rows = {"session": session.pk, "rows": [{"age_band": "60_79", "count": 3}]}
    assert volunteer_client.get("/api/v1/attendance/").status_code == 403
    assert volunteer_client.post("/api/v1/attendance/", rows, content_type=JSON).status_code == 403
    with in_centre():
        assert not Attendance.objects.filter(session=session).exists()
