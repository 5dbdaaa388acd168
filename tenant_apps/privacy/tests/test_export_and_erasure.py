"""GDPR export and erasure in a centre: what a volunteer, a participant and an account get,
what erasure removes everywhere, and what stays (hours, statistics, certificate records)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from shared_apps.accounts.models import CentreMembership, User
from shared_apps.statistics.contracts import CollectContext
from tenant_apps.activities.models import Attendance, ShiftSignup
from tenant_apps.audit.models import AuditEvent
from tenant_apps.helprequests.models import FollowUpNote, HelpRequest
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import (
    days_ago,
    make_activity,
    make_assignment,
    make_certificate,
    make_entry,
    make_help_request,
    make_session,
    make_shift,
    sign_up,
    today,
)
from tenant_apps.people.models import Consent, Participant, PoliceCertificateRecord, Volunteer
from tenant_apps.privacy import services
from tests.factories import make_volunteer

NAME, EMAIL, PHONE = ("Solveig Brattbakk", "solveig.brattbakk@example.org", "+4791234567")


def statistics() -> list:
    """Every figure the centre's collectors would send to the federation, sorted."""
    context = CollectContext(centre_id=0, category_codes=frozenset())
    rows = []
    for path in settings.STATISTICS_COLLECTORS:
        rows += [tuple(map(str, row.__dict__.values())) for row in import_string(path)(context)]
    return sorted(rows)


def database_text() -> str:
    """Every text column of the centre's people, help, hours and audit tables, joined."""
    parts = []
    for volunteer in Volunteer.objects.all():
        parts += [volunteer.first_name, volunteer.last_name, volunteer.email, volunteer.phone]
    for participant in Participant.objects.all():
        parts += [participant.first_name, participant.last_name, participant.phone]
    parts += list(HoursEntry.objects.values_list("description", flat=True))
    parts += list(HelpRequest.objects.values_list("description", flat=True))
    parts += list(FollowUpNote.objects.values_list("text", flat=True))
    for event in AuditEvent.objects.all():
        parts += [event.actor_label, json.dumps(event.params, ensure_ascii=False)]
    return "\n".join(parts)


@pytest.fixture
def volunteer_with_history(centre, volunteer, inside):
    """Vera's volunteer record with hours, a shift, help given, a certificate and a consent;
    her account's e-mail address is hers, and an audit event names her in its parameters."""
    with inside():
        record = make_volunteer(
            "Solveig",
            "Brattbakk",
            email=EMAIL,
            phone=PHONE,
            date_of_birth=datetime.date(1961, 5, 17),
            account_user_id=volunteer.pk,
            age_band="60_79",
        )
        make_entry(record, hours="2.5", status="approved", description=f"Drove {NAME}'s aunt")
        make_entry(record, hours="1", status="approved", date=days_ago(40))
        activity = make_activity()
        past = make_session(activity, date=days_ago(7))
        Attendance.objects.create(session=past, age_band="60_79", count=12)
        sign_up(make_shift(past), record)
        coming = make_shift(make_session(activity, date=today() + datetime.timedelta(days=5)))
        sign_up(coming, record)
        make_assignment(record, match_reason="Speaks Norwegian, lives near")
        make_certificate(record, renew_by=today() + datetime.timedelta(days=400))
        Consent.objects.create(volunteer=record, purpose="contact", given_on=days_ago(100))
        AuditEvent.objects.create(
            actor_user_id=volunteer.pk,
            actor_label=volunteer.email,
            action="updated",
            subject_type="volunteer",
            subject_id=str(record.pk),
            code="volunteer.note",
            params={"text": f"Called {NAME} on {PHONE}"},
        )
    return record


