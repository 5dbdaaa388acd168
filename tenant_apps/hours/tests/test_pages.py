"""The hours pages as volunteers and coordinators use them."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tenant_apps.activities.models import Session
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import (
    category,
    days_ago,
    make_activity,
    make_entry,
    make_session,
    make_shift,
    sign_up,
    today,
)
from tests.factories import make_volunteer


@pytest.fixture
def own(inside, volunteer):
    with inside():
        return make_volunteer("Vera", "Volunteer", account_user_id=volunteer.pk)


def entries(inside, **filters):
    with inside():
        return list(
            HoursEntry.objects.filter(**filters)
            .order_by("id")
            .values_list("volunteer__first_name", "hours", "status")
        )


def queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


# --- A volunteer's own hours -------------------------------------------------------------------


def test_a_volunteer_sees_only_their_own_hours(volunteer_client, inside, own):
    with inside():
        make_entry(own, "2.5", description="Own hours text")
        make_entry(make_volunteer("Other"), "9", description="Someone else's text")

    response = volunteer_client.get("/hours/")

    assert response.status_code == 200
    assert "Own hours text" in response.text
    assert "Someone else's text" not in response.text
    assert [entry.hours for entry in response.context["page"].object_list] == [Decimal("2.50")]


def test_a_volunteer_logs_hours_on_the_page(volunteer_client, inside, own):
    with inside():
        other = category("other").pk

    response = volunteer_client.post(
        "/hours/log/",
        {
            "date": days_ago(1).isoformat(),
            "hours": "1.5",
            "category": other,
            "description": "Coffee for the lunch",
        },
    )

    assert response.status_code == 302
    assert entries(inside) == [("Vera", Decimal("1.50"), "submitted")]


def test_bad_input_on_the_log_page_shows_field_errors_and_saves_nothing(
    volunteer_client, inside, own
):
    response = volunteer_client.post(
        "/hours/log/", {"date": (today() + datetime.timedelta(days=366)).isoformat(), "hours": "30"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["hours"] == ["A day has at most 24 hours."]
    assert form.errors["date"] == ["The date cannot be in the future."]
    assert form.errors["category"] == ["Choose a category."]
    assert 'aria-describedby="id_hours_helptext id_hours_error"' in response.text
    assert entries(inside) == []


def test_log_page_errors_in_norwegian(volunteer_client, inside, own):
    del volunteer_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    response = volunteer_client.post("/hours/log/", {"date": days_ago(1).isoformat(), "hours": "0"})
    assert response.context["form"].errors["hours"] == ["Timene må være flere enn 0."]
    assert entries(inside) == []


@pytest.mark.parametrize("typed", ["1,5", "1.5"])
def test_norwegians_type_hours_with_a_decimal_comma(volunteer_client, inside, own, typed):
    # Given a volunteer on the log page in Norwegian, whose hint says "1,5"
    del volunteer_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    with inside():
        other = category("other").pk
    page = volunteer_client.get("/hours/log/").text
    assert "For eksempel 2 eller 1,5." in page
    # and a text field the browser does not parse in its own locale
    field = re.search(r"<input[^>]*name=\"hours\"[^>]*>", page).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field

    # When they type one and a half hours either way
    response = volunteer_client.post(
        "/hours/log/", {"date": days_ago(1).isoformat(), "hours": typed, "category": other}
    )

    # Then exactly 1.5 hours are stored (never 15)
    assert response.status_code == 302
    assert entries(inside) == [("Vera", Decimal("1.50"), "submitted")]


def test_the_hint_follows_the_reader_language(volunteer_client, own):
    assert "For example 2 or 1.5." in volunteer_client.get("/hours/log/").text


def test_the_session_form_reads_a_decimal_comma(coordinator_client, inside):
    del coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    with inside():
        session = make_session(make_activity("Walks"), days_ago(1))
        ann = make_volunteer("Ann")
        sign_up(make_shift(session), ann)

    response = coordinator_client.post(
        f"/hours/session/{session.pk}/", {f"hours_{ann.pk}": "2,25", "approve": "on"}
    )

    assert response.status_code == 302
    assert entries(inside) == [("Ann", Decimal("2.25"), "approved")]


def test_a_volunteer_without_a_volunteer_record_is_told_so(volunteer_client, inside):
    response = volunteer_client.get("/hours/log/")
    assert "You are not registered as a volunteer here" in response.text
    response = volunteer_client.post("/hours/log/", {"date": today().isoformat(), "hours": "1"})
    assert entries(inside) == []


def test_a_volunteer_edits_their_waiting_hours(volunteer_client, inside, own):
    with inside():
        entry = make_entry(own, "2")
        other = category("other").pk

    response = volunteer_client.post(
        f"/hours/{entry.pk}/edit/",
        {"date": days_ago(2).isoformat(), "hours": "4", "category": other},
    )

    assert response.status_code == 302
    assert entries(inside) == [("Vera", Decimal("4.00"), "submitted")]


def test_a_volunteer_cannot_edit_or_delete_approved_hours(volunteer_client, inside, own):
    with inside():
        entry = make_entry(own, "2", status="approved")
        other = category("other").pk

    page = volunteer_client.get(f"/hours/{entry.pk}/edit/")
    edit = volunteer_client.post(
        f"/hours/{entry.pk}/edit/",
        {"date": days_ago(2).isoformat(), "hours": "9", "category": other},
    )
    delete = volunteer_client.post(f"/hours/{entry.pk}/delete/")

    assert "have been approved or rejected and cannot change" in page.text
    assert 'name="hours"' not in page.text
    assert (edit.status_code, delete.status_code) == (403, 403)
    assert entries(inside) == [("Vera", Decimal("2.00"), "approved")]


def test_a_volunteer_cannot_reach_someone_elses_hours(volunteer_client, inside, own):
    with inside():
        entry = make_entry(make_volunteer("Other"), "2")

    assert volunteer_client.get(f"/hours/{entry.pk}/edit/").status_code == 404
    assert volunteer_client.post(f"/hours/{entry.pk}/delete/").status_code == 404
    assert entries(inside) == [("Other", Decimal("2.00"), "submitted")]


def test_a_volunteer_deletes_their_waiting_hours(volunteer_client, inside, own):
    with inside():
        entry = make_entry(own, "2")
    assert volunteer_client.post(f"/hours/{entry.pk}/delete/").status_code == 302
    assert entries(inside) == []


# --- Coordinators ----------------------------------------------------------------------------


def test_coordinators_see_the_hours_waiting_for_approval_first(coordinator_client, inside):
    with inside():
        someone = make_volunteer("Sam")
        make_entry(someone, "1", description="Waiting text")
        make_entry(someone, "2", description="Approved text", status="approved")

    default = coordinator_client.get("/hours/")
    everything = coordinator_client.get("/hours/", {"status": ""})

    assert "Waiting text" in default.text
    assert "Approved text" not in default.text
    assert "Approved text" in everything.text


def test_coordinators_approve_the_chosen_entries(coordinator_client, inside):
    with inside():
        someone = make_volunteer("Sam")
        first, _second, third = (make_entry(someone, str(n)) for n in (1, 2, 3))

    response = coordinator_client.post(
        "/hours/decide/", {"entry": [first.pk, third.pk], "action": "approve"}
    )

    assert response.status_code == 302
    assert entries(inside) == [
        ("Sam", Decimal("1.00"), "approved"),
        ("Sam", Decimal("2.00"), "submitted"),
        ("Sam", Decimal("3.00"), "approved"),
    ]
    assert "2 entries approved." in coordinator_client.get(response["Location"]).text


def test_coordinators_reject_the_chosen_entries(coordinator_client, inside):
    with inside():
        entry = make_entry(make_volunteer("Sam"), "1")
    coordinator_client.post("/hours/decide/", {"entry": [entry.pk], "action": "reject"})
    assert entries(inside) == [("Sam", Decimal("1.00"), "rejected")]


def test_volunteers_cannot_approve(volunteer_client, inside, own):
    with inside():
        entry = make_entry(own, "1")
    response = volunteer_client.post("/hours/decide/", {"entry": [entry.pk], "action": "approve"})
    assert response.status_code == 403
    assert entries(inside) == [("Vera", Decimal("1.00"), "submitted")]


def test_coordinators_log_hours_for_a_volunteer_approved_at_once(coordinator_client, inside):
    with inside():
        sam = make_volunteer("Sam")
        cafe = make_activity("Café")

    response = coordinator_client.post(
        "/hours/log/",
        {
            "volunteer": sam.pk,
            "date": days_ago(1).isoformat(),
            "hours": "2",
            "activity": cafe.pk,
            "approve": "on",
        },
    )

    assert response.status_code == 302
    assert entries(inside) == [("Sam", Decimal("2.00"), "approved")]


def test_the_session_page_logs_the_confirmed_volunteers_at_once(coordinator_client, inside):
    with inside():
        session = make_session(make_activity("Café"), days_ago(1))
        shift = make_shift(session, capacity=3)
        ann, ben, cat = make_volunteer("Ann"), make_volunteer("Ben"), make_volunteer("Cat")
        sign_up(shift, ann)
        sign_up(shift, ben)
        sign_up(make_shift(session, capacity=1, name="Driver"), cat, status="waiting")

    page = coordinator_client.get(f"/hours/session/{session.pk}/")
    response = coordinator_client.post(
        f"/hours/session/{session.pk}/",
        {f"hours_{ann.pk}": "2.5", f"hours_{ben.pk}": "", "approve": "on"},
    )

    assert [volunteer.first_name for volunteer in page.context["form"].volunteers] == ["Ann", "Ben"]
    assert 'value="2.5"' in page.text  # the session's length, filled in
    assert response.status_code == 302
    assert entries(inside, session=session) == [("Ann", Decimal("2.50"), "approved")]


def test_the_session_page_saves_nothing_when_one_value_is_wrong(coordinator_client, inside):
    with inside():
        session = make_session(make_activity("Café"), days_ago(1))
        shift = make_shift(session, capacity=2)
        ann, ben = make_volunteer("Ann"), make_volunteer("Ben")
        sign_up(shift, ann)
        sign_up(shift, ben)

    response = coordinator_client.post(
        f"/hours/session/{session.pk}/", {f"hours_{ann.pk}": "2", f"hours_{ben.pk}": "25"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"hours_{ben.pk}"] == ["A day has at most 24 hours."]
    assert entries(inside) == []


def test_the_totals_page_shows_the_years_hours(coordinator_client, inside):
    with inside():
        make_entry(make_volunteer("Sam", "Smith"), "2.5", date=days_ago(0), status="approved")

    response = coordinator_client.get("/hours/totals/", {"year": today().year})

    assert response.status_code == 200
    assert response.context["totals"].total_hours == Decimal("2.50")
    assert "Sam Smith" in response.text


@pytest.mark.parametrize("url", ["/hours/totals/", "/hours/export/", "/hours/session/1/"])
def test_volunteers_cannot_open_coordinator_pages(volunteer_client, url):
    assert volunteer_client.get(url).status_code == 403


# --- Bounded queries ---------------------------------------------------------------------------


def fill(inside, count: int, volunteer=None) -> None:
    with inside():
        HoursEntry.objects.all().delete()
        for number in range(count):
            session = make_session(make_activity(f"Activity {number}"), days_ago(number % 20))
            make_entry(
                volunteer or make_volunteer(),
                "1",
                activity=session.activity,
                session=session,
                date=session.date,
            )


def test_the_coordinator_list_runs_the_same_queries_for_3_or_30_entries(coordinator_client, inside):
    fill(inside, 3)
    few = queries(coordinator_client, "/hours/")
    fill(inside, 30)
    many = queries(coordinator_client, "/hours/")
    assert few == many


def test_a_volunteers_list_runs_the_same_queries_for_3_or_30_entries(volunteer_client, inside, own):
    fill(inside, 3, own)
    few = queries(volunteer_client, "/hours/")
    fill(inside, 30, own)
    many = queries(volunteer_client, "/hours/")
    assert few == many


def test_the_session_page_runs_the_same_queries_for_3_or_30_volunteers(coordinator_client, inside):
    def session_with(count: int) -> Session:
        with inside():
            session = make_session(make_activity(f"Café {count}"), days_ago(1))
            shift = make_shift(session, capacity=count)
            for _number in range(count):
                sign_up(shift, make_volunteer())
            return session

    few = queries(coordinator_client, f"/hours/session/{session_with(3).pk}/")
    many = queries(coordinator_client, f"/hours/session/{session_with(30).pk}/")
    assert few == many


# --- Markup ------------------------------------------------------------------------------------


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_pages_carry_no_inline_script_or_style(coordinator_client, inside):
    with inside():
        session = make_session(make_activity("Café"), days_ago(1))
        entry = make_entry(make_volunteer("Sam"), "1")
    for url in (
        "/hours/",
        "/hours/log/",
        f"/hours/{entry.pk}/edit/",
        f"/hours/{entry.pk}/delete/",
        f"/hours/session/{session.pk}/",
        "/hours/totals/",
        "/hours/export/",
    ):
        html = coordinator_client.get(url).text
        assert " style=" not in html, url
        assert "<style" not in html, url
        for script in re.findall(r"<script[^>]*>", html):
            assert "src=" in script or "nonce=" in script, url
