"""Asking for help on the centre's public site: a new request marked as from the public
form, for a coordinator to triage; health details only with explicit consent."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.people.models import Consent, Participant
from tests.plugin import host_client, in_english

URL = "/ask-for-help/"


@pytest.fixture
def request_type(centre):
    with schema_context(centre.schema_name):
        return RequestType.objects.filter(is_active=True).order_by("position", "id").first()


@pytest.fixture
def visitor(centre_client):
    return in_english(centre_client)


def ask(request_type, **changes) -> dict:
    data = {
        "request_type": request_type.pk,
        "description": "Shopping on Fridays",
        "first_name": "Oddny",
        "last_name": "Hjelpsen",
        "phone": "912 34 567",
        "email": "oddny@example.org",
        "area": "",
        "consent_registration": "on",
        "website": "",
    }
    data.update(changes)
    return data


def requests_of(centre):
    with schema_context(centre.schema_name):
        return list(HelpRequest.objects.select_related("participant"))


def test_a_request_lands_as_new_from_the_public_form_with_a_new_participant(
    centre, visitor, request_type, mailoutbox, django_capture_on_commit_callbacks, audit_events
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(URL, ask(request_type))

    assert (response.status_code, response["Location"]) == (302, "/ask-for-help/thanks/")
    [help_request] = requests_of(centre)
    assert help_request.status == HelpRequest.Status.NEW
    assert help_request.source == HelpRequest.Source.PUBLIC_FORM
    assert help_request.description == "Shopping on Fridays"
    assert help_request.request_type_id == request_type.pk
    participant = help_request.participant
    assert (participant.first_name, participant.last_name, participant.phone) == (
        "Oddny",
        "Hjelpsen",
        "+4791234567",
    )
    with schema_context(centre.schema_name):
        assert list(participant.consents.values_list("purpose", flat=True)) == [
            Consent.Purpose.REGISTRATION
        ]
    # The address only received the confirmation: it is kept nowhere.
    [message] = mailoutbox
    assert message.to == ["oddny@example.org"]
    with schema_context(centre.schema_name):
        assert not Participant.objects.filter(address__icontains="oddny@").exists()
    assert ("created", "help_request", str(help_request.pk), 0) in audit_events()


def test_no_e_mail_is_sent_without_an_address(
    centre, visitor, request_type, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(URL, ask(request_type, email=""))

    assert len(requests_of(centre)) == 1 and mailoutbox == []


def test_health_details_need_the_explicit_consent(centre, visitor, request_type):
    text = "Lift to the doctor after my hospital stay"

    refused = visitor.post(URL, ask(request_type, description=text))

    assert refused.status_code == 400
    assert "Your text mentions health" in refused.text
    assert text in refused.text  # what was typed is kept
    assert requests_of(centre) == []

    taken = visitor.post(URL, ask(request_type, description=text, consent_health="on"))

    assert taken.status_code == 302
    [help_request] = requests_of(centre)
    with schema_context(centre.schema_name):
        purposes = set(help_request.participant.consents.values_list("purpose", flat=True))
    assert purposes == {Consent.Purpose.REGISTRATION, Consent.Purpose.HEALTH_DATA}


def test_bad_input_keeps_what_was_typed(centre, visitor, request_type):
    response = visitor.post(URL, ask(request_type, phone="12", consent_registration=""))

    assert response.status_code == 400
    assert "Enter a phone number" in response.text
    assert "Tick the box to agree" in response.text
    assert 'value="Oddny"' in response.text and "Shopping on Fridays" in response.text
    assert requests_of(centre) == []


def test_posts_past_the_rate_limit_are_refused(centre, visitor, request_type):
    for _number in range(5):
        assert visitor.post(URL, ask(request_type)).status_code == 302

    assert visitor.post(URL, ask(request_type)).status_code == 429
    assert len(requests_of(centre)) == 5


def test_the_honeypot_saves_nothing(centre, visitor, request_type, mailoutbox):
    assert visitor.post(URL, ask(request_type, website="x")).status_code == 302
    assert requests_of(centre) == [] and mailoutbox == []


def test_a_second_visitor_sees_nothing_of_the_request(centre, visitor, request_type):
    visitor.post(URL, ask(request_type))
    second = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))

    for url in (URL, "/ask-for-help/thanks/"):
        text = second.get(url).text
        assert "Oddny" not in text and "Shopping on Fridays" not in text


def test_the_coordinator_sees_it_marked_and_can_filter_by_source(
    coordinator_client, visitor, request_type
):
    visitor.post(URL, ask(request_type))

    listing = coordinator_client.get("/help/?source=public_form").text
    assert "Oddny Hjelpsen" in listing
    assert "from the public form" in listing
    assert "Oddny" not in coordinator_client.get("/help/?source=staff").text
    assert "from the public form" in coordinator_client.get("/staff/today/").text