def test_a_volunteer_downloads_their_data_as_json_and_pdf(
    centre, volunteer, volunteer_client, volunteer_with_history, audit_events
):
    answer = volunteer_client.get("/privacy/me/export/?format=json")

    assert answer.status_code == 200
    data = json.loads(answer.content)
    titles = [section["title"] for section in data["sections"]]
    assert "Your account" in titles and "Hours" in titles and "Shifts" in titles
    record = next(s for s in data["sections"] if s["key"] == "people.volunteer")["records"][0]
    assert (record["first_name"], record["email"], record["phone"]) == ("Solveig", EMAIL, PHONE)
    assert record["date_of_birth"] == "1961-05-17"
    hours = next(s for s in data["sections"] if s["key"] == "hours.entries")["records"]
    assert sorted(entry["hours"] for entry in hours) == ["1.00", "2.50"]
    certificates = next(s for s in data["sections"] if s["key"] == "people.certificates")
    assert certificates["kept_after_erasure"].startswith("Kept:")
    account = next(s for s in data["sections"] if s["key"] == "accounts.account")["records"][0]
    assert account["email"] == volunteer.email
    assert [role["place"] for role in account["roles"]] == [centre.name]

    pdf = volunteer_client.get("/privacy/me/export/?format=pdf")

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(pdf.content) > 2000
    assert ("viewed", "account", str(volunteer.pk), volunteer.pk) in audit_events()
    assert len([event for event in audit_events() if event[1] == "account"]) == 2


def test_a_volunteer_erases_their_data_and_every_total_stays(
    centre, volunteer, volunteer_client, volunteer_with_history, inside
):
    record = volunteer_with_history
    with inside():
        statistics_before = statistics()
        hours_before = sorted(HoursEntry.objects.values_list("volunteer_id", "hours", "date"))
        attendance_before = list(Attendance.objects.values_list("age_band", "count"))
        assert NAME in database_text() and EMAIL in database_text()

    page = volunteer_client.get("/privacy/me/erase/")
    assert "Police certificates seen" in page.text  # shown as kept
    refused = volunteer_client.post("/privacy/me/erase/", {})  # not confirmed
    assert refused.status_code == 200
    with inside():
        assert Volunteer.objects.get(pk=record.pk).erased_at is None

    answer = volunteer_client.post("/privacy/me/erase/", {"confirm": "on"})

    assert answer.status_code == 302
    with inside():
        erased = Volunteer.objects.get(pk=record.pk)
        assert erased.erased_at is not None
        assert (erased.first_name, erased.email, erased.phone) == ("", "", "")
        assert erased.date_of_birth is None and erased.account_user_id is None
        assert erased.full_name == f"Erased volunteer {record.pk}"
        assert statistics() == statistics_before
        assert sorted(HoursEntry.objects.values_list("volunteer_id", "hours", "date")) == (
            hours_before
        )
        assert list(Attendance.objects.values_list("age_band", "count")) == attendance_before
        text = database_text()
        for identifier in (NAME, "Solveig", "Brattbakk", EMAIL, PHONE, volunteer.email):
            assert identifier not in text
        # Kept as the law asks: that a certificate was seen; past shifts stay, coming go.
        assert PoliceCertificateRecord.objects.filter(volunteer=erased).count() == 1
        assert ShiftSignup.objects.filter(volunteer=erased).count() == 1
        assert Consent.objects.filter(volunteer=erased).count() == 0
    account = User.objects.get(pk=volunteer.pk)
    assert (account.email, account.full_name, account.is_active) == (
        f"erased-{volunteer.pk}@erased.invalid",
        "",
        False,
    )
    assert not CentreMembership.objects.filter(user_id=volunteer.pk).exists()


def test_a_manager_erases_a_volunteer_after_confirming(
    centre, centre_admin_client, inside, audit_events
):
    with inside():
        record = make_volunteer("Per", "Haugen", email="per@example.org")
        make_entry(record, hours="3", status="approved")
        before = statistics()

    page = centre_admin_client.get(f"/privacy/volunteers/{record.pk}/erase/")
    assert page.status_code == 200
    assert "cannot be undone" in page.text
    answer = centre_admin_client.post(f"/privacy/volunteers/{record.pk}/erase/", {"confirm": "on"})

    assert answer.status_code == 302
    with inside():
        assert Volunteer.objects.get(pk=record.pk).email == ""
        assert statistics() == before
        assert HoursEntry.objects.get(volunteer=record).hours == Decimal("3.00")
    assert ("deleted", "volunteer", str(record.pk)) in [event[:3] for event in audit_events()]
    # The confirmation message names them once, to the manager, on the next page.
    assert "The personal data of Per Haugen has been erased." in (
        centre_admin_client.get("/staff/audit/").text
    )
    log = centre_admin_client.get("/staff/audit/").text
    assert "Personal data erased (" in log
    assert f"Erased volunteer {record.pk}" in log
    assert "Per Haugen" not in log


