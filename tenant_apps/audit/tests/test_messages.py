"""Audit events are stored as codes with parameters and read in the reader's language,
naming their subjects (with a link the reader may follow) in one query per kind."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tenant_apps.audit.models import AuditEvent
from tenant_apps.audit.services import audit_record
from tests import factories


def _status_changed(centre, actor, volunteer) -> None:
    with schema_context(centre.schema_name):
        audit_record(
            actor=actor,
            action="updated",
            subject_type="volunteer",
            subject_id=volunteer.pk,
            code="volunteer.status_changed",
            params={"previous": "active", "status": "paused"},
        )


def test_the_same_event_reads_in_norwegian_and_in_english(
    centre_admin_client, centre, centre_admin, make_volunteer, client_of
):
    ada = make_volunteer("Ada", "Lovelace")
    _status_changed(centre, centre_admin, ada)

    english = client_of(centre, centre_admin).get("/staff/audit/")
    centre_admin_client.cookies["django_language"] = "nb"
    norwegian = centre_admin_client.get("/staff/audit/")

    assert "Status changed from Active to Paused" in english.text
    assert "Status endret fra Aktiv til Satt på pause" in norwegian.text
    with schema_context(centre.schema_name):
        event = AuditEvent.objects.get(code="volunteer.status_changed")
    assert (event.summary, event.params) == ("", {"previous": "active", "status": "paused"})


def test_the_subject_is_named_and_linked_for_a_manager(
    centre_admin_client, centre, centre_admin, make_volunteer
):
    ada = make_volunteer("Ada", "Lovelace")
    _status_changed(centre, centre_admin, ada)

    response = centre_admin_client.get("/staff/audit/")

    assert f'<a href="/people/volunteers/{ada.pk}/">Volunteer Ada Lovelace</a>' in response.text
    assert f"Volunteer {ada.pk}<" not in response.text


def test_a_deleted_subject_reads_neutrally(
    centre_admin_client, centre, centre_admin, make_volunteer
):
    ada = make_volunteer("Ada", "Lovelace")
    _status_changed(centre, centre_admin, ada)
    with schema_context(centre.schema_name):
        ada.delete()

    response = centre_admin_client.get("/staff/audit/")

    assert "deleted volunteer" in response.text
    assert "Ada Lovelace" not in response.text


def test_a_parameter_naming_another_subject_shows_its_name(
    centre_admin_client, centre, centre_admin, make_volunteer
):
    ada = make_volunteer("Ada", "Lovelace")
    with schema_context(centre.schema_name):
        audit_record(
            actor=centre_admin,
            action="created",
            subject_type="confidentiality_declaration",
            subject_id=99999,
            code="confidentiality_declaration.created",
            params={"volunteer": ada.pk, "version": "2026-1"},
        )

    response = centre_admin_client.get("/staff/audit/")

    assert "Version 2026-1 signed by Ada Lovelace" in response.text
    assert "deleted confidentiality declaration" in response.text


def test_old_events_show_their_stored_summary(centre_admin_client, centre, centre_admin):
    with schema_context(centre.schema_name):
        AuditEvent.objects.create(
            actor_user_id=centre_admin.pk,
            actor_label=centre_admin.email,
            action="viewed",
            subject_type="member",
            summary="member list",
        )

    assert "<td>member list</td>" in centre_admin_client.get("/staff/audit/").text


def test_the_log_page_names_subjects_in_a_fixed_number_of_queries(
    centre_admin_client, centre, centre_admin
):
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert centre_admin_client.get("/staff/audit/").status_code == 200
        return len(captured)

    def add_events(count: int) -> None:
        with schema_context(centre.schema_name):
            for _ in range(count):
                volunteer = factories.make_volunteer()
                _status_changed(centre, centre_admin, volunteer)
                audit_record(
                    actor=centre_admin,
                    action="updated",
                    subject_type="help_request",
                    subject_id=volunteer.pk,
                    code="help_request.volunteer_assigned",
                    params={"volunteer": volunteer.pk, "previous": "new", "status": "matched"},
                )

    add_events(2)
    few = page_queries()
    add_events(10)
    assert page_queries() == few


def test_a_help_request_event_names_its_participant(centre, centre_admin, client_of):
    """The log names the person a help request is for (a participant, not a volunteer)."""
    from tenant_apps.helprequests.models import RequestType
    from tenant_apps.helprequests.services import NewParticipant, help_request_create

    with schema_context(centre.schema_name):
        help_request_create(
            actor=centre_admin,
            request_type=RequestType.objects.filter(is_active=True).first(),
            new_participant=NewParticipant(first_name="Petra", last_name="Participant"),
        )

    response = client_of(centre, centre_admin).get("/staff/audit/")

    assert response.status_code == 200
    assert "Petra Participant" in response.text
