"""The coordinators' "Today" page: today's sessions, unfilled shifts, new help requests,
certificates to renew and hours waiting, in a bounded number of queries."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tenant_apps.hours.tests.factories import (
    days_ago,
    make_activity,
    make_certificate,
    make_entry,
    make_help_request,
    make_session,
    make_shift,
    sign_up,
    today,
)
from tests.factories import make_volunteer


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def test_the_dashboard_shows_what_needs_attention(coordinator_client, centre):
    with schema_context(centre.schema_name):
        lunch = make_session(make_activity("Seniors' lunch", place="Community hall"), today())
        lunch_hosts = make_shift(lunch, capacity=3)
        sign_up(lunch_hosts, make_volunteer("Ann"))
        make_session(make_activity("Tomorrow's walk"), in_days(1))
        cafe = make_session(make_activity("Language café"), in_days(5))
        make_shift(cafe, capacity=2, name="Conversation host")
        full = make_shift(make_session(make_activity("Full choir"), in_days(3)), capacity=1)
        sign_up(full, make_volunteer("Ben"))
        make_help_request("Garden work", status="new")
        make_help_request("Transport to the doctor", status="active")
        make_certificate(make_volunteer("Expiring", "Soon"), in_days(30))
        make_certificate(make_volunteer("Valid", "Long"), in_days(400))
        make_certificate(make_volunteer("Paused", "Person", status="paused"), in_days(10))
        make_entry(make_volunteer("Waiting"), "2", date=days_ago(4))
        make_entry(make_volunteer("Waiting"), "1.5", date=days_ago(2))

    response = coordinator_client.get("/staff/today/")
    html = response.text

    assert response.status_code == 200
    assert [session.activity.name for session in response.context["sessions"]] == ["Seniors' lunch"]
    assert "1 of 3 places filled" in html
    assert "Community hall" in html
    assert "Tomorrow&#x27;s walk" not in html
    assert [shift.name for shift in response.context["shifts"].rows] == [
        "Host",
        "Conversation host",
    ]
    assert "Full choir" not in html
    assert "Garden work" in html
    assert "Transport to the doctor" not in html
    assert [v.full_name for v in response.context["certificates"].rows] == ["Expiring Soon"]
    assert "Valid Long" not in html
    assert "2 entries with 3.50 hours are waiting." in html
    assert f'href="/hours/session/{lunch.pk}/"' in html


def test_an_expired_certificate_is_marked_in_words(coordinator_client, centre):
    with schema_context(centre.schema_name):
        make_certificate(make_volunteer("Lapsed", "Lately"), days_ago(5))
    html = coordinator_client.get("/staff/today/").text
    assert "Lapsed Lately" in html
    assert "(expired)" in html


def test_an_empty_dashboard_says_so(coordinator_client):
    html = coordinator_client.get("/staff/today/").text
    assert "No sessions today." in html
    assert "No hours are waiting for approval." in html


def test_volunteers_cannot_open_the_dashboard(volunteer_client):
    assert volunteer_client.get("/staff/today/").status_code == 403


def test_the_dashboard_runs_the_same_queries_for_3_or_30_of_everything(coordinator_client, centre):
    def fill(count: int) -> int:
        with schema_context(centre.schema_name):
            for number in range(count):
                session = make_session(make_activity(f"Activity {count}-{number}"), today())
                shift = make_shift(make_session(session.activity, in_days(2)), capacity=3)
                sign_up(shift, make_volunteer())
                make_help_request(f"Type {count}-{number}", status="new")
                make_certificate(make_volunteer(), in_days(20))
                make_entry(make_volunteer(), "1")
        with CaptureQueriesContext(connection) as captured:
            response = coordinator_client.get("/staff/today/")
        assert response.status_code == 200
        # django-tenants sets the search path before each query; count the queries.
        return len([q for q in captured if not q["sql"].startswith("SET search_path")])

    few = fill(3)
    many = fill(30)  # 33 of each now: the lists are capped and counted
    assert many <= few + 3  # the "and N more" counts start once a list is full
    assert many < 25


def test_rows_link_to_their_pages_in_the_other_apps(coordinator_client, centre):
    with schema_context(centre.schema_name):
        session = make_session(make_activity("Seniors' lunch"), today())
        help_request = make_help_request("Garden work", status="new")
        volunteer = make_volunteer("Expiring", "Soon")
        make_certificate(volunteer, in_days(30))

    html = coordinator_client.get("/staff/today/").text

    assert f'href="/activities/sessions/{session.pk}/"' in html
    assert f'href="/help/{help_request.pk}/"' in html
    assert f'href="/people/volunteers/{volunteer.pk}/"' in html


def test_the_first_address_of_the_page_leads_to_it(coordinator_client, volunteer_client):
    response = coordinator_client.get("/hours/dashboard/")
    assert (response.status_code, response["Location"]) == (301, "/staff/today/")
    assert volunteer_client.get("/hours/dashboard/").status_code == 403


def test_the_page_carries_no_inline_script_or_style(coordinator_client):
    html = coordinator_client.get("/staff/today/").text
    assert " style=" not in html
    assert "<style" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script or "nonce=" in script