def test_a_participant_with_help_requests_can_be_erased(centre, centre_admin_client, inside):
    with inside():
        request = make_help_request(description="Needs help after a hip operation", status="closed")
        participant = request.participant
        Participant.objects.filter(pk=participant.pk).update(
            last_name="Storli", phone="+4799887766", address="Storgata 1"
        )
        FollowUpNote.objects.create(
            help_request=request, text="Daughter calls on Sundays", author_label="Cora"
        )
        before = statistics()

    export = centre_admin_client.get(f"/privacy/participants/{participant.pk}/export/")
    data = json.loads(export.content)
    requests = next(s for s in data["sections"] if s["key"] == "helprequests.requests")
    assert requests["records"][0]["what_is_needed"] == "Needs help after a hip operation"
    assert requests["records"][0]["follow_up_notes"][0]["text"] == "Daughter calls on Sundays"

    answer = centre_admin_client.post(
        f"/privacy/participants/{participant.pk}/erase/", {"confirm": "on"}
    )

    assert answer.status_code == 302
    with inside():
        erased = Participant.objects.get(pk=participant.pk)
        assert (erased.first_name, erased.last_name, erased.phone, erased.address) == (
            "",
            "",
            "",
            "",
        )
        kept = HelpRequest.objects.get(pk=request.pk)
        assert kept.participant_id == participant.pk and kept.status == "closed"
        assert kept.description == "" and kept.anonymised_at is not None
        assert not FollowUpNote.objects.filter(help_request=kept).exists()
        assert statistics() == before


def test_erasing_an_account_removes_its_roles_at_every_centre(
    centre, other_centre, client_of, member_of
):
    person = member_of(centre, "volunteer", full_name="Tor Two-Centres")
    CentreMembership.objects.create(user=person, centre=other_centre, role="coordinator")
    client = client_of(centre, person)

    answer = client.post("/privacy/me/erase/", {"confirm": "on"})

    assert answer.status_code == 302
    assert not CentreMembership.objects.filter(user=person).exists()
    person.refresh_from_db()
    assert person.full_name == "" and not person.is_active
    assert client_of(other_centre, person).get("/staff/").status_code != 200


def test_the_only_manager_cannot_erase_their_account(centre, centre_admin, centre_admin_client):
    CentreMembership.objects.filter(centre=centre, role="centre_admin").exclude(
        user=centre_admin
    ).delete()

    answer = centre_admin_client.post("/privacy/me/erase/", {"confirm": "on"})

    assert answer.status_code == 200
    assert "only manager" in answer.text
    assert User.objects.get(pk=centre_admin.pk).is_active


def test_a_manager_cannot_export_a_person_of_another_centre(
    centre, other_centre, centre_admin, centre_admin_client, client_of
):
    with schema_of(other_centre):
        theirs = make_volunteer("Berit", "Elsewhere", email="berit@beta.example.org")
        participant = Participant.objects.create(first_name="Bjarne", last_name="Beta")

    for path in (
        f"/privacy/volunteers/{theirs.pk}/export/",
        f"/privacy/participants/{participant.pk}/export/",
    ):
        answer = centre_admin_client.get(path)
        assert answer.status_code in (404, 200)
        assert b"Berit" not in answer.content and b"Bjarne" not in answer.content
        assert b"beta.example.org" not in answer.content
    on_their_host = client_of(other_centre, centre_admin).get(
        f"/privacy/volunteers/{theirs.pk}/export/"
    )
    assert on_their_host.status_code == 403


def test_coordinators_and_volunteers_cannot_export_or_erase_others(
    coordinator_client, volunteer_client, make_volunteer
):
    record = make_volunteer("Eva", "Other")
    for client in (coordinator_client, volunteer_client):
        assert client.get(f"/privacy/volunteers/{record.pk}/export/").status_code == 403
        assert client.post(f"/privacy/volunteers/{record.pk}/erase/").status_code == 403


def schema_of(centre):
    from django_tenants.utils import schema_context

    return schema_context(centre.schema_name)


def test_the_export_is_audited_for_a_manager(centre, centre_admin, inside, make_volunteer):
    record = make_volunteer("Aud", "Ited")
    with inside():
        from tenant_apps.privacy.selectors import volunteer_person

        services.personal_data_export(
            actor=centre_admin, person=volunteer_person(record), label="x", file_format="json"
        )
        event = AuditEvent.objects.get(code="volunteer.exported")
    assert (event.subject_id, event.params) == (str(record.pk), {"format": "json"})
