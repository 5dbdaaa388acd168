"""Why a volunteer was chosen is kept as codes with parameters and read in the reader's
language, whoever assigned them in whatever language."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from tenant_apps.helprequests.matching import reasons_text
from tenant_apps.helprequests.models import Assignment
from tenant_apps.people.models import PartOfDay, Weekday


@pytest.fixture
def arabic_request(centre, make):
    with schema_context(centre.schema_name):
        sentrum = make.area("Sentrum")
        participant = make.participant("Kari", "Nordmann", area=sentrum)
        help_request = make.help_request(participant=participant, area=sentrum, languages=["ar"])
        amira = make.volunteer(
            "Amira",
            "Haddad",
            languages=["ar"],
            areas=["Sentrum"],
            slots=[(Weekday.TUESDAY, PartOfDay.AFTERNOON)],
        )
    return help_request, amira


def test_a_reason_stored_by_a_norwegian_coordinator_reads_in_danish(
    coordinator_client, centre, arabic_request
):
    help_request, amira = arabic_request
    coordinator_client.cookies["django_language"] = "nb"
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    with schema_context(centre.schema_name):
        assignment = Assignment.objects.get(help_request=help_request)
    assert assignment.match_reason == ""
    assert assignment.match_reasons == [
        {"code": "speaks", "params": {"language": "ar"}},
        {"code": "covers_area", "params": {"area": "Sentrum"}},
        {"code": "free_on", "params": {"slots": [[Weekday.TUESDAY, "afternoon"]]}},
        {"code": "current_load", "params": {"count": 0}},
    ]

    coordinator_client.cookies["django_language"] = "da"
    danish = coordinator_client.get(f"/help/{help_request.pk}/").text
    coordinator_client.cookies["django_language"] = "en"
    english = coordinator_client.get(f"/help/{help_request.pk}/").text

    assert "<dd>Taler arabisk; Dækker Sentrum; Ledig tirsdag eftermiddag;" in danish
    assert (
        "<dd>Speaks Arabic; Covers Sentrum; Free on Tuesday afternoons; Helps 0 people now</dd>"
        in english
    )


def test_older_assignments_show_their_stored_text_and_unknown_codes_read_as_codes():
    assert Assignment(match_reason="Speaks Arabic").match_reason_text == "Speaks Arabic"
    assert reasons_text([{"code": "something_new", "params": {}}]) == "something_new"


def test_the_api_gives_the_reasons_in_the_readers_language_and_as_codes(
    coordinator_client, centre, arabic_request
):
    help_request, amira = arabic_request
    coordinator_client.cookies["django_language"] = "nb"
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    coordinator_client.cookies["django_language"] = "da"
    detail = coordinator_client.get(f"/api/v1/help-requests/{help_request.pk}/").json()

    current = detail["current_assignment"]
    assert current["match_reason"].startswith("Taler arabisk; Dækker Sentrum;")
    assert current["match_reasons"][0] == {"code": "speaks", "params": {"language": "ar"}}
