"""A centre's lifecycle: operators and federation administrators move it between statuses
with a reason (suspend and close after a confirmation), its managers are told by e-mail and
see what to do; each status behaves as promised on the centre's host."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.models import CentreStatus, CentreStatusChange
from tenants.services import centre_change_status
from tests.plugin import host_client, in_english


@pytest.fixture
def client_language():
    return "en"


def _sign_in_with_password(centre, user):
    """Password, then the authenticator's code (coordinators and managers need both)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = in_english(host_client(f"{centre.slug}.dugnad.test"))
    signed_in = client.post(
        "/account/login/", {"username": user.email, "password": "demo-password-1"}
    )
    if signed_in.status_code == 302:
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        verified = client.post(reverse("two_factor:verify"), {"code": code})
        assert verified.status_code == 302, "the second factor passes where sign-in does"
    return client, signed_in


def test_operator_sees_every_centre_and_federation_admin_only_their_own(
    operator_client, federation_client, centre, danish_centre
):
    everyone = operator_client.get("/centres/").text
    assert 'data-centre="alpha"' in everyone and 'data-centre="gamma"' in everyone
    own = federation_client.get("/centres/").text
    assert 'data-centre="alpha"' in own and 'data-centre="gamma"' not in own
    assert federation_client.get("/centres/gamma/").status_code == 404


def test_a_status_change_needs_a_reason_and_keeps_what_was_typed(operator_client, centre):
    response = operator_client.post("/centres/alpha/", {"to_status": "read_only", "note": " "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE


def test_read_only_is_recorded_with_reason_and_person_and_managers_are_told(
    federation_client, federation_admin, centre, centre_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = federation_client.post(
            "/centres/alpha/", {"to_status": "read_only", "note": "Unpaid membership fee"}
        )
    assert response.status_code == 302
    change = CentreStatusChange.objects.filter(centre=centre).latest("id")
    assert (change.from_status, change.to_status, change.source, change.changed_by) == (
        "active",
        "read_only",
        "federation",
        federation_admin,
    )
    assert change.note == "Unpaid membership fee"
    (message,) = mail.outbox
    assert message.to == [centre_admin.email]
    assert "Unpaid membership fee" in message.body
    assert "/centre/status/" in message.body


@pytest.mark.parametrize("status", ["suspended", "closed"])
def test_suspend_and_close_ask_for_confirmation_first(operator_client, centre, status):
    first = operator_client.post("/centres/alpha/", {"to_status": status, "note": "Moved away"})
    assert first.status_code == 200
    assert 'name="confirmed" value="True"' in first.text
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE
    confirmed = operator_client.post(
        "/centres/alpha/", {"to_status": status, "note": "Moved away", "confirmed": "True"}
    )
    assert confirmed.status_code == 302
    centre.refresh_from_db()
    assert centre.status == status
    if status == "closed":
        assert centre.retention_until == timezone.localdate() + datetime.timedelta(days=90)


def test_a_closing_date_in_the_past_is_refused(operator_client, centre):
    response = operator_client.post(
        "/centres/alpha/",
        {
            "to_status": "closed",
            "note": "Closed",
            "retention_until": "2020-01-01",
            "confirmed": "True",
        },
    )
    assert response.status_code == 400
    assert "must be kept until a day after today" in response.text


def test_read_only_lets_people_sign_in_read_export_and_sign_out_but_not_write(centre, coordinator):
    centre_change_status(centre=centre, to_status="read_only", note="test")
    client, signed_in = _sign_in_with_password(centre, coordinator)
    assert signed_in.status_code == 302  # the sign-in form passes
    page = client.get("/people/volunteers/")
    assert page.status_code == 200
    assert 'data-centre-notice="read_only"' in page.text
    export = client.get("/hours/export/?format=csv")
    assert export.status_code == 200
    refused = client.post("/people/volunteers/new/", {"first_name": "Ola"})
    assert refused.status_code == 403
    assert "Nothing can be changed here now" in refused.text
    assert "What you sent was not saved" in refused.text
    assert "data-menu" in refused.text  # their menu, not a bare 403
    assert client.post("/i18n/setlang/", {"language": "nb"}).status_code == 302
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/people/volunteers/").status_code == 302  # signed out


def test_read_only_refuses_api_writes_with_a_message(centre, coordinator_client):
    centre_change_status(centre=centre, to_status="read_only", note="test")
    response = coordinator_client.post("/api/v1/hours/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_read_only_refusal_page_is_translated(centre, coordinator):
    centre_change_status(centre=centre, to_status="read_only", note="test")
    client, _response = _sign_in_with_password(centre, coordinator)
    client.cookies["django_language"] = "nb"
    refused = client.post("/people/volunteers/new/", {})
    assert refused.status_code == 403
    assert "Nothing can be changed here now" not in refused.text
    assert '<html lang="nb">' in refused.text


def test_closed_keeps_data_readable_with_a_final_export_until_the_retention_date(
    stopped_clock, centre, centre_admin, centre_admin_client
):
    centre_change_status(
        centre=centre,
        to_status="closed",
        note="Merged",
        retention_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    _client, signed_in = _sign_in_with_password(centre, centre_admin)
    assert signed_in.status_code == 302  # the sign-in form passes on a closed centre
    client = centre_admin_client
    status_page = client.get("/centre/status/")
    assert status_page.status_code == 200
    assert 'href="/hours/export/"' in status_page.text
    assert 'data-centre-notice="closed"' in status_page.text
    assert client.post("/people/volunteers/new/", {}).status_code == 403
    centre.retention_until = timezone.localdate() - datetime.timedelta(days=1)
    centre.save(update_fields=["retention_until"])
    assert client.get("/").status_code == 410


def test_suspended_answers_every_page_with_a_clear_page(centre, centre_admin):
    centre_change_status(centre=centre, to_status="suspended", note="test")
    _client, response = _sign_in_with_password(centre, centre_admin)
    assert response.status_code == 403
    assert "suspended" in response.text


def test_past_due_shows_a_banner_to_managers_only(centre, centre_admin_client, coordinator_client):
    centre_change_status(centre=centre, to_status="past_due", note="test")
    assert 'data-centre-notice="past_due"' in centre_admin_client.get("/staff/").text
    assert "data-centre-notice" not in coordinator_client.get("/staff/").text
    assert coordinator_client.post("/people/volunteers/new/", {}).status_code != 403


def test_trial_shows_the_days_left_to_managers(centre, centre_admin_client, stopped_clock):
    centre_change_status(
        centre=centre,
        to_status="trial",
        note="test",
        trial_ends_on=timezone.localdate() + datetime.timedelta(days=12),
    )
    page = centre_admin_client.get("/staff/").text
    assert 'data-centre-notice="trial"' in page
    assert "Trial: 12 days left" in page


def test_managers_see_their_status_and_what_to_do(centre, centre_admin_client, coordinator_client):
    centre_change_status(centre=centre, to_status="past_due", note="Invoice 42 unpaid")
    page = centre_admin_client.get("/centre/status/")
    assert page.status_code == 200
    assert "Payment past due" in page.text
    assert "Invoice 42 unpaid" in page.text
    assert 'href="/centre/billing/"' in page.text
    assert coordinator_client.get("/centre/status/").status_code == 403


def test_only_operators_and_federation_admins_change_statuses(
    municipality_client, centre_admin_client, centre
):
    assert municipality_client.get("/centres/").status_code == 403
    assert (
        municipality_client.post("/centres/alpha/", {"to_status": "suspended"}).status_code == 403
    )
    assert centre_admin_client.get("/centres/").status_code == 404
