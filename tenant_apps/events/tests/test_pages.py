"""Events on the public site and for the staff: registration with confirmation, places and
stands, hidden events, the staff's list and its export, reminders."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from tenant_apps.activities.tasks import send_due_reminders
from tenant_apps.associations.tests.factories import make_association
from tenant_apps.events.models import Registration
from tenant_apps.events.tests.factories import make_event, make_fair
from tests.plugin import in_english


def person(**changes) -> dict:
    data = {
        "name": "Kari Nordmann",
        "email": "kari@example.org",
        "phone": "",
        "places": "2",
        "consent": "on",
        "nickname": "",
    }
    data.update(changes)
    return data


def test_public_events_are_listed_and_hidden_ones_are_not(centre_client, centre):
    with schema_context(centre.schema_name):
        shown = make_event("Open meeting")
        hidden = make_event("HiddenEventZ", is_public=False)

    text = in_english(centre_client).get("/events/").text

    assert "Open meeting" in text
    assert "HiddenEventZ" not in text
    assert centre_client.get(f"/events/{hidden.pk}/").status_code == 404
    assert centre_client.get(f"/events/{shown.pk}/").status_code == 200
    assert 'href="/events/"' in centre_client.get("/").text


def test_a_person_registers_and_gets_a_confirmation_in_their_language(
    centre_client, centre, django_capture_on_commit_callbacks
):
    with schema_context(centre.schema_name):
        event = make_event("Open meeting", capacity=10)

    with django_capture_on_commit_callbacks() as callbacks:
        response = in_english(centre_client).post(f"/events/{event.pk}/", person())
    with schema_context(centre.schema_name):
        for callback in callbacks:
            callback()
        registration = Registration.objects.get(event=event)

    assert response.status_code == 302
    assert (registration.name, registration.places, registration.language) == (
        "Kari Nordmann",
        2,
        "en",
    )
    assert [message.to for message in mail.outbox] == [["kari@example.org"]]
    assert mail.outbox[0].subject == "You are registered: Open meeting"
    page = centre_client.get(f"/events/{event.pk}/").text
    assert "Kari Nordmann" not in page  # nothing a visitor sends is shown to another


def test_a_full_event_says_so_and_keeps_what_was_typed(centre_client, centre):
    with schema_context(centre.schema_name):
        event = make_event("Small meeting", capacity=1)

    first = centre_client.post(f"/events/{event.pk}/", person(places="1"))
    second = in_english(centre_client).post(
        f"/events/{event.pk}/", person(name="Ola", places="1", email="ola@example.org")
    )

    assert first.status_code == 302
    assert second.status_code == 409
    assert "The event is full." in second.text
    assert 'value="ola@example.org"' in second.text


def test_an_association_takes_a_stand_and_the_map_shows_it(centre_client, centre):
    with schema_context(centre.schema_name):
        fair = make_fair(rows=1, columns=2)
        club = make_association("Stand Club")
        hidden = make_association("HiddenStandClubZ", is_public=False)

    form = in_english(centre_client).get(f"/events/{fair.pk}/").text
    response = centre_client.post(
        f"/events/{fair.pk}/",
        person(kind="association", association=str(club.pk), stand="", places=""),
    )
    page = centre_client.get(f"/events/{fair.pk}/").text

    assert "HiddenStandClubZ" not in form
    assert response.status_code == 302
    with schema_context(centre.schema_name):
        registration = Registration.objects.select_related("stand").get(event=fair)
    assert (registration.association_id, registration.stand.label) == (club.pk, "A1")
    assert "Stand Club" in page
    assert hidden.pk  # the hidden club could not be chosen: it was never offered


def test_the_registration_form_is_protected_against_mass_submission(centre_client, centre):
    with schema_context(centre.schema_name):
        event = make_event("Popular meeting")

    robot = centre_client.post(f"/events/{event.pk}/", person(nickname="buy now"))
    statuses = [
        centre_client.post(
            f"/events/{event.pk}/", person(email=f"p{n}@example.org"), REMOTE_ADDR="198.51.100.7"
        ).status_code
        for n in range(6)
    ]

    assert robot.status_code == 302
    assert statuses == [302] * 5 + [429]
    with schema_context(centre.schema_name):
        assert Registration.objects.filter(event=event).count() == 5


@pytest.fixture
def registered_event(centre):
    with schema_context(centre.schema_name):
        event = make_event("Exported meeting")
        Registration.objects.create(
            event=event, kind="person", name="=HYPERLINK(evil)", email="a@example.org", places=3
        )
        Registration.objects.create(
            event=event, kind="person", name="Bjørn Ås", email="b@example.org", phone="+4791234567"
        )
    return event


def test_staff_see_the_registrations_and_viewing_is_audited(
    coordinator_client, registered_event, audit_events
):
    text = coordinator_client.get(f"/events/staff/{registered_event.pk}/").text

    assert "Bjørn Ås" in text
    assert ("viewed", "event", str(registered_event.pk)) in [e[:3] for e in audit_events()]


def test_staff_export_the_registrations_as_csv(coordinator_client, registered_event):
    response = coordinator_client.get(f"/events/staff/{registered_event.pk}/registrations.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Registered", "Registered as", "Name"]
    names = [row[2] for row in rows[1:]]
    assert names == ["'=HYPERLINK(evil)", "Bjørn Ås"]
    assert [row[5] for row in rows[1:]] == ["3", "1"]


def test_staff_export_the_registrations_as_excel(coordinator_client, registered_event):
    response = coordinator_client.get(f"/events/staff/{registered_event.pk}/registrations.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][2] == "Name"
    assert values[1][2] == "=HYPERLINK(evil)"
    assert sheet.cell(row=2, column=3).data_type == "s"  # text, never a formula
    assert values[2][6] == "b@example.org"


@pytest.mark.parametrize("client", ["volunteer_client", "centre_client"])
def test_only_staff_reach_the_registrations(request, client, registered_event):
    response = request.getfixturevalue(client).get(
        f"/events/staff/{registered_event.pk}/registrations.csv"
    )

    assert response.status_code in (302, 403)
    assert b"b@example.org" not in response.content


def test_registered_people_are_reminded_once_before_the_event(centre, mailoutbox):
    with schema_context(centre.schema_name):
        soon = make_event("Soon meeting", days=0)
        soon.starts_at = timezone.now() + datetime.timedelta(hours=5)
        soon.ends_at = soon.starts_at + datetime.timedelta(hours=1)
        soon.save()
        later = make_event("Later meeting", days=20)
        for event in (soon, later):
            Registration.objects.create(
                event=event, kind="person", name="Kari", email="kari@example.org", language="nb"
            )

    first = send_due_reminders.call(centre.schema_name)
    second = send_due_reminders.call(centre.schema_name)

    assert (first, second) == (1, 0)
    assert [message.subject for message in mailoutbox] == ["Påminnelse: Soon meeting"]
