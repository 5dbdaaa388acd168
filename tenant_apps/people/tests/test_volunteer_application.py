"""Offering to volunteer on the centre's public site: the offer lands as a volunteer waiting
for an answer, with the consents given; staff accept or decline it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from tenant_apps.people.models import Consent, Volunteer
from tests.plugin import host_client, in_english

URL = "/become-a-volunteer/"


def offer(**changes) -> dict:
    data = {
        "first_name": "Sunniva",
        "last_name": "Offerdal",
        "email": "sunniva@example.org",
        "phone": "912 34 567",
        "application_text": "Driving on Tuesdays",
        "consent_registration": "on",
        "consent_contact": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def visitor(centre_client):
    return in_english(centre_client)


def applications(centre):
    with schema_context(centre.schema_name):
        return list(Volunteer.objects.filter(status=Volunteer.Status.APPLIED))


def test_an_offer_lands_as_a_volunteer_waiting_for_an_answer_with_the_consents_given(
    centre, visitor, mailoutbox, django_capture_on_commit_callbacks, audit_events
):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(URL, offer())

    assert (response.status_code, response["Location"]) == (302, "/become-a-volunteer/thanks/")
    [volunteer] = applications(centre)
    assert (volunteer.full_name, volunteer.email, volunteer.phone) == (
        "Sunniva Offerdal",
        "sunniva@example.org",
        "+4791234567",
    )
    assert volunteer.source == Volunteer.Source.PUBLIC_FORM
    assert volunteer.application_text == "Driving on Tuesdays"
    with schema_context(centre.schema_name):
        purposes = sorted(volunteer.consents.values_list("purpose", flat=True))
    assert purposes == [Consent.Purpose.CONTACT, Consent.Purpose.REGISTRATION]
    [message] = mailoutbox
    assert message.to == ["sunniva@example.org"]
    assert "Thank you for offering to volunteer" in message.subject
    assert "Sunniva" in message.body
    events = audit_events(subject_type="volunteer", subject_id=str(volunteer.pk))
    assert [(action, actor) for action, _type, _id, actor in events] == [
        ("created", 0),
        ("updated", 0),
        ("updated", 0),
    ]


def test_the_confirmation_is_written_in_the_language_of_the_form(
    centre, centre_client, mailoutbox, django_capture_on_commit_callbacks
):
    # The centre's federation speaks Norwegian; an anonymous visitor reads it too.
    with django_capture_on_commit_callbacks(execute=True):
        centre_client.post(URL, offer())

    assert "Takk for at du vil bli frivillig" in mailoutbox[0].subject


def test_bad_input_gets_field_errors_in_the_visitors_language_and_keeps_what_was_typed(
    centre, centre_client, mailoutbox
):
    response = centre_client.post(
        URL, offer(last_name="", email="not-an-address", consent_registration="")
    )

    assert response.status_code == 400
    text = response.text
    assert 'aria-invalid="true"' in text
    assert "Oppgi en gyldig epost-adresse." in text  # Django's own message, in Norwegian
    assert "Kryss av for å samtykke" in text
    assert 'value="Sunniva"' in text and 'value="not-an-address"' in text
    assert "Driving on Tuesdays" in text
    assert applications(centre) == [] and mailoutbox == []


def test_the_honeypot_looks_taken_but_nothing_is_saved_or_sent(centre, visitor, mailoutbox):
    response = visitor.post(URL, offer(website="http://spam.example"))

    assert (response.status_code, response["Location"]) == (302, "/become-a-volunteer/thanks/")
    assert applications(centre) == [] and mailoutbox == []


def test_posts_past_the_rate_limit_are_refused(centre, visitor):
    for number in range(5):
        assert visitor.post(URL, offer(email=f"person{number}@example.org")).status_code == 302

    response = visitor.post(URL, offer(email="sixth@example.org"))

    assert response.status_code == 429
    assert "try again later" in response.text
    assert 'value="sixth@example.org"' in response.text
    assert len(applications(centre)) == 5


def test_another_address_is_not_held_back_by_the_limit(centre, visitor):
    for number in range(6):
        visitor.post(URL, offer(email=f"person{number}@example.org"))
    other = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))

    response = other.post(URL, offer(), REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 302


def test_a_second_visitor_sees_nothing_of_what_the_first_sent(centre, visitor):
    visitor.post(URL, offer())
    second = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))

    for url in (URL, "/become-a-volunteer/thanks/", "/"):
        text = second.get(url).text
        assert "Sunniva" not in text and "sunniva@example.org" not in text, url


def test_the_form_is_on_the_public_menu(visitor):
    assert 'href="/become-a-volunteer/"' in visitor.get("/").text


# --- Staff answer the offer -----------------------------------------------------------


@pytest.fixture
def application(centre, visitor):
    visitor.post(URL, offer())
    return applications(centre)[0]


def test_staff_see_new_offers_on_the_volunteer_list_and_the_today_page(
    coordinator_client, application
):
    listing = coordinator_client.get("/people/volunteers/").text
    assert "1 new offer to volunteer from the public form waits for an answer." in listing
    assert 'href="/people/volunteers/?status=applied"' in listing
    filtered = coordinator_client.get("/people/volunteers/?status=applied").text
    assert "Offerdal" in filtered
    today = coordinator_client.get("/staff/today/").text
    assert "1 offer from the public form waits for an answer." in today


def test_accepting_makes_an_active_volunteer_from_today_and_is_audited(
    centre, coordinator_client, coordinator, application, audit_events
):
    detail = coordinator_client.get(f"/people/volunteers/{application.pk}/").text
    assert "Offer to volunteer, waiting for an answer" in detail
    assert "Driving on Tuesdays" in detail

    response = coordinator_client.post(f"/people/volunteers/{application.pk}/application/accept/")

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        volunteer = Volunteer.objects.get(pk=application.pk)
    assert volunteer.status == Volunteer.Status.ACTIVE
    assert ("updated", "volunteer", str(volunteer.pk), coordinator.pk) in audit_events(
        code="volunteer.application_accepted"
    )


def test_declining_asks_first_then_deletes_the_offer_and_its_consents(
    centre, coordinator_client, coordinator, application, audit_events
):
    url = f"/people/volunteers/{application.pk}/application/decline/"
    assert "Decline the offer from Sunniva Offerdal?" in coordinator_client.get(url).text
    with schema_context(centre.schema_name):
        assert Volunteer.objects.filter(pk=application.pk).exists()

    response = coordinator_client.post(url)

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        assert not Volunteer.objects.filter(pk=application.pk).exists()
        assert not Consent.objects.filter(volunteer_id=application.pk).exists()
    assert audit_events(code="volunteer.application_declined") == [
        ("deleted", "volunteer", str(application.pk), coordinator.pk)
    ]


def test_an_answered_offer_cannot_be_answered_again(coordinator_client, centre, application):
    coordinator_client.post(f"/people/volunteers/{application.pk}/application/accept/")

    response = coordinator_client.post(f"/people/volunteers/{application.pk}/application/decline/")

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        assert Volunteer.objects.get(pk=application.pk).status == Volunteer.Status.ACTIVE


def test_staff_cannot_set_a_volunteer_back_to_waiting(coordinator_client, make_volunteer, centre):
    volunteer = make_volunteer("Ada", "Active")

    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/").text
    coordinator_client.post(f"/people/volunteers/{volunteer.pk}/status/", {"status": "applied"})

    assert 'value="applied"' not in page
    with schema_context(centre.schema_name):
        assert Volunteer.objects.get(pk=volunteer.pk).status == Volunteer.Status.ACTIVE


def test_an_offer_not_yet_accepted_is_not_counted_in_the_statistics(centre, application):
    from tenant_apps.people.stats import collect_volunteers

    with schema_context(centre.schema_name):
        rows = collect_volunteers(None)
    assert sum(row.value for row in rows) == 0


def test_staff_and_the_api_cannot_make_a_volunteer_an_offer(
    centre, make_volunteer, coordinator, coordinator_client
):
    from tenant_apps.people import services
    from toolkit.errors import ApplicationError

    created = coordinator_client.post(
        "/api/v1/volunteers/",
        {"first_name": "Kari", "last_name": "Nordmann", "status": "applied"},
        content_type="application/json",
    )
    assert created.status_code == 400 and "status" in created.json()
    volunteer = make_volunteer("Ada", "Active")
    with schema_context(centre.schema_name), pytest.raises(ApplicationError):
        services.volunteer_update(actor=coordinator, volunteer=volunteer, status="applied")
    with schema_context(centre.schema_name):
        assert Volunteer.objects.get(pk=volunteer.pk).status == Volunteer.Status.ACTIVE
