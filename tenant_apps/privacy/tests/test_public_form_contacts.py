"""People known only by what they gave on a public form (sign-ups, event registrations,
nominations, an association's contact person): a manager finds, exports and erases it by
e-mail address; the rows stay for the counts; the retention rules anonymise them in time."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db.models import Count, Q
from django_tenants.utils import schema_context

from tenant_apps.activities.models import SessionSignup
from tenant_apps.activities.tests.factories import make_activity, make_session
from tenant_apps.associations.models import Association, AssociationContact
from tenant_apps.award.models import AwardRound, Nomination
from tenant_apps.events.models import Event, Registration
from tenant_apps.events.selectors import staff_event
from tenant_apps.events.tests.factories import make_event
from tenant_apps.privacy import selectors, services
from tests.factories import make_volunteer
from tests.plugin import clock_at

EMAIL = "Kari.Nordmann@example.org"
NAME, PHONE = "Kari Nordmann", "+4798765432"
DAY = datetime.date(2031, 6, 15)


def public_form_rows(*, email: str = EMAIL, name: str = NAME, activity: str = "Walking group"):
    """Kari signed up for two sessions, registered for an event with 3 places, nominated
    someone for the award and is an association's contact person; someone else did too."""
    session = make_session(make_activity(name=activity), day=DAY - datetime.timedelta(days=400))
    for who, address in ((name, email), ("Ola Hansen", "ola@example.org")):
        SessionSignup.objects.create(
            session=session,
            name=who,
            email=address.lower(),
            phone=PHONE,
            status=SessionSignup.Status.CONFIRMED,
            language="nb",
        )
    SessionSignup.objects.create(
        session=make_session(day=DAY + datetime.timedelta(days=30)),
        name=name,
        email=email,
        status=SessionSignup.Status.WAITING,
        language="nb",
    )
    event = make_event(f"{activity} meeting", capacity=20)
    Registration.objects.create(
        event=event, kind="person", name=name, email=email, phone=PHONE, places=3
    )
    Registration.objects.create(
        event=event, kind="person", name="Ola Hansen", email="ola@example.org", places=2
    )
    award_round = AwardRound.objects.create(
        title=f"{activity} award",
        opens_on=DAY - datetime.timedelta(days=500),
        closes_on=DAY - datetime.timedelta(days=450),
    )
    Nomination.objects.create(
        award_round=award_round,
        nominee_name="Per Olsen",
        reason="Always there",
        nominator_name=name,
        nominator_email=email.upper(),
        nominator_phone=PHONE,
        language="nb",
    )
    association = Association.objects.create(
        name=f"{activity} club", contact_name=name, email=email, phone=PHONE
    )
    AssociationContact.objects.create(association=association, email=email)
    return session, event, award_round, association


@pytest.fixture
def rows(centre, other_centre, inside):
    with clock_at(DAY):
        with schema_context(other_centre.schema_name):
            public_form_rows(activity="Beta choir")
        with inside():
            return public_form_rows()


def test_export_by_email_finds_every_app_and_nothing_of_another_centre(
    centre_admin_client, rows, audit_events
):
    page = centre_admin_client.post("/privacy/contacts/", {"email": EMAIL})

    assert page.status_code == 200
    assert "Walking group" in page.text and "Beta choir" not in page.text
    assert "Ola Hansen" not in page.text

    answer = centre_admin_client.post(
        "/privacy/contacts/export/", {"email": EMAIL, "format": "json"}
    )

    assert answer.status_code == 200
    data = json.loads(answer.content)
    found = {section["key"]: section["records"] for section in data["sections"]}
    assert [signup["status"] for signup in found["activities.session_signups"]] == [
        "Confirmed",
        "On the waiting list",
    ]
    assert [(r["name"], r["places"]) for r in found["events.registrations"]] == [(NAME, 3)]
    assert [n["nominee"] for n in found["award.nominations"]] == ["Per Olsen"]
    assert [a["association"] for a in found["associations.contact_person"]] == [
        "Walking group club"
    ]
    assert len(found["associations.contacts"]) == 1
    assert "Beta choir" not in answer.content.decode() and "Ola" not in answer.content.decode()
    # The log says a contact's data was exported, without the address.
    assert ("viewed", "contact", "") in [event[:3] for event in audit_events()]
    assert EMAIL.lower() not in centre_admin_client.get("/staff/audit/").text.lower()

    pdf = centre_admin_client.post("/privacy/contacts/export/", {"email": EMAIL, "format": "pdf"})

    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_an_unknown_address_finds_nothing_and_a_bad_one_is_kept(centre_admin_client, rows):
    page = centre_admin_client.post("/privacy/contacts/", {"email": "nobody@example.org"})
    assert "Nothing is held under this e-mail address." in page.text

    page = centre_admin_client.post("/privacy/contacts/", {"email": "not-an-address"})
    assert 'value="not-an-address"' in page.text
    assert "aria-invalid" in page.text


