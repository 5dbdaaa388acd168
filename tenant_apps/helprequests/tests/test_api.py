"""Help requests over the REST API: coordinators only; the same rules as the pages."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tenant_apps.audit.models import AuditEvent
from tenant_apps.helprequests.models import Assignment, HelpRequest, RequestType
from tenant_apps.people.models import Participant


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/help-requests/",
        "/api/v1/help-requests/1/",
        "/api/v1/help-requests/1/suggestions/",
        "/api/v1/request-types/",
    ],
)
def test_volunteers_are_refused(volunteer_client, url):
    assert volunteer_client.get(url).status_code == 403


def test_volunteers_cannot_assign(volunteer_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request()
        volunteer = make.volunteer()
    response = volunteer_client.post(
        f"/api/v1/help-requests/{help_request.pk}/assign/",
        {"volunteer": volunteer.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    with schema_context(centre.schema_name):
        assert not Assignment.objects.exists()


def test_coordinators_take_a_request_for_a_new_person(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        request_type = make.request_type("shopping", "Shopping")
        area = make.area("Sentrum")

    response = coordinator_client.post(
        "/api/v1/help-requests/",
        {
            "new_participant": {"first_name": "Liv", "phone": "98765432", "area": area.pk},
            "request_type": request_type.pk,
            "languages": ["uk"],
            "description": "Groceries on Mondays",
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "new"
    assert body["participant"]["first_name"] == "Liv"
    assert body["request_type"] == {"id": request_type.pk, "name": "Shopping", "code": "shopping"}
    assert body["area"] == {"id": area.pk, "name": "Sentrum"}
    assert body["languages"] == ["uk"]
    assert body["current_assignment"] is None


def test_bad_input_gets_field_errors_and_saves_nothing(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        request_type = make.request_type()
        counts = (Participant.objects.count(), HelpRequest.objects.count())

    missing_name = coordinator_client.post(
        "/api/v1/help-requests/",
        {
            "new_participant": {"phone": "91234567"},
            "request_type": request_type.pk,
            "languages": ["xx"],
        },
        content_type="application/json",
    )
    nobody = coordinator_client.post(
        "/api/v1/help-requests/", {"request_type": request_type.pk}, content_type="application/json"
    )

    assert missing_name.status_code == 400
    assert set(missing_name.json()) == {"new_participant", "languages"}
    assert missing_name.json()["new_participant"] == {"first_name": ["This field is required."]}
    assert nobody.status_code == 400
    assert nobody.json() == {
        "participant": ["Choose the person who needs help, or enter a new one — not both."]
    }
    with schema_context(centre.schema_name):
        assert (Participant.objects.count(), HelpRequest.objects.count()) == counts


def test_the_list_filters_by_status_and_type(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        transport = make.request_type("transport", "Transport")
        make.help_request(status="closed")
        wanted = make.help_request(status="new", request_type=transport)
        make.help_request(status="new")

    response = coordinator_client.get(
        f"/api/v1/help-requests/?status=new&request_type={transport.pk}"
    )

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]


def test_retrieving_a_request_is_audited(coordinator_client, coordinator, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request()
    response = coordinator_client.get(f"/api/v1/help-requests/{help_request.pk}/")
    assert response.status_code == 200
    with schema_context(centre.schema_name):
        assert AuditEvent.objects.filter(
            action="viewed", subject_type="help_request", subject_id=str(help_request.pk)
        ).values_list("actor_user_id", flat=True)[0] == (coordinator.pk)


def test_suggestions_and_assignment(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request(languages=["so"])
        speaker = make.volunteer("Hodan", languages=["so"])
        make.volunteer("Other")

    suggestions = coordinator_client.get(f"/api/v1/help-requests/{help_request.pk}/suggestions/")
    assert suggestions.status_code == 200
    first = suggestions.json()[0]
    assert first["volunteer"]["id"] == speaker.pk
    assert first["reasons"] == ["Speaks Somali", "Helps 0 people now"]
    assert first["score"] == 25

    assigned = coordinator_client.post(
        f"/api/v1/help-requests/{help_request.pk}/assign/",
        {"volunteer": speaker.pk, "reason": "Speaks Somali"},
        content_type="application/json",
    )
    assert assigned.status_code == 201
    assert assigned.json()["volunteer"]["id"] == speaker.pk
    detail = coordinator_client.get(f"/api/v1/help-requests/{help_request.pk}/").json()
    assert detail["status"] == "matched"
    assert detail["current_assignment"]["match_reason"] == "Speaks Somali"


def test_assigning_without_a_required_certificate_is_refused(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request(requires_certificate=True)
        volunteer = make.volunteer("Nils", "Uten")
    response = coordinator_client.post(
        f"/api/v1/help-requests/{help_request.pk}/assign/",
        {"volunteer": volunteer.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "volunteer": [
            "This request requires a police certificate, and Nils Uten has no valid one. "
            "Record the certificate first."
        ]
    }
    with schema_context(centre.schema_name):
        assert not Assignment.objects.filter(help_request=help_request).exists()


def test_status_changes_follow_the_lifecycle(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request()
    url = f"/api/v1/help-requests/{help_request.pk}/status/"

    refused = coordinator_client.post(url, {"status": "active"}, content_type="application/json")
    closed = coordinator_client.post(url, {"status": "closed"}, content_type="application/json")

    assert refused.status_code == 400
    assert refused.json() == {"status": ["A request that is “New” cannot become “Active”."]}
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_at"] is not None


def test_a_closed_request_is_reopened_over_the_api(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request(status="closed")
        still_open = make.help_request()
    url = "/api/v1/help-requests/{}/reopen/"

    reopened = coordinator_client.post(url.format(help_request.pk))
    refused = coordinator_client.post(url.format(still_open.pk))

    assert reopened.status_code == 200
    assert (reopened.json()["status"], reopened.json()["closed_at"]) == ("new", None)
    assert refused.status_code == 400
    assert refused.json() == {
        "status": ["Only a closed request can be reopened; this one is “New”."]
    }


def test_volunteers_cannot_reopen_over_the_api(volunteer_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request(status="closed")
    response = volunteer_client.post(f"/api/v1/help-requests/{help_request.pk}/reopen/")
    assert response.status_code == 403


def test_patch_changes_only_what_is_sent(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        help_request = make.help_request(languages=["ar"], description="Before")
    response = coordinator_client.patch(
        f"/api/v1/help-requests/{help_request.pk}/",
        {"description": "After"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["description"], response.json()["languages"]) == ("After", ["ar"])


def test_request_types_are_listed_and_added(coordinator_client, centre):
    created = coordinator_client.post(
        "/api/v1/request-types/", {"name": "Homework help"}, content_type="application/json"
    )
    again = coordinator_client.post(
        "/api/v1/request-types/", {"name": "Homework help"}, content_type="application/json"
    )
    listed = coordinator_client.get("/api/v1/request-types/")

    assert created.status_code == 201
    assert created.json()["code"] == "homework-help"
    assert again.status_code == 400
    assert again.json() == {"code": ["This centre already has a type of help with this code."]}
    with schema_context(centre.schema_name):
        expected = list(
            RequestType.objects.order_by("position", "name", "id").values_list("code", flat=True)
        )
    assert [row["code"] for row in listed.json()] == expected
