"""The people REST API: coordinators work with everyone, a volunteer with their own record."""

from __future__ import annotations

import pytest

from tenant_apps.people.models import (
    Area,
    AvailabilitySlot,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Skill,
    Volunteer,
)


@pytest.fixture
def skill(inside):
    with inside():
        return Skill.objects.create(name="API-sjåfør", kind="skill")


@pytest.fixture
def area(inside):
    with inside():
        return Area.objects.create(name="API-byen")


def test_a_coordinator_registers_a_volunteer(coordinator_client, inside, skill, area):
    response = coordinator_client.post(
        "/api/v1/volunteers/",
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari@example.org",
            "languages": ["nb", "uk"],
            "skills": [skill.pk],
            "areas": [area.pk],
            "availability": [{"weekday": 2, "part_of_day": "evening"}],
            "consents": ["registration"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["skills"] == [{"id": skill.pk, "name": "API-sjåfør"}]
    assert body["availability"] == [{"weekday": 2, "part_of_day": "evening"}]
    assert body["missing_consents"] == ["contact"]
    assert body["certificate_valid"] is False
    with inside():
        assert Volunteer.objects.get(pk=body["id"]).languages == ["nb", "uk"]


def test_bad_input_gets_field_errors_and_saves_nothing(coordinator_client, inside, skill):
    response = coordinator_client.post(
        "/api/v1/volunteers/",
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "skills": [skill.pk],
            "availability": [{"weekday": 2, "part_of_day": "evening"}],
            "date_of_birth": "2999-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"date_of_birth": ["This date cannot be in the future."]}

    unknown_skill = coordinator_client.post(
        "/api/v1/volunteers/",
        {"first_name": "Kari", "last_name": "N", "skills": [999_999], "email": "x"},
        content_type="application/json",
    )
    assert unknown_skill.status_code == 400
    assert set(unknown_skill.json()) == {"skills", "email"}
    with inside():
        assert Volunteer.objects.count() == 0
        assert AvailabilitySlot.objects.count() == 0


def test_the_list_filters_orders_and_paginates(coordinator_client, make_volunteer, inside, skill):
    kari = make_volunteer(first_name="Kari", last_name="Aas", languages=["nb", "so"])
    make_volunteer(first_name="Ola", last_name="Berg", status="paused")
    make_volunteer(first_name="Per", last_name="Dahl")
    with inside():
        kari.skills.set([skill])
        PoliceCertificateRecord.objects.create(
            volunteer=kari,
            kind="politiattest",
            seen_on="2025-01-01",
            renew_by="2099-01-01",
            seen_by_label="x",
        )

    def names(query):
        response = coordinator_client.get(f"/api/v1/volunteers/?{query}")
        assert response.status_code == 200
        return [row["first_name"] for row in response.json()["results"]]

    assert names("") == ["Kari", "Ola", "Per"]
    assert names("ordering=-last_name") == ["Per", "Ola", "Kari"]
    assert names("status=paused") == ["Ola"]
    assert names(f"skill={skill.pk}") == ["Kari"]
    assert names("language=so") == ["Kari"]
    assert names("search=dahl") == ["Per"]
    assert names("certificate_valid=true") == ["Kari"]
    assert coordinator_client.get("/api/v1/volunteers/").json()["count"] == 3


def test_a_coordinator_changes_a_volunteer(coordinator_client, make_volunteer, inside):
    volunteer = make_volunteer(phone="+4791111111")
    response = coordinator_client.patch(
        f"/api/v1/volunteers/{volunteer.pk}/",
        {"phone": "922 22 222", "status": "paused"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["status"]) == ("+4792222222", "paused")
    incomplete = coordinator_client.put(
        f"/api/v1/volunteers/{volunteer.pk}/",
        {"phone": "933 33 333"},
        content_type="application/json",
    )
    assert incomplete.status_code == 400
    assert set(incomplete.json()) == {"first_name", "last_name"}
    with inside():
        assert Volunteer.objects.get(pk=volunteer.pk).phone == "+4792222222"


def test_the_api_refuses_a_phone_number_that_is_no_number(
    coordinator_client, make_volunteer, inside
):
    volunteer = make_volunteer(phone="+4791111111")
    response = coordinator_client.patch(
        f"/api/v1/volunteers/{volunteer.pk}/", {"phone": "abc"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "phone": ["Enter a phone number, for example 912 34 567 or +45 20 12 34 56."]
    }
    with inside():
        assert Volunteer.objects.get(pk=volunteer.pk).phone == "+4791111111"


def test_participants_target_groups_need_consent(coordinator_client, inside):
    refused = coordinator_client.post(
        "/api/v1/participants/",
        {"first_name": "Ali", "target_groups": ["immigrant_background"]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert list(refused.json()) == ["target_groups"]
    created = coordinator_client.post(
        "/api/v1/participants/",
        {
            "first_name": "Ali",
            "target_groups": ["immigrant_background"],
            "consents": ["registration", "target_groups"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["target_groups"] == ["immigrant_background"]
    with inside():
        assert Participant.objects.count() == 1
        assert Consent.objects.filter(participant__isnull=False).count() == 2


def test_a_volunteer_reads_and_changes_their_own_record(
    volunteer_client, volunteer, make_volunteer, inside, area
):
    own = make_volunteer(account_user_id=volunteer.pk, first_name="Vera", phone="1")
    other = make_volunteer(first_name="Other", phone="2")

    mine = volunteer_client.get("/api/v1/me/volunteer/")
    assert mine.status_code == 200
    assert (mine.json()["id"], mine.json()["first_name"]) == (own.pk, "Vera")

    changed = volunteer_client.patch(
        "/api/v1/me/volunteer/",
        {
            "phone": "+47 99 99 99 99",
            "areas": [area.pk],
            "availability": [{"weekday": 0, "part_of_day": "morning"}],
            "status": "ended",
            "first_name": "Hacked",
        },
        content_type="application/json",
    )
    assert changed.status_code == 200
    with inside():
        own.refresh_from_db()
        other.refresh_from_db()
        assert (own.phone, own.status, own.first_name) == ("+4799999999", "active", "Vera")
        assert list(own.areas.all()) == [area]
        assert other.phone == "2"