def test_only_managers_reach_the_contact_pages(volunteer_client, centre_admin_client):
    assert volunteer_client.get("/privacy/contacts/").status_code == 403
    assert volunteer_client.post("/privacy/contacts/export/", {"email": EMAIL}).status_code == 403
    assert volunteer_client.post("/privacy/contacts/erase/", {"email": EMAIL}).status_code == 403
    assert centre_admin_client.get("/privacy/contacts/").status_code == 200


def test_erasure_asks_first_then_keeps_every_count_and_removes_the_texts(
    centre_admin_client, rows, inside, audit_events
):
    session, event, award_round, association = rows
    with inside():
        places_before = staff_event(event.pk).places_taken
        signups_before = SessionSignup.objects.filter(session=session).count()

    question = centre_admin_client.post("/privacy/contacts/erase/", {"email": EMAIL, "ask": "1"})

    assert question.status_code == 200
    assert "cannot be undone" in question.text
    with inside():
        assert SessionSignup.objects.filter(name=NAME).count() == 2  # nothing changed yet

    unconfirmed = centre_admin_client.post("/privacy/contacts/erase/", {"email": EMAIL})
    assert unconfirmed.status_code == 200
    with inside():
        assert SessionSignup.objects.filter(name=NAME).count() == 2

    answer = centre_admin_client.post("/privacy/contacts/erase/", {"email": EMAIL, "confirm": "on"})

    assert answer.status_code == 302
    with inside():
        assert staff_event(event.pk).places_taken == places_before == 5
        assert SessionSignup.objects.filter(session=session).count() == signups_before
        assert SessionSignup.objects.filter(session=session, status="confirmed").count() == 2
        assert award_round.nominations.count() == 1
        kept = Association.objects.get(pk=association.pk)
        assert (kept.name, kept.contact_name, kept.email, kept.phone) == (
            "Walking group club",
            "",
            "",
            "",
        )
        texts = [
            *SessionSignup.objects.values_list("name", "email", "phone"),
            *Registration.objects.values_list("name", "email", "phone"),
            *Nomination.objects.values_list("nominator_name", "nominator_email", "nominator_phone"),
        ]
        flat = " ".join(value for row in texts for value in row).lower()
        assert NAME.lower() not in flat and EMAIL.lower() not in flat
        assert "ola hansen" in flat  # someone else's rows stay as they were
        assert not AssociationContact.objects.filter(association=association).exists()
        assert Nomination.objects.get().nominee_name == "Per Olsen"  # she was the nominator
    assert ("deleted", "contact", "") in [event[:3] for event in audit_events()]

    again = centre_admin_client.post("/privacy/contacts/erase/", {"email": EMAIL, "confirm": "on"})
    assert "Nothing is held under this e-mail address." in again.text


def test_a_volunteer_with_the_same_address_gets_their_public_forms_in_their_export(
    centre, rows, inside
):
    with inside():
        volunteer = make_volunteer("Kari", "Nordmann", email=EMAIL.lower())
        report = services.personal_data_report(
            person=selectors.volunteer_person(volunteer), label="Kari"
        )
    found = {section.key: section.records for section in report.sections}
    assert len(found["activities.session_signups"]) == 2
    assert len(found["events.registrations"]) == 1
    assert len(found["award.nominations"]) == 1


