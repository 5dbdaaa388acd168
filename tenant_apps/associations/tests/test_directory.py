"""The public directory: only approved, public associations, found by text, category and
target group, a page each; associations register themselves and wait for the staff."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_context

from tenant_apps.associations.models import Association
from tenant_apps.associations.tests.factories import make_association
from tests.plugin import host_client, in_english


@pytest.fixture
def directory(centre):
    with schema_context(centre.schema_name):
        return {
            "listed": make_association(
                "Listed Rowing Club",
                categories=["sport_outdoors"],
                target_groups=["seniors"],
                description="Rowing on the river",
            ),
            "choir": make_association(
                "Listed Choir", categories=["culture"], target_groups=["families"]
            ),
            "hidden": make_association("HiddenClubZ", is_public=False, description="Rowing"),
            "pending": make_association(
                "PendingClubZ", status=Association.Status.PENDING, description="Rowing"
            ),
            "declined": make_association(
                "DeclinedClubZ", status=Association.Status.DECLINED, description="Rowing"
            ),
        }


NOT_LISTED = ("HiddenClubZ", "PendingClubZ", "DeclinedClubZ")


@pytest.mark.parametrize(
    "query", ["", "?q=Club", "?q=rowing", "?category=sport_outdoors", "?target_group=seniors"]
)
def test_hidden_pending_and_declined_associations_never_appear_publicly(
    centre_client, directory, query
):
    text = in_english(centre_client).get(f"/associations/{query}").text

    assert "Listed Rowing Club" in text
    for name in NOT_LISTED:
        assert name not in text


def test_their_pages_are_not_found_publicly(centre_client, directory):
    for key in ("hidden", "pending", "declined"):
        assert centre_client.get(f"/associations/{directory[key].pk}/").status_code == 404
    page = in_english(centre_client).get(f"/associations/{directory['listed'].pk}/")
    assert page.status_code == 200
    assert "Rowing on the river" in page.text


def test_filters_narrow_the_directory(centre_client, directory):
    client = in_english(centre_client)

    by_category = client.get("/associations/?category=culture").text
    by_group = client.get("/associations/?target_group=seniors").text
    by_text = client.get("/associations/?q=choir").text

    assert "Listed Choir" in by_category and "Listed Rowing Club" not in by_category
    assert "Listed Rowing Club" in by_group and "Listed Choir" not in by_group
    assert "Listed Choir" in by_text and "Listed Rowing Club" not in by_text
    assert "1 association" in by_text


def test_the_directory_is_paginated(centre_client, centre):
    with schema_context(centre.schema_name):
        for n in range(23):
            make_association(f"Club {n:02d}")

    first = in_english(centre_client).get("/associations/").text
    second = centre_client.get("/associations/?page=2").text

    assert "23 associations" in first
    assert "Club 00" in first and "Club 22" not in first
    assert "Club 22" in second and "Club 00" not in second


def test_the_public_menu_leads_to_the_directory(centre_client):
    assert 'href="/associations/"' in centre_client.get("/").text


def registration(**changes) -> dict:
    data = {
        "name": "Gauldal Sjakklubb",
        "organisation_number": "988 077 917",
        "categories": ["culture"],
        "target_groups": ["young_adults"],
        "description": "Chess on Thursdays",
        "contact_name": "Siv",
        "email": "siv@sjakk.example",
        "website": "sjakk.example",
        "is_public": "on",
        "confirm": "on",
        "nickname": "",
    }
    data.update(changes)
    return data


def test_an_association_registers_and_waits_for_approval(
    centre_client, centre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = centre_client.post("/associations/register/", registration())
    with schema_context(centre.schema_name):  # as at the request's commit
        for callback in callbacks:
            callback()

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        association = Association.objects.get(name="Gauldal Sjakklubb")
    assert association.status == "pending"
    assert association.organisation_number == "988077917"
    assert association.website == "https://sjakk.example"
    assert "Gauldal Sjakklubb" not in centre_client.get("/associations/").text
    assert [message.to for message in mail.outbox] == [["siv@sjakk.example"]]
    # The centre's language (Norwegian) for a receipt to an association.
    assert "Takk for at du registrerte Gauldal Sjakklubb" in mail.outbox[0].body


def test_a_wrong_number_is_explained_and_what_was_typed_is_kept(centre_client, centre):
    response = in_english(centre_client).post(
        "/associations/register/", registration(organisation_number="988077918")
    )

    assert response.status_code == 200
    assert "This organisation number does not exist: check the digits." in response.text
    assert 'value="Gauldal Sjakklubb"' in response.text
    assert "Chess on Thursdays" in response.text
    assert re.search(r'aria-describedby="[^"]*id_organisation_number_error', response.text)
    with schema_context(centre.schema_name):
        assert not Association.objects.exists()


def test_a_danish_centre_checks_cvr_numbers(danish_centre):
    client = in_english(host_client(f"{danish_centre.slug}.{settings.PLATFORM_DOMAIN}"))
    form = client.get("/associations/register/").text
    refused = client.post(
        "/associations/register/", registration(organisation_number="988077917")
    ).text
    accepted = client.post("/associations/register/", registration(organisation_number="13585628"))

    assert "CVR number" in form
    assert "A CVR number has 8 digits, for example 13585628." in refused
    assert accepted.status_code == 302


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(centre_client, centre):
    response = centre_client.post(
        "/associations/register/", registration(nickname="http://spam.example")
    )

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        assert not Association.objects.exists()


def test_registrations_past_the_rate_limit_are_refused(centre_client, centre):
    statuses = [
        centre_client.post(
            "/associations/register/",
            registration(name=f"Club {n}", organisation_number=""),
            REMOTE_ADDR="203.0.113.9",
        ).status_code
        for n in range(7)
    ]
    other_address = centre_client.post(
        "/associations/register/",
        registration(name="Club from elsewhere", organisation_number=""),
        REMOTE_ADDR="203.0.113.10",
    )

    assert statuses == [302] * 5 + [429] * 2
    assert other_address.status_code == 302
    with schema_context(centre.schema_name):
        assert Association.objects.count() == 6


def test_staff_approve_a_registration_and_it_is_listed(
    coordinator_client, centre_client, centre, audit_events
):
    with schema_context(centre.schema_name):
        association = make_association("Waiting Club", status=Association.Status.PENDING)

    listing = coordinator_client.get("/associations/staff/").text
    response = coordinator_client.post(
        f"/associations/staff/{association.pk}/decide/", {"decision": "approve"}
    )

    assert "1 registration waits for approval." in listing
    assert response.status_code == 302
    assert "Waiting Club" in centre_client.get("/associations/").text
    assert ("updated", "association", str(association.pk)) in [
        event[:3] for event in audit_events()
    ]


def test_staff_make_an_approved_association_a_member(coordinator_client, centre):
    with schema_context(centre.schema_name):
        association = make_association("Member Club")

    response = coordinator_client.post(
        f"/associations/staff/{association.pk}/membership/",
        {"member_since": "2025-01-15", "member_contact_name": "Rita"},
    )

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        association.refresh_from_db()
    assert str(association.member_since) == "2025-01-15"
    assert association.member_contact_name == "Rita"
