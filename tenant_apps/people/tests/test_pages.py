"""The people pages as coordinators and volunteers use them."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenant_apps.people.models import (
    Area,
    AvailabilitySlot,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Skill,
    Volunteer,
)
from tests.plugin import host_client, sign_in


@pytest.fixture
def lists(inside):
    with inside():
        return {
            "skill": Skill.objects.create(name="Sjåfør", kind="skill"),
            "area": Area.objects.create(name="Heimdal"),
        }


def form_data(lists, **overrides):
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@example.org",
        "phone": "+47 912 34 567",
        "date_of_birth": "1958-04-02",
        "age_band": "unknown",
        "languages": ["nb", "en"],
        "skills": [lists["skill"].pk],
        "areas": [lists["area"].pk],
        "availability": ["0:morning", "4:evening"],
        "start_date": "2026-01-05",
        "status": "active",
        "account_user_id": "",
        "consents": ["registration", "contact"],
    }
    data.update(overrides)
    return data


def saved_rows(inside):
    with inside():
        return (
            Volunteer.objects.count(),
            Volunteer.skills.through.objects.count(),
            AvailabilitySlot.objects.count(),
            Consent.objects.count(),
        )


# --- Registering ----------------------------------------------------------------------------


def test_a_coordinator_registers_a_volunteer(coordinator_client, inside, lists, audit_events):
    response = coordinator_client.post("/people/volunteers/new/", form_data(lists))

    with inside():
        volunteer = Volunteer.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/people/volunteers/{volunteer.pk}/"
        assert volunteer.full_name == "Kari Nordmann"
        assert list(volunteer.skills.all()) == [lists["skill"]]
        assert sorted(volunteer.availability.values_list("weekday", "part_of_day")) == [
            (0, "morning"),
            (4, "evening"),
        ]
        assert set(volunteer.consents.values_list("purpose", flat=True)) == {
            "registration",
            "contact",
        }
    assert [event[:3] for event in audit_events()] == [
        ("created", "volunteer", str(volunteer.pk)),
        ("updated", "volunteer", str(volunteer.pk)),  # consent: registration
        ("updated", "volunteer", str(volunteer.pk)),  # consent: contact
    ]


@pytest.mark.parametrize("typed", ["912 34 567", "+47 912 34 567", "0047 91234567"])
def test_phone_numbers_are_stored_in_e164_and_shown_the_national_way(
    coordinator_client, inside, lists, typed
):
    coordinator_client.post("/people/volunteers/new/", form_data(lists, phone=typed))

    with inside():
        volunteer = Volunteer.objects.get()
        assert volunteer.phone == "+4791234567"
    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/").text
    assert '<a href="tel:+4791234567">91 23 45 67</a>' in page
    # and the form to change it shows the number as people write it
    form = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/edit/").text
    assert 'value="91 23 45 67"' in form


def test_an_old_number_that_is_no_number_is_shown_as_it_was_written(
    coordinator_client, inside, make_volunteer
):
    volunteer = make_volunteer(first_name="Old", phone="ring Kari")
    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/").text
    assert ">ring Kari</a>" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "kari-at-example", "Enter a valid email address."),
        ("date_of_birth", "2999-01-01", "This date cannot be in the future."),
        ("first_name", "", "This field is required."),
        ("availability", ["0:morning", "9:night"], "Select a valid choice."),
        ("phone", "abc", "Enter a phone number, for example 912 34 567 or +45 20 12 34 56."),
    ],
)
def test_bad_input_shows_a_field_error_and_saves_nothing(
    coordinator_client, inside, lists, field, value, message
):
    response = coordinator_client.post(
        "/people/volunteers/new/", form_data(lists, **{field: value})
    )

    assert response.status_code == 200
    assert message in response.text
    assert response.context["form"].errors[field]
    # The error is tied to its field for screen readers.
    assert re.search(rf'aria-describedby="[^"]*\bid_{field}_error"', response.text)
    assert saved_rows(inside) == (0, 0, 0, 0)


def test_bad_input_is_explained_in_norwegian(centre, coordinator, inside, lists):
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator)
    future_birth = client.post(
        "/people/volunteers/new/", form_data(lists, date_of_birth="2999-01-01")
    )
    bad_email = client.post("/people/volunteers/new/", form_data(lists, email="feil"))

    assert future_birth.status_code == bad_email.status_code == 200
    assert "Registrer en frivillig" in future_birth.text
    assert "Denne datoen kan ikke være fram i tid." in future_birth.text
    assert "Rett opp feltene som er merket nedenfor." in bad_email.text
    assert "Oppgi en gyldig" in bad_email.text  # Django's own catalogue
    assert saved_rows(inside) == (0, 0, 0, 0)


def test_the_volunteer_list_reads_norwegian(centre, coordinator, make_volunteer):
    make_volunteer(first_name="Kari", last_name="Nilsen")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator)
    response = client.get("/people/volunteers/")

    assert response.status_code == 200
    assert '<html lang="nb">' in response.text
    assert "<h1>Frivillige</h1>" in response.text
    assert "Kari Nilsen" in response.text
    assert "1 frivillig funnet" in response.text


def test_the_filter_answers_htmx_with_the_results_only(coordinator_client, make_volunteer):
    make_volunteer(first_name="Kari", last_name="Nilsen")
    make_volunteer(first_name="Ola", last_name="Berg")
    response = coordinator_client.get(
        "/people/volunteers/?q=nilsen", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="volunteer-results"
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.startswith('<div id="volunteer-results">')
    assert "Kari Nilsen" in response.text
    assert "Ola Berg" not in response.text
    assert '<p id="volunteer-count" hx-swap-oob="innerHTML">1 volunteer found</p>' in response.text


# --- Who may see what -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/people/volunteers/",
        "/people/volunteers/new/",
        "/people/participants/",
        "/people/skills/",
        "/api/v1/volunteers/",
        "/api/v1/participants/",
    ],
)
def test_volunteers_cannot_see_the_lists(volunteer_client, url):
    assert volunteer_client.get(url).status_code == 403


def test_a_volunteer_cannot_open_another_volunteers_record(
    volunteer_client, volunteer, make_volunteer, inside
):
    make_volunteer(account_user_id=volunteer.pk)
    other = make_volunteer(first_name="Other")
    with inside():
        consent = Consent.objects.create(volunteer=other, purpose="photos", given_on="2025-01-01")

    assert volunteer_client.get(f"/people/volunteers/{other.pk}/").status_code == 403
    assert volunteer_client.get(f"/api/v1/volunteers/{other.pk}/").status_code == 403
    assert (
        volunteer_client.patch(
            f"/api/v1/volunteers/{other.pk}/", {"phone": "1"}, content_type="application/json"
        ).status_code
        == 403
    )
    withdraw = f"/people/me/consents/{consent.pk}/withdraw/"
    assert volunteer_client.get(withdraw).status_code == 404
    assert volunteer_client.post(withdraw).status_code == 404
    with inside():
        assert Consent.objects.get(pk=consent.pk).withdrawn_on is None


# --- Query counts ---------------------------------------------------------------------------


def fill(inside, make_volunteer, make_participant, lists, count):
    with inside():
        for number in range(count):
            volunteer = make_volunteer(email=f"v{number}@example.org")
            volunteer.skills.set([lists["skill"]])
            volunteer.areas.set([lists["area"]])
            Consent.objects.create(volunteer=volunteer, purpose="registration", given_on="2025-1-1")
            PoliceCertificateRecord.objects.create(
                volunteer=volunteer,
                kind="politiattest",
                seen_on="2025-01-01",
                renew_by="2028-01-01",
                seen_by_label="x",
            )
            participant = make_participant(area=lists["area"])
            Consent.objects.create(
                participant=participant, purpose="registration", given_on="2025-1-1"
            )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/people/volunteers/",
        "/people/participants/",
        "/api/v1/volunteers/",
        "/api/v1/participants/",
    ],
)
def test_list_pages_run_the_same_number_of_queries_for_3_or_25_rows(
    coordinator_client, inside, make_volunteer, make_participant, lists, url
):
    fill(inside, make_volunteer, make_participant, lists, 3)
    queries_for(coordinator_client, url)  # warm caches (sessions, content types)
    with_three = queries_for(coordinator_client, url)
    fill(inside, make_volunteer, make_participant, lists, 22)
    with_twenty_five = queries_for(coordinator_client, url)

    assert with_twenty_five == with_three
    assert with_three <= 30  # each query is preceded by django-tenants' SET search_path


# --- Detail pages are audited ---------------------------------------------------------------


def test_viewing_a_volunteer_is_audited(
    coordinator_client, coordinator, make_volunteer, audit_events
):
    volunteer = make_volunteer(first_name="Seen")
    response = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/")
    assert response.status_code == 200
    assert "Seen" in response.text
    coordinator_client.get(f"/api/v1/volunteers/{volunteer.pk}/")
    assert audit_events(action="viewed") == [
        ("viewed", "volunteer", str(volunteer.pk), coordinator.pk),
        ("viewed", "volunteer", str(volunteer.pk), coordinator.pk),
    ]


def test_viewing_a_participant_is_audited(
    coordinator_client, coordinator, make_participant, audit_events
):
    participant = make_participant()
    assert coordinator_client.get(f"/people/participants/{participant.pk}/").status_code == 200
    assert coordinator_client.get(f"/api/v1/participants/{participant.pk}/").status_code == 200
    assert audit_events(action="viewed") == [
        ("viewed", "participant", str(participant.pk), coordinator.pk),
        ("viewed", "participant", str(participant.pk), coordinator.pk),
    ]


def test_a_missing_volunteer_is_404_and_not_audited(coordinator_client, audit_events):
    assert coordinator_client.get("/people/volunteers/999999/").status_code == 404
    assert audit_events(action="viewed") == []


def test_the_detail_page_shows_what_is_missing(coordinator_client, make_volunteer):
    volunteer = make_volunteer(email="x@example.org")
    response = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/")
    assert "Consents missing:" in response.text
    assert "Keeping my details to organise volunteering" in response.text
    assert "Being contacted by e-mail and text message" in response.text
    assert "No certificate has been seen." in response.text


# --- Certificates, declarations, status -----------------------------------------------------


def test_recording_a_certificate_from_the_page(coordinator_client, make_volunteer, inside):
    volunteer = make_volunteer()
    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/certificates/new/")
    assert 'type="file"' not in page.text
    assert "Never keep or upload the certificate itself." in page.text

    response = coordinator_client.post(
        f"/people/volunteers/{volunteer.pk}/certificates/new/",
        {"kind": "politiattest", "seen_on": "2026-01-10", "renew_by": "", "confirm": "on"},
    )
    assert response.status_code == 302
    with inside():
        record = PoliceCertificateRecord.objects.get(volunteer=volunteer)
        assert record.seen_by_label == "Cora Coordinator"
        assert record.renew_by == datetime.date(2029, 1, 10)


def test_signing_the_declaration_and_changing_status(coordinator_client, make_volunteer, inside):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        f"/people/volunteers/{volunteer.pk}/declarations/new/",
        {"signed_on": "2026-01-10", "version": "2026-1"},
    )
    assert response.status_code == 302
    coordinator_client.post(f"/people/volunteers/{volunteer.pk}/status/", {"status": "paused"})
    with inside():
        assert volunteer.confidentiality_declarations.get().version == "2026-1"
        assert Volunteer.objects.get(pk=volunteer.pk).status == "paused"


def test_editing_a_volunteer_replaces_their_times(
    coordinator_client, make_volunteer, inside, lists
):
    volunteer = make_volunteer()
    with inside():
        AvailabilitySlot.objects.create(volunteer=volunteer, weekday=6, part_of_day="evening")
    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/edit/")
    assert 'value="6:evening" id="id_availability_6_evening" checked' in page.text

    data = form_data(lists, first_name="Changed", availability=["2:afternoon"])
    del data["consents"]
    response = coordinator_client.post(f"/people/volunteers/{volunteer.pk}/edit/", data)
    assert response.status_code == 302
    with inside():
        assert Volunteer.objects.get(pk=volunteer.pk).first_name == "Changed"
        assert list(volunteer.availability.values_list("weekday", "part_of_day")) == [
            (2, "afternoon")
        ]


# --- Deleting ------------------------------------------------------------------------------


def test_the_delete_page_says_how_many_hours_are_kept(coordinator_client, make_volunteer, inside):
    from django.db.models import Sum

    from tenant_apps.activities.models import ActivityCategory
    from tenant_apps.hours.models import HoursEntry

    volunteer = make_volunteer(first_name="Leaving")
    with inside():
        category = ActivityCategory.objects.create(
            code="people-page-test", name_nb="T", name_da="T", name_en="T"
        )
        for hours in ("1.5", "2"):
            HoursEntry.objects.create(
                volunteer=volunteer, category=category, date="2025-05-05", hours=Decimal(hours)
            )

    page = coordinator_client.get(f"/people/volunteers/{volunteer.pk}/delete/")
    assert "2 hour entries (3.50 hours) are kept without their name" in page.text

    response = coordinator_client.post(f"/people/volunteers/{volunteer.pk}/delete/")
    assert response.status_code == 302
    with inside():
        assert not Volunteer.objects.filter(pk=volunteer.pk).exists()
        assert HoursEntry.objects.aggregate(total=Sum("hours"))["total"] == Decimal("3.5")


# --- Consents from the pages ------------------------------------------------------------------


def test_target_groups_need_consent_on_the_participant_pages(coordinator_client, inside):
    refused = coordinator_client.post(
        "/people/participants/new/",
        {
            "first_name": "Aisha",
            "age_band": "18_29",
            "consents": ["registration"],
            "target_groups": ["young_adults"],
        },
    )
    assert refused.status_code == 200
    assert "Target groups can only be recorded when the person has consented" in refused.text
    with inside():
        assert Participant.objects.count() == 0

    accepted = coordinator_client.post(
        "/people/participants/new/",
        {
            "first_name": "Aisha",
            "age_band": "18_29",
            "consents": ["registration", "target_groups"],
            "target_groups": ["young_adults"],
        },
    )
    assert accepted.status_code == 302
    with inside():
        participant = Participant.objects.get()
        consent = participant.consents.get(purpose="target_groups")
    assert participant.target_groups == ["young_adults"]

    url = f"/people/participants/{participant.pk}/consents/{consent.pk}/withdraw/"
    confirm = coordinator_client.get(url)
    assert "The target groups recorded for this person will be cleared." in confirm.text
    coordinator_client.post(url)
    with inside():
        assert Participant.objects.get(pk=participant.pk).target_groups == []


def test_giving_a_consent_needs_confirmation(coordinator_client, make_volunteer, inside):
    volunteer = make_volunteer()
    url = f"/people/volunteers/{volunteer.pk}/consents/"
    unconfirmed = coordinator_client.post(url, {"purpose": "photos", "given_on": "2026-01-01"})
    assert unconfirmed.status_code == 200
    confirmed = coordinator_client.post(
        url, {"purpose": "photos", "given_on": "2026-01-01", "confirm": "on"}
    )
    assert confirmed.status_code == 302
    with inside():
        assert list(volunteer.consents.values_list("purpose", flat=True)) == ["photos"]


# --- The skill and area lists ---------------------------------------------------------------


def test_coordinators_edit_the_skill_and_area_lists(coordinator_client, inside):
    assert (
        coordinator_client.post("/people/skills/", {"name": "Strikking", "kind": "interest"})[
            "Location"
        ]
        == "/people/skills/"
    )
    duplicate = coordinator_client.post(
        "/people/skills/", {"name": "strikking", "kind": "interest"}
    )
    assert "The list already has this name." in duplicate.text
    coordinator_client.post("/people/areas/", {"name": "Støren"})
    with inside():
        skill = Skill.objects.get(name="Strikking")
        area = Area.objects.get(name="Støren")
    coordinator_client.post(
        f"/people/skills/{skill.pk}/edit/", {"name": "Strikking og hekling", "kind": "interest"}
    )
    coordinator_client.post(f"/people/areas/{area.pk}/edit/", {"name": "Støren sentrum"})
    with inside():
        skill.refresh_from_db()
        area.refresh_from_db()
    assert (skill.name, skill.is_active) == ("Strikking og hekling", False)
    assert (area.name, area.is_active) == ("Støren sentrum", False)


# --- A volunteer's own profile --------------------------------------------------------------


def test_a_volunteer_edits_their_own_profile_only(
    volunteer_client, volunteer, make_volunteer, inside, lists
):
    own = make_volunteer(account_user_id=volunteer.pk, first_name="Vera", phone="111")
    other = make_volunteer(first_name="Other", phone="999")
    page = volunteer_client.get("/people/me/")
    assert page.status_code == 200
    assert "Your volunteer profile" in page.text
    assert 'name="status"' not in page.text

    response = volunteer_client.post(
        "/people/me/",
        {
            "email": "vera@example.org",
            "phone": "+47 400 00 000",
            "languages": ["nb", "pl"],
            "skills": [lists["skill"].pk],
            "areas": [lists["area"].pk],
            "availability": ["5:morning"],
            # Fields a volunteer may not change are ignored:
            "first_name": "Hacked",
            "status": "ended",
        },
    )
    assert response.status_code == 302
    with inside():
        own.refresh_from_db()
        other.refresh_from_db()
        assert (own.first_name, own.status, own.phone) == ("Vera", "active", "+4740000000")
        assert own.languages == ["nb", "pl"]
        assert list(own.availability.values_list("weekday", "part_of_day")) == [(5, "morning")]
        assert other.phone == "999"


def test_a_volunteer_gives_and_withdraws_their_own_consents(
    volunteer_client, volunteer, make_volunteer, inside
):
    own = make_volunteer(account_user_id=volunteer.pk)
    response = volunteer_client.post("/people/me/consents/", {"purpose": "photos", "confirm": "on"})
    assert response.status_code == 302
    with inside():
        consent = own.consents.get()
        assert consent.recorded_by_label == "Vera Volunteer"
    volunteer_client.post(f"/people/me/consents/{consent.pk}/withdraw/")
    with inside():
        consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()


def test_a_member_without_a_volunteer_record_gets_a_friendly_404(volunteer_client):
    response = volunteer_client.get("/people/me/")
    assert response.status_code == 404
    assert "You have no volunteer profile here yet" in response.text
    assert volunteer_client.get("/api/v1/me/volunteer/").status_code == 404


def test_the_volunteer_link_is_offered_to_coordinators(
    coordinator_client, volunteer, make_volunteer, inside
):
    target = make_volunteer()
    data = {
        "first_name": target.first_name,
        "last_name": target.last_name,
        "age_band": "unknown",
        "start_date": "2024-01-01",
        "status": "active",
        "account_user_id": str(volunteer.pk),
    }
    response = coordinator_client.post(f"/people/volunteers/{target.pk}/edit/", data)
    assert response.status_code == 302
    with inside():
        assert Volunteer.objects.get(pk=target.pk).account_user_id == volunteer.pk


def test_every_people_page_opens_for_a_coordinator(
    coordinator_client, make_volunteer, make_participant, inside, lists
):
    volunteer = make_volunteer(email="all@example.org")
    participant = make_participant(area=lists["area"])
    with inside():
        volunteer_consent = Consent.objects.create(
            volunteer=volunteer, purpose="contact", given_on="2025-01-01"
        )
        participant_consent = Consent.objects.create(
            participant=participant, purpose="target_groups", given_on="2025-01-01"
        )
    urls = [
        "/people/volunteers/",
        "/people/volunteers/new/",
        f"/people/volunteers/{volunteer.pk}/",
        f"/people/volunteers/{volunteer.pk}/edit/",
        f"/people/volunteers/{volunteer.pk}/delete/",
        f"/people/volunteers/{volunteer.pk}/certificates/new/",
        f"/people/volunteers/{volunteer.pk}/declarations/new/",
        f"/people/volunteers/{volunteer.pk}/consents/",
        f"/people/volunteers/{volunteer.pk}/consents/{volunteer_consent.pk}/withdraw/",
        "/people/participants/",
        "/people/participants/new/",
        f"/people/participants/{participant.pk}/",
        f"/people/participants/{participant.pk}/edit/",
        f"/people/participants/{participant.pk}/consents/",
        f"/people/participants/{participant.pk}/consents/{participant_consent.pk}/withdraw/",
        "/people/skills/",
        f"/people/skills/{lists['skill'].pk}/edit/",
        "/people/areas/",
        f"/people/areas/{lists['area'].pk}/edit/",
    ]
    for url in urls:
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert '<nav class="people-nav"' in response.text, url
    # A consent of one person is not reachable through another's address.
    assert (
        coordinator_client.get(
            f"/people/volunteers/{volunteer.pk}/consents/{participant_consent.pk}/withdraw/"
        ).status_code
        == 404
    )