def test_erasing_a_volunteer_also_anonymises_their_public_forms(centre, centre_admin, rows, inside):
    session, event, _round, _association = rows
    with inside():
        volunteer = make_volunteer("Kari", "Nordmann", email=EMAIL.lower())
        services.volunteer_erase(actor=centre_admin, volunteer=volunteer)

        assert set(
            SessionSignup.objects.filter(session=session).values_list("name", flat=True)
        ) == {
            "—",
            "Ola Hansen",
        }
        assert staff_event(event.pk).places_taken == 5
        assert not Registration.objects.filter(email__iexact=EMAIL).exists()


# --- Retention ---------------------------------------------------------------------------


def test_retention_dry_run_lists_public_forms_and_the_run_anonymises_them(
    centre, inside, audit_events
):
    with clock_at(DAY), inside():
        old_session = make_session(day=DAY - datetime.timedelta(days=400))
        new_session = make_session(day=DAY - datetime.timedelta(days=100))
        for session in (old_session, new_session):
            SessionSignup.objects.create(
                session=session, name=NAME, email=EMAIL, status="confirmed", language="nb"
            )
        old_event = make_event("Old fair", days=-400)
        new_event = make_event("New fair", days=-30)
        for event in (old_event, new_event):
            Registration.objects.create(
                event=event, kind="person", name=NAME, email=EMAIL, places=2
            )
        closed = AwardRound.objects.create(
            title="Award 2029",
            opens_on=DAY - datetime.timedelta(days=600),
            closes_on=DAY - datetime.timedelta(days=500),
        )
        Nomination.objects.create(
            award_round=closed,
            nominee_name="Lost nominee",
            reason="Kind",
            nominator_name=NAME,
            nominator_email=EMAIL,
            language="nb",
        )
        winner = Nomination.objects.create(
            award_round=closed,
            nominee_name="Winning nominee",
            reason="Kindest",
            nominator_name=NAME,
            nominator_email=EMAIL,
            language="nb",
            status="winner",
            winner_consent_on=DAY - datetime.timedelta(days=490),
        )

        plan = selectors.retention_plan()
        due = {(change.action, change.label) for change in plan}

        old_label = f"{old_session.activity.name} {old_session.date:%Y-%m-%d}"
        assert ("anonymise_signup", old_label) in due
        assert not any(new_session.activity.name in label for _action, label in due)
        assert ("anonymise_registration", "Old fair") in due
        assert ("anonymise_registration", "New fair") not in due
        nominations = [change for change in plan if change.action == "anonymise_nomination"]
        assert len(nominations) == 1 and nominations[0].subject_id != winner.pk

    with clock_at(DAY), inside():
        result = services.retention_apply()

        assert len(result.applied) == len(plan)
        assert SessionSignup.objects.get(session=old_session).email == ""
        assert SessionSignup.objects.get(session=old_session).status == "confirmed"
        assert SessionSignup.objects.get(session=new_session).email == EMAIL
        assert Registration.objects.get(event=old_event).name == "—"
        assert Registration.objects.get(event=old_event).places == 2
        assert Registration.objects.get(event=new_event).name == NAME
        lost = Nomination.objects.exclude(pk=winner.pk).get()
        assert (lost.nominator_email, lost.nominee_name, lost.reason) == ("", "—", "")
        assert Nomination.objects.get(pk=winner.pk).nominee_name == "Winning nominee"
        assert selectors.retention_plan() == []
        counts = Event.objects.aggregate(
            registrations=Count("registrations", filter=Q(registrations__kind="person"))
        )
        assert counts["registrations"] == 2
    codes = [event[:2] for event in audit_events()]
    assert ("updated", "session_signup") in codes
    assert ("updated", "event_registration") in codes
    assert ("updated", "nomination") in codes


def test_the_retention_page_shows_public_forms_due(centre, centre_admin_client, inside):
    with inside():
        make_event("Old fair", days=-400)
        Registration.objects.create(
            event=Event.objects.get(title="Old fair"),
            kind="person",
            name=NAME,
            email=EMAIL,
            places=1,
        )
    page = centre_admin_client.get("/privacy/retention/")
    assert "Anonymise an event registration" in page.text
    assert "sign-ups, event registrations and nominations after (months)" in page.text
