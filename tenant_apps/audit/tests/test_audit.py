"""The audit log: recorded in the centre's own schema, shown to its managers only."""

import pytest
from django.conf import settings
from django.contrib.auth import login
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django_tenants.utils import schema_context

from shared_apps.accounts.models import User
from tenant_apps.audit.models import AuditEvent
from tenant_apps.audit.services import audit_record
from tests.plugin import host_client


def events(centre, **filters):
    with schema_context(centre.schema_name):
        return list(
            AuditEvent.objects.filter(**filters)
            .order_by("id")
            .values_list("action", "subject_type", "subject_id", "actor_user_id", "actor_label")
        )


def record(centre, user, action="viewed", subject_type="member", **fields):
    with schema_context(centre.schema_name):
        return audit_record(actor=user, action=action, subject_type=subject_type, **fields)


def old_event(centre, user, action="viewed", subject_type="member", **fields):
    """An event as recorded before codes: an English sentence in `summary`."""
    with schema_context(centre.schema_name):
        return AuditEvent.objects.create(
            actor_user_id=user.pk,
            actor_label=user.email,
            action=action,
            subject_type=subject_type,
            **fields,
        )


def test_an_event_of_one_centre_stays_in_its_schema(centre, other_centre, centre_admin):
    record(centre, centre_admin, subject_id=7, code="member.listed")

    assert events(centre) == [("viewed", "member", "7", centre_admin.pk, centre_admin.email)]
    assert events(other_centre) == []


def test_recording_outside_a_centre_schema_is_refused(centre_admin):
    connection.set_schema_to_public()
    with pytest.raises(RuntimeError):
        audit_record(actor=centre_admin, action="viewed", subject_type="member")


def test_the_log_keeps_the_address_the_actor_had_at_the_time(centre, volunteer):
    old_address = volunteer.email
    record(centre, volunteer)
    volunteer.email = "renamed@example.org"
    volunteer.save(update_fields=["email"])
    assert events(centre)[0][4] == old_address


# --- Sign-ins --------------------------------------------------------------------------------


def test_signing_in_on_a_centre_host_is_recorded_there(centre, other_centre, volunteer):
    client = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    response = client.post(
        "/account/login/", {"username": volunteer.email, "password": "demo-password-1"}
    )

    assert response.status_code == 302
    assert events(centre, action="signed_in") == [
        ("signed_in", "account", str(volunteer.pk), volunteer.pk, volunteer.email)
    ]
    assert events(other_centre, action="signed_in") == []


def test_a_sign_in_through_the_signal_goes_to_the_requests_centre(centre, volunteer):
    request = RequestFactory().get("/", HTTP_HOST=f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    request.session = SessionStore()
    request.centre = centre
    with schema_context(centre.schema_name):
        login(request, volunteer, backend="django.contrib.auth.backends.ModelBackend")
    assert [e[0] for e in events(centre)] == ["signed_in"]


def test_signing_in_on_the_platform_host_records_nothing(platform_client, centre, make_user):
    user = make_user()
    response = platform_client.post(
        "/account/login/", {"username": user.email, "password": "demo-password-1"}
    )
    assert response.status_code == 302
    assert events(centre) == []


# --- The page ----------------------------------------------------------------------------------


def test_manager_sees_the_log_newest_first(centre_admin_client, centre, volunteer, coordinator):
    record(centre, volunteer, action="signed_in", subject_type="account")
    old_event(centre, coordinator, action="viewed", subject_type="member", summary="member list")

    response = centre_admin_client.get("/staff/audit/")

    assert response.status_code == 200
    rows = [(e.action, e.actor_label) for e in response.context["page"].object_list]
    assert rows == [("viewed", coordinator.email), ("signed_in", volunteer.email)]
    assert "Signed in" in response.text
    assert "member list" in response.text


def test_the_log_filters_by_action_and_by_person(
    centre_admin_client, centre, volunteer, coordinator
):
    record(centre, volunteer, action="signed_in", subject_type="account")
    record(centre, coordinator, action="signed_in", subject_type="account")
    record(centre, coordinator, action="viewed")

    by_action = centre_admin_client.get("/staff/audit/", {"action": "signed_in"})
    by_person = centre_admin_client.get("/staff/audit/", {"person": coordinator.pk})
    both = centre_admin_client.get(
        "/staff/audit/", {"action": "signed_in", "person": coordinator.pk}
    )

    def actors(response):
        return [(e.action, e.actor_user_id) for e in response.context["page"].object_list]

    assert actors(by_action) == [("signed_in", coordinator.pk), ("signed_in", volunteer.pk)]
    assert actors(by_person) == [("viewed", coordinator.pk), ("signed_in", coordinator.pk)]
    assert actors(both) == [("signed_in", coordinator.pk)]
    people = dict(by_action.context["form"].fields["person"].choices)
    assert people[coordinator.pk] == coordinator.email
    assert people[volunteer.pk] == volunteer.email


def test_the_log_shows_fifty_events_a_page(centre_admin_client, centre, volunteer):
    with schema_context(centre.schema_name):
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_user_id=volunteer.pk,
                actor_label=volunteer.email,
                action="viewed",
                subject_type="member",
                subject_id=str(n),
            )
            for n in range(120)
        )

    first = centre_admin_client.get("/staff/audit/", {"action": "viewed"})
    last = centre_admin_client.get("/staff/audit/", {"action": "viewed", "page": 3})

    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.num_pages == 3
    assert "?action=viewed&amp;page=2" in first.text
    assert len(last.context["page"].object_list) == 20


def test_a_manager_of_another_centre_never_sees_this_log(
    centre, other_centre, member_of, volunteer, client_of
):
    old_event(centre, volunteer, summary="alpha-only event")
    manager_of_b = member_of(other_centre, "centre_admin")

    own = client_of(other_centre, manager_of_b).get("/staff/audit/")
    elsewhere = client_of(centre, manager_of_b).get("/staff/audit/")

    assert own.status_code == 200
    assert "alpha-only event" not in own.text
    assert list(own.context["page"].object_list) == []
    assert elsewhere.status_code == 403


@pytest.mark.parametrize("who", ["federation_client", "municipality_client", "operator_client"])
def test_the_log_is_not_on_the_platform_host(request, who):
    response = request.getfixturevalue(who).get("/staff/audit/")
    assert response.status_code == 404


def test_an_operator_has_no_role_on_a_centre_host(centre, volunteer):
    from tests.plugin import sign_in

    old_event(centre, volunteer, summary="alpha-only event")
    operator = User.objects.create_superuser("op@example.org", "pw-operator-1")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), operator)
    assert client.get("/staff/audit/").status_code == 403
