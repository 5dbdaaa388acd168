"""The activity pages: who sees what, signing up with and without htmx, coordinators
running sessions, bad input, and a bounded number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django_tenants.utils import schema_context

from tenant_apps.activities.models import Activity, Attendance, Session, Shift, ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tests.factories import make_volunteer


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- The list -----------------------------------------------------------------------------


def test_volunteers_see_only_public_running_activities(volunteer_client, in_centre):
    with in_centre():
        make_activity(name="Seniors' lunch")
        make_activity(name="Board meeting", is_public=False)
        make_activity(name="Old choir", is_active=False)

    response = volunteer_client.get("/activities/")

    assert response.status_code == 200
    names = [activity.name for activity in response.context["page"].object_list]
    assert "Seniors' lunch" in names
    assert "Board meeting" not in names
    assert "Old choir" not in names
    assert "New activity" not in response.text


def test_coordinators_see_every_activity_and_unfilled_shifts(coordinator_client, in_centre):
    with in_centre():
        make_activity(name="Board meeting", is_public=False)
        shift = make_shift(capacity=2, name="Waffle maker")

    response = coordinator_client.get("/activities/")

    names = [activity.name for activity in response.context["page"].object_list]
    assert "Board meeting" in names
    assert "New activity" in response.text
    assert [s.pk for s in response.context["unfilled"]] == [shift.pk]
    assert "2 free places" in text_of(response)


def test_activity_list_runs_a_fixed_number_of_queries(coordinator_client, in_centre):
    def queries_for(count: int) -> int:
        with in_centre():
            for _ in range(count):
                activity = make_activity()
                make_shift(make_session(activity))
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get("/activities/").status_code == 200
        return len(context.captured_queries)

    few = queries_for(3)
    many = queries_for(30)
    assert many == few


# --- An activity --------------------------------------------------------------------------


def test_a_hidden_activity_is_not_found_for_volunteers(volunteer_client, in_centre):
    with in_centre():
        hidden = make_activity(is_public=False)
    assert volunteer_client.get(f"/activities/{hidden.pk}/").status_code == 404


def test_activity_page_shows_coming_sessions_with_fill_state(
    volunteer_client, in_centre, own_volunteer
):
    from tenant_apps.activities import services

    with in_centre():
        activity = make_activity(name="Homework help")
        services.sessions_generate(
            activity=activity, until=activity.first_date + timedelta(weeks=1)
        )
        first = Session.objects.filter(activity=activity).first()
        shift = make_shift(first, capacity=1, name="Maths helper")
        services.shift_sign_up(shift=shift, volunteer=own_volunteer)

    page = text_of(volunteer_client.get(f"/activities/{activity.pk}/"))

    assert (
        'Maths helper: <span class="fill">1 of 1 place taken – <strong>full</strong></span>' in page
    )
    assert "you are signed up" in page
    assert page.count('class="session-card"') == 2


def test_activity_page_runs_a_fixed_number_of_queries(coordinator_client, in_centre):
    from tenant_apps.activities import services

    with in_centre():
        activity = make_activity()
        services.sessions_generate(activity=activity, until=activity.first_date)
        make_shift(Session.objects.get(activity=activity), capacity=3)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(f"/activities/{activity.pk}/").status_code == 200
        return len(context.captured_queries)

    few = queries()
    with in_centre():
        services.sessions_generate(
            activity=activity, until=activity.first_date + timedelta(weeks=7)
        )
    assert queries() == few


def test_coordinator_creates_an_activity_then_plans_its_sessions(coordinator_client, in_centre):
    with in_centre():
        from tenant_apps.activities.models import ActivityCategory

        category = ActivityCategory.objects.get(code="inclusion")
    first = today() + timedelta(days=1)
    response = coordinator_client.post(
        "/activities/new/",
        {
            "name": "Language café",
            "category": category.pk,
            "recurrence": "biweekly",
            "first_date": first.isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "place": "Library",
            "is_public": "on",
            "is_active": "on",
        },
    )
    with in_centre():
        activity = Activity.objects.get(name="Language café")
    assert response.status_code == 302
    assert response["Location"] == f"/activities/{activity.pk}/sessions/plan/"

    response = coordinator_client.post(
        f"/activities/{activity.pk}/sessions/plan/",
        {"until": (first + timedelta(weeks=4)).isoformat()},
    )
    assert response.status_code == 302
    with in_centre():
        assert list(Session.objects.filter(activity=activity).values_list("date", flat=True)) == [
            first,
            first + timedelta(weeks=2),
            first + timedelta(weeks=4),
        ]


def test_bad_activity_input_shows_a_field_error_and_saves_nothing(coordinator_client, in_centre):
    with in_centre():
        from tenant_apps.activities.models import ActivityCategory

        category = ActivityCategory.objects.get(code="inclusion")
        before = Activity.objects.count()
    response = coordinator_client.post(
        "/activities/new/",
        {
            "name": "Language café",
            "category": category.pk,
            "recurrence": "weekly",
            "first_date": today().isoformat(),
            "start_time": "19:00",
            "end_time": "17:00",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_time": ["The activity must end after it starts (on the same day)."]
    }
    assert 'aria-describedby="id_end_time_error' in response.text
    with in_centre():
        assert Activity.objects.count() == before


# --- A session: signing up ----------------------------------------------------------------


def test_volunteer_signs_up_and_withdraws_without_javascript(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        shift = make_shift(capacity=1, name="Host")
    session_url = f"/activities/sessions/{shift.session_id}/"

    page = text_of(volunteer_client.get(session_url))
    assert f'action="/activities/shifts/{shift.pk}/sign-up/"' in page
    assert "0 of 1 place taken" in page

    response = volunteer_client.post(f"/activities/shifts/{shift.pk}/sign-up/")
    assert response.status_code == 302
    assert response["Location"] == session_url
    page = text_of(volunteer_client.get(session_url))
    assert "You are signed up as Host." in page
    assert "You are signed up." in page
    with in_centre():
        assert ShiftSignup.objects.get(shift=shift).volunteer_id == own_volunteer.pk

    volunteer_client.post(f"/activities/shifts/{shift.pk}/withdraw/")
    with in_centre():
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_htmx_sign_up_answers_with_the_shift_only(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        shift = make_shift(capacity=1)
        services_sign_up_someone_else(shift)

    response = volunteer_client.post(
        f"/activities/shifts/{shift.pk}/sign-up/", headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = text_of(response)
    assert html.startswith(f'<section class="shift-card" id="shift-{shift.pk}"')
    assert "You are number 1 on the waiting list." in html
    assert "<html" not in html


def services_sign_up_someone_else(shift):
    from tenant_apps.activities import services

    services.shift_sign_up(shift=shift, volunteer=make_volunteer(first_name="Ola"))


def test_volunteers_see_how_full_a_shift_is_but_not_who_signed_up(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        shift = make_shift(capacity=3)
        services_sign_up_someone_else(shift)
    page = text_of(volunteer_client.get(f"/activities/sessions/{shift.session_id}/"))
    assert "1 of 3 places taken" in page
    assert "Ola" not in page


def test_an_account_without_a_volunteer_record_is_told_so(volunteer_client, in_centre):
    with in_centre():
        shift = make_shift()
    response = volunteer_client.post(f"/activities/shifts/{shift.pk}/sign-up/", follow=True)
    assert "Your account is not linked to a volunteer here." in response.text
    with in_centre():
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_a_volunteer_cannot_withdraw_someone_else(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        shift = make_shift()
        other = make_volunteer()
        from tenant_apps.activities import services

        services.shift_sign_up(shift=shift, volunteer=other)
    response = volunteer_client.post(
        f"/activities/shifts/{shift.pk}/withdraw/", {"volunteer": other.pk}
    )
    assert response.status_code == 404
    with in_centre():
        assert ShiftSignup.objects.filter(shift=shift, volunteer=other).exists()


def test_refused_sign_up_shows_the_reason(volunteer_client, in_centre, own_volunteer):
    with in_centre():
        activity = make_activity(requires_certificate=True)
        shift = make_shift(make_session(activity))
    response = volunteer_client.post(f"/activities/shifts/{shift.pk}/sign-up/", follow=True)
    assert "This activity requires a police certificate" in response.text
    with in_centre():
        assert not ShiftSignup.objects.exists() or not ShiftSignup.objects.filter(shift=shift)


# --- A session: the coordinator's side ----------------------------------------------------


def test_coordinator_signs_up_a_chosen_volunteer_and_sees_the_waiting_list(
    coordinator_client, in_centre, centre
):
    with in_centre():
        shift = make_shift(capacity=1, name="Driver")
        ada = make_volunteer(first_name="Ada", last_name="Lovelace")
        bo = make_volunteer(first_name="Bo", last_name="Ek")
    url = f"/activities/sessions/{shift.session_id}/assign/"

    for person in (ada, bo):
        response = coordinator_client.post(url, {"shift": shift.pk, "volunteer": person.pk})
        assert response.status_code == 302

    page = text_of(coordinator_client.get(f"/activities/sessions/{shift.session_id}/"))
    assert re.search(r"Signed up</h4> <ul class=\"signup-list\"> <li> <span>Ada Lovelace", page)
    assert re.search(r"Waiting list</h4> <ol class=\"signup-list\"> <li> <span>Bo Ek", page)
    with schema_context(centre.schema_name):
        from tenant_apps.audit.models import AuditEvent

        assert AuditEvent.objects.filter(subject_type="volunteer", subject_id=str(ada.pk)).exists()


def test_coordinator_assignment_refused_shows_the_field_error(coordinator_client, in_centre):
    with in_centre():
        activity = make_activity(requires_certificate=True)
        shift = make_shift(make_session(activity))
        volunteer = make_volunteer()
    response = coordinator_client.post(
        f"/activities/sessions/{shift.session_id}/assign/",
        {"shift": shift.pk, "volunteer": volunteer.pk},
    )
    assert response.status_code == 400
    assert "police certificate" in str(response.context["assign_form"].errors["volunteer"])
    with in_centre():
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_coordinator_withdraws_a_volunteer_and_the_next_moves_up(coordinator_client, in_centre):
    from tenant_apps.activities import services

    with in_centre():
        shift = make_shift(capacity=1)
        ada, bo = make_volunteer(first_name="Ada"), make_volunteer(first_name="Bo")
        services.shift_sign_up(shift=shift, volunteer=ada)
        services.shift_sign_up(shift=shift, volunteer=bo)
    response = coordinator_client.post(
        f"/activities/shifts/{shift.pk}/withdraw/", {"volunteer": ada.pk}
    )
    assert response.status_code == 302
    with in_centre():
        assert list(ShiftSignup.objects.filter(shift=shift).values_list("volunteer", "status")) == [
            (bo.pk, "confirmed")
        ]


def test_session_page_runs_a_fixed_number_of_queries(coordinator_client, in_centre):
    from tenant_apps.activities import services

    with in_centre():
        session = make_session()
        shifts = [make_shift(session, capacity=2, name=f"Role {n}") for n in range(3)]

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(f"/activities/sessions/{session.pk}/").status_code == 200
        return len(context.captured_queries)

    with in_centre():
        services.shift_sign_up(shift=shifts[0], volunteer=make_volunteer())
    few = queries()
    with in_centre():
        for shift in shifts:
            for _ in range(4):
                services.shift_sign_up(shift=shift, volunteer=make_volunteer())
        for n in range(5):
            make_shift(session, name=f"Extra {n}")
    assert queries() == few


def test_cancel_restore_and_move_a_session(coordinator_client, in_centre):
    with in_centre():
        session = make_session()
    url = f"/activities/sessions/{session.pk}/"

    coordinator_client.post(url + "cancel/", {"note": "Holiday"})
    with in_centre():
        session.refresh_from_db()
        assert (session.is_cancelled, session.note) == (True, "Holiday")
    assert "This session is cancelled." in coordinator_client.get(url).text

    coordinator_client.post(url + "restore/")
    new_day = session.date + timedelta(days=1)
    response = coordinator_client.post(
        url + "move/", {"date": new_day.isoformat(), "start_time": "10:00", "end_time": "12:00"}
    )
    with in_centre():
        moved = Session.objects.get(activity=session.activity, date=new_day)
    assert response["Location"] == f"/activities/sessions/{moved.pk}/"


def test_attendance_form_replaces_counts_and_reports_bad_rows(coordinator_client, in_centre):
    with in_centre():
        activity = make_activity(first_date=today() - timedelta(days=10))
        session = make_session(activity, day=today() - timedelta(days=3))
    url = f"/activities/sessions/{session.pk}/attendance/"
    form = {
        "attendance-TOTAL_FORMS": "3",
        "attendance-INITIAL_FORMS": "0",
        "attendance-0-age_band": "60_79",
        "attendance-0-target_group": "seniors",
        "attendance-0-count": "7",
        "attendance-1-age_band": "",
        "attendance-1-count": "4",
    }

    response = coordinator_client.post(url, form)
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors == {
        "age_band": ["Choose the age band of these people."]
    }
    with in_centre():
        assert not Attendance.objects.filter(session=session).exists()

    form["attendance-1-age_band"] = "30_59"
    assert coordinator_client.post(url, form).status_code == 302
    with in_centre():
        assert set(
            Attendance.objects.filter(session=session).values_list(
                "age_band", "target_group", "count"
            )
        ) == {("60_79", "seniors", 7), ("30_59", "", 4)}
    page = text_of(coordinator_client.get(f"/activities/sessions/{session.pk}/"))
    assert '<th scope="row">60–79</th><td>Seniors 60+</td><td>7</td>' in page


def test_adding_a_shift_with_no_places_is_refused(coordinator_client, in_centre):
    with in_centre():
        session = make_session()
    response = coordinator_client.post(
        f"/activities/sessions/{session.pk}/shifts/new/", {"name": "Host", "capacity": "0"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"capacity": ["A shift needs at least one place."]}
    with in_centre():
        assert not Shift.objects.filter(session=session).exists()


# --- Access -------------------------------------------------------------------------------

COORDINATOR_PAGES = [
    ("get", "/activities/new/"),
    ("get", "/activities/{activity}/edit/"),
    ("get", "/activities/{activity}/sessions/plan/"),
    ("post", "/activities/{activity}/calendar-address/"),
    ("get", "/activities/sessions/{session}/cancel/"),
    ("post", "/activities/sessions/{session}/restore/"),
    ("get", "/activities/sessions/{session}/move/"),
    ("get", "/activities/sessions/{session}/attendance/"),
    ("get", "/activities/sessions/{session}/shifts/new/"),
    ("post", "/activities/sessions/{session}/shifts/copy-forward/"),
    ("post", "/activities/sessions/{session}/assign/"),
    ("get", "/activities/shifts/{shift}/edit/"),
    ("post", "/activities/shifts/{shift}/delete/"),
]


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES)
def test_volunteers_get_403_on_coordinator_pages(volunteer_client, in_centre, method, url):
    with in_centre():
        shift = make_shift()
    address = url.format(
        activity=shift.session.activity_id, session=shift.session_id, shift=shift.pk
    )
    response = getattr(volunteer_client, method)(address)
    assert response.status_code == 403
    with in_centre():
        assert Shift.objects.filter(pk=shift.pk).exists()


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_pages_carry_no_inline_script_or_style(coordinator_client, in_centre):
    with in_centre():
        shift = make_shift()
    for url in (
        "/activities/",
        "/activities/new/",
        f"/activities/{shift.session.activity_id}/",
        f"/activities/sessions/{shift.session_id}/",
        "/activities/mine/",
        "/activities/calendar/",
    ):
        html = coordinator_client.get(url).text
        assert " style=" not in html, url
        for script in re.findall(r"<script[^>]*>", html):
            assert "nonce=" in script and "src=" in script, (url, script)
