"""Creating a weekly activity with its sessions and a first shift in one step."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, ActivityCategory, Session, Shift
from tenant_apps.activities.tests.factories import today
from toolkit.errors import ApplicationError


def _form(category, first, **extra) -> dict:
    return {
        "name": "Homework help",
        "category": category.pk,
        "recurrence": "weekly",
        "first_date": first.isoformat(),
        "start_time": "17:00",
        "end_time": "19:00",
        "is_public": "on",
        "is_active": "on",
        **extra,
    }


@pytest.fixture
def category(in_centre):
    with in_centre():
        return ActivityCategory.objects.get(code="inclusion")


def test_sessions_up_to_the_last_date_each_with_the_first_shift(
    coordinator_client, in_centre, category
):
    first = today() + timedelta(days=1)
    last = first + timedelta(weeks=3)
    response = coordinator_client.post(
        "/activities/new/",
        _form(
            category,
            first,
            last_date=last.isoformat(),
            shift_name="Host",
            shift_capacity="2",
        ),
        follow=True,
    )

    with in_centre():
        activity = Activity.objects.get(name="Homework help")
        sessions = list(Session.objects.filter(activity=activity).order_by("date"))
        shifts = list(
            Shift.objects.filter(session__activity=activity).values_list(
                "session__date", "name", "capacity"
            )
        )
    assert response.redirect_chain == [(f"/activities/{activity.pk}/", 302)]
    assert "“Homework help” has been added with 4 sessions, each with the shift Host." in (
        response.text
    )
    assert [session.date for session in sessions] == [first + timedelta(weeks=n) for n in range(4)]
    assert sorted(shifts) == [(session.date, "Host", 2) for session in sessions]


def test_a_chosen_horizon_wins_over_the_last_date(coordinator_client, in_centre, category):
    first = today() + timedelta(days=1)
    coordinator_client.post(
        "/activities/new/",
        _form(
            category,
            first,
            last_date=(first + timedelta(weeks=10)).isoformat(),
            plan_until=(first + timedelta(weeks=1)).isoformat(),
        ),
    )
    with in_centre():
        dates = list(Session.objects.values_list("date", flat=True).order_by("date"))
        assert dates == [first, first + timedelta(weeks=1)]
        assert not Shift.objects.exists()


def test_the_create_form_shows_the_plan_fields_in_a_fieldset(coordinator_client):
    response = coordinator_client.get("/activities/new/")
    assert response.status_code == 200, response.get("Location")
    html = response.text
    assert "<legend>Sessions and a first shift</legend>" in html
    assert 'name="plan_until"' in html
    assert 'name="shift_name"' in html
    assert 'name="shift_capacity"' in html


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        ({"shift_name": "Host"}, {"shift_capacity": ["Give the number of places."]}),
        (
            {"shift_name": "Host", "shift_capacity": "2"},
            {"plan_until": ["Give a date to plan the sessions up to, so the shift can be added."]},
        ),
        (
            {"plan_until": (today() - timedelta(days=3)).isoformat()},
            {"plan_until": ["Choose a date on or after the activity's first date."]},
        ),
        (
            {
                "plan_until": (today() + timedelta(weeks=2)).isoformat(),
                "shift_name": "Host",
                "shift_capacity": "900",
            },
            {"shift_capacity": ["A shift can have at most 500 places."]},
        ),
    ],
)
def test_refused_plans_show_the_field_error_and_save_nothing(
    coordinator_client, in_centre, category, extra, errors
):
    response = coordinator_client.post(
        "/activities/new/", _form(category, today() + timedelta(days=1), **extra)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    with in_centre():
        assert not Activity.objects.filter(name="Homework help").exists()
        assert not Session.objects.exists()


def test_service_plans_a_one_off_activity_on_its_day(in_centre):
    with in_centre():
        day = today() + timedelta(days=5)
        planned = services.activity_create_with_plan(
            name="Summer party",
            category=ActivityCategory.objects.get(code="inclusion"),
            recurrence=Activity.Recurrence.ONE_OFF,
            first_date=day,
            start_time=time(12, 0),
            end_time=time(15, 0),
            shift_name="Grill",
            shift_capacity=3,
        )
        assert [session.date for session in planned.sessions] == [day]
        assert [(shift.name, shift.capacity) for shift in planned.shifts] == [("Grill", 3)]

        with pytest.raises(ApplicationError) as refused:
            services.activity_create_with_plan(
                name="",
                category=ActivityCategory.objects.get(code="inclusion"),
                recurrence=Activity.Recurrence.WEEKLY,
                first_date=day,
                start_time=time(12, 0),
                end_time=time(15, 0),
            )
        assert refused.value.field == "name"
