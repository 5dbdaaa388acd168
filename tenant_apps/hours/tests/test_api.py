"""Hours over the REST API: volunteers their own, coordinators everyone's, approve, totals."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import category, days_ago, make_activity, make_entry, today
from tests.factories import make_volunteer


@pytest.fixture
def own(inside, volunteer):
    with inside():
        return make_volunteer("Vera", "Volunteer", account_user_id=volunteer.pk)


def statuses(inside):
    with inside():
        return list(
            HoursEntry.objects.order_by("id").values_list(
                "volunteer__first_name", "hours", "status"
            )
        )


def test_volunteers_list_only_their_own_hours(volunteer_client, inside, own):
    with inside():
        mine = make_entry(own, "2")
        make_entry(make_volunteer("Other"), "5")

    response = volunteer_client.get("/api/v1/hours/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0]["volunteer_name"] == "Vera Volunteer"
    assert body["results"][0]["hours"] == "2.00"
    assert body["results"][0]["status"] == "submitted"


def test_coordinators_filter_and_order_everyones_hours(coordinator_client, inside):
    with inside():
        ann, ben = make_volunteer("Ann"), make_volunteer("Ben")
        cafe = make_activity("Café")
        first = make_entry(ann, "1", date=days_ago(10), activity=cafe, status="approved")
        second = make_entry(ann, "3", date=days_ago(5), activity=cafe)
        make_entry(ben, "2", date=days_ago(1), category=category("other"))

    def ids(**params):
        response = coordinator_client.get("/api/v1/hours/", params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert len(ids()) == 3
    assert ids(volunteer=ann.pk, ordering="date") == [first.pk, second.pk]
    assert ids(activity=cafe.pk, status="approved") == [first.pk]
    assert ids(date_from=days_ago(6).isoformat(), date_to=days_ago(2).isoformat()) == [second.pk]
    assert ids(volunteer=ann.pk, ordering="-hours") == [second.pk, first.pk]


def test_a_deleted_volunteers_hours_list_without_a_name(coordinator_client, inside):
    with inside():
        gone = make_volunteer("Gone")
        make_entry(gone, "2")
        gone.delete()
    row = coordinator_client.get("/api/v1/hours/").json()["results"][0]
    assert (row["volunteer"], row["volunteer_name"], row["hours"]) == (None, None, "2.00")


def test_lists_come_a_page_at_a_time(coordinator_client, inside):
    with inside():
        someone = make_volunteer()
        HoursEntry.objects.bulk_create(
            HoursEntry(volunteer=someone, category=category(), date=days_ago(1), hours=1)
            for _ in range(55)
        )
    first = coordinator_client.get("/api/v1/hours/").json()
    second = coordinator_client.get("/api/v1/hours/", {"page": 2}).json()
    assert (first["count"], len(first["results"]), len(second["results"])) == (55, 50, 5)
    assert first["next"].endswith("/api/v1/hours/?page=2")


def test_a_volunteer_logs_their_own_hours(volunteer_client, inside, own):
    with inside():
        other = category("other").pk
    response = volunteer_client.post(
        "/api/v1/hours/",
        {"date": days_ago(1).isoformat(), "hours": "1.25", "category": other},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["volunteer"] == own.pk
    assert statuses(inside) == [("Vera", Decimal("1.25"), "submitted")]


def test_a_volunteer_cannot_log_for_someone_else_or_approve(volunteer_client, inside, own):
    with inside():
        other_person = make_volunteer("Other")
        other = category("other").pk
    for_other = volunteer_client.post(
        "/api/v1/hours/",
        {
            "volunteer": other_person.pk,
            "date": today().isoformat(),
            "hours": "1",
            "category": other,
        },
        content_type="application/json",
    )
    approving = volunteer_client.post(
        "/api/v1/hours/",
        {"date": today().isoformat(), "hours": "1", "category": other, "approve": True},
        content_type="application/json",
    )
    assert (for_other.status_code, approving.status_code) == (403, 403)
    assert statuses(inside) == []


def test_bad_input_gets_field_errors_and_saves_nothing(volunteer_client, inside, own):
    response = volunteer_client.post(
        "/api/v1/hours/",
        {"date": (today() + datetime.timedelta(days=366)).isoformat(), "hours": "0"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "date": ["The date cannot be in the future."],
        "hours": ["The hours must be more than 0."],
        "category": ["Choose a category."],
    }
    assert statuses(inside) == []


def test_coordinators_log_for_anyone(coordinator_client, inside):
    with inside():
        sam = make_volunteer("Sam")
        cafe = make_activity("Café")
    response = coordinator_client.post(
        "/api/v1/hours/",
        {
            "volunteer": sam.pk,
            "activity": cafe.pk,
            "date": today().isoformat(),
            "hours": "2",
            "approve": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["category_name"] == "Social meeting places"
    assert statuses(inside) == [("Sam", Decimal("2.00"), "approved")]


def test_coordinators_approve_over_the_api(coordinator_client, inside):
    with inside():
        entry = make_entry(make_volunteer("Sam"), "2")
    response = coordinator_client.post(f"/api/v1/hours/{entry.pk}/approve/")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert statuses(inside) == [("Sam", Decimal("2.00"), "approved")]
    assert coordinator_client.post("/api/v1/hours/999999/approve/").status_code == 404


def test_coordinators_reject_over_the_api(coordinator_client, inside):
    with inside():
        entry = make_entry(make_volunteer("Sam"), "2")
    response = coordinator_client.post(f"/api/v1/hours/{entry.pk}/reject/")
    assert response.json()["status"] == "rejected"


def test_volunteers_cannot_approve_or_read_totals(volunteer_client, inside, own):
    with inside():
        entry = make_entry(own, "2")
    assert volunteer_client.post(f"/api/v1/hours/{entry.pk}/approve/").status_code == 403
    assert volunteer_client.get("/api/v1/hours/totals/").status_code == 403
    assert statuses(inside) == [("Vera", Decimal("2.00"), "submitted")]


def test_totals_over_the_api(coordinator_client, inside):
    year = today().year - 1
    with inside():
        ann = make_volunteer("Ann", "A")
        make_entry(ann, "2", date=datetime.date(year, 3, 1), status="approved")
        make_entry(ann, "3", date=datetime.date(year, 4, 2), status="approved")
        make_entry(ann, "4", date=datetime.date(year, 4, 3))

    body = coordinator_client.get("/api/v1/hours/totals/", {"year": year}).json()
    with_waiting = coordinator_client.get(
        "/api/v1/hours/totals/", {"year": year, "include_submitted": "true"}
    ).json()

    assert (body["year"], body["total_hours"], body["total_entries"]) == (year, "5.00", 2)
    assert body["by_volunteer"] == [{"id": ann.pk, "label": "Ann A", "hours": "5.00", "entries": 2}]
    assert body["by_month"] == [
        {"month": f"{year}-03", "hours": "2.00", "entries": 1},
        {"month": f"{year}-04", "hours": "3.00", "entries": 1},
    ]
    assert with_waiting["total_hours"] == "9.00"
    assert coordinator_client.get("/api/v1/hours/totals/", {"year": "x"}).status_code == 400


def test_the_api_list_runs_the_same_queries_for_3_or_30_entries(coordinator_client, inside):
    def queries_for(count: int) -> int:
        with inside():
            HoursEntry.objects.all().delete()
            for number in range(count):
                make_entry(make_volunteer(), "1", activity=make_activity(f"Activity {number}"))
        with CaptureQueriesContext(connection) as captured:
            response = coordinator_client.get("/api/v1/hours/")
        assert len(response.json()["results"]) == count
        return len(captured)

    assert queries_for(3) == queries_for(30)
