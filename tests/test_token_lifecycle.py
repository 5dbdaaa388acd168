"""API tokens live as long as what they stand for: a chosen lifetime, the owner's password,
their second factor and their role at the centre. Calendar addresses end with the membership.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from shared_apps.accounts import facade
from shared_apps.accounts.models import ApiToken
from shared_apps.accounts.two_factor_services import recovery_codes_replace, two_factor_disable
from tenant_apps.activities.services import volunteer_calendar_token
from tests.plugin import clock_at, host_client, in_english, sign_in

KEY = re.compile(r'value="(dgn_[A-Za-z0-9_-]{43})"')


@pytest.fixture
def make_token():
    def make(user, centre, **options):
        return facade.api_token_create(
            user_id=user.pk, centre_id=centre.pk, name="sync", two_factor_passed=True, **options
        ).key

    return make


def me(centre, key: str):
    client = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))
    return client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}")


# --- Expiry ------------------------------------------------------------------------------


def test_a_token_expires_after_the_lifetime_chosen_and_says_so(
    stopped_clock, coordinator_client, centre
):
    in_english(coordinator_client)
    made = coordinator_client.post("/staff/tokens/", {"name": "Rota", "lifetime": "30"})
    key = KEY.search(made.text).group(1)
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == timedelta(days=30)

    assert me(centre, key).status_code == 200
    with clock_at(token.expires_at + timedelta(seconds=1)):
        expired = me(centre, key)

    assert expired.status_code == 401
    assert "This token expired on" in expired.json()["detail"]


def test_a_token_works_for_a_year_unless_chosen_otherwise(stopped_clock, coordinator_client):
    coordinator_client.post("/staff/tokens/", {"name": "Default"})

    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == timedelta(days=365)


def test_a_lifetime_not_offered_is_refused(coordinator_client):
    response = coordinator_client.post("/staff/tokens/", {"name": "Forever", "lifetime": "36500"})

    assert "lifetime" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_list_shows_expiry_last_use_and_why_a_token_stopped(
    coordinator_client, coordinator, centre, make_token
):
    in_english(coordinator_client)
    key = make_token(coordinator, centre)
    me(centre, key)
    facade.api_token_create(
        user_id=coordinator.pk, centre_id=centre.pk, name="Old", two_factor_passed=True
    )
    ApiToken.objects.filter(name="Old").update(revoked_at=timezone.now(), revoked_reason="owner")

    page = coordinator_client.get("/staff/tokens/").text

    assert "Expires" in page and "Last used" in page
    assert "Never" not in page.split("Old")[0]  # the used token shows when
    assert "revoked by you" in page


def test_last_use_is_written_at_most_once_a_minute(coordinator, centre, make_token):
    key = make_token(coordinator, centre)
    start = timezone.now()
    with clock_at(start):
        me(centre, key)
    first = ApiToken.objects.get().last_used_at
    with clock_at(start + timedelta(seconds=30)):
        me(centre, key)
    assert ApiToken.objects.get().last_used_at == first
    with clock_at(start + timedelta(seconds=61)):
        me(centre, key)
    assert ApiToken.objects.get().last_used_at == start + timedelta(seconds=61)


# --- Second factor ------------------------------------------------------------------------


def test_a_token_cannot_be_made_before_the_second_factor(centre, coordinator):
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator, second_factor=False
    )

    response = client.post("/staff/tokens/", {"name": "Sneaky"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")
    assert not ApiToken.objects.exists()


def test_the_service_refuses_a_token_without_the_second_factor(centre, coordinator):
    from toolkit.errors import ApplicationError

    with pytest.raises(ApplicationError):
        facade.api_token_create(
            user_id=coordinator.pk, centre_id=centre.pk, name="x", two_factor_passed=False
        )


def test_turning_two_factor_off_revokes_the_tokens(centre, member_of, make_token, settings):
    settings.TWO_FACTOR_REQUIRED = False  # a volunteer-turned-coordinator who may turn it off
    person = member_of(centre, "coordinator")
    key = make_token(person, centre)
    TOTPDevice.objects.create(user=person, name="a", confirmed=True)
    (code, *_rest) = recovery_codes_replace(user=person)

    two_factor_disable(user=person, code=code)

    assert me(centre, key).status_code == 401
    assert ApiToken.objects.get().revoked_reason == "two_factor_off"


# --- Password ----------------------------------------------------------------------------


def test_a_password_reset_kills_the_tokens(centre, coordinator, make_token):
    key = make_token(coordinator, centre)
    other_centre_key = None
    uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
    reset_token = default_token_generator.make_token(coordinator)
    client = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")

    form = client.get(f"/account/password-reset/{uid}/{reset_token}/", follow=True)
    saved = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"},
    )

    assert saved.status_code == 302
    assert other_centre_key is None
    response = me(centre, key)
    assert response.status_code == 401
    assert ApiToken.objects.get().revoked_reason == "password_changed"


def test_a_password_changed_anywhere_kills_the_tokens(centre, coordinator, make_token):
    key = make_token(coordinator, centre)

    coordinator.set_password("changed-in-the-admin-3")
    coordinator.save()

    assert me(centre, key).status_code == 401


def test_saving_an_account_without_a_new_password_keeps_the_tokens(centre, coordinator, make_token):
    key = make_token(coordinator, centre)

    coordinator.full_name = "Renamed"
    coordinator.save()

    assert me(centre, key).status_code == 200


# --- Role ---------------------------------------------------------------------------------


def test_a_demoted_coordinators_token_stops_working(
    centre, centre_admin, coordinator, make_token, other_centre, member_of
):
    key = make_token(coordinator, centre)
    # The same person's token at another centre is about another role: it stays.
    from shared_apps.accounts.models import CentreMembership

    CentreMembership.objects.create(user=coordinator, centre=other_centre, role="coordinator")
    elsewhere = make_token(coordinator, other_centre)
    manager = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin)

    manager.post(f"/staff/members/{coordinator.pk}/role/", {"role": "volunteer"})

    assert me(centre, key).status_code == 401
    assert me(other_centre, elsewhere).status_code == 200
    assert ApiToken.objects.get(centre=centre).revoked_reason == "role_changed"


def test_a_promoted_coordinator_makes_a_new_token_for_the_new_role(
    centre, centre_admin, coordinator, make_token
):
    key = make_token(coordinator, centre)
    manager = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin)

    manager.post(f"/staff/members/{coordinator.pk}/role/", {"role": "centre_admin"})

    assert me(centre, key).status_code == 401


def test_the_calendar_address_stops_working_when_the_membership_ends(
    centre, centre_admin, volunteer, make_volunteer
):
    person = make_volunteer("Vera", "Volunteer", account_user_id=volunteer.pk)
    with schema_context(centre.schema_name):
        calendar = volunteer_calendar_token(volunteer=person)
    visitor = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    feed = f"/activities/calendar/volunteer/{calendar}.ics"
    assert visitor.get(feed).status_code == 200
    manager = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin)

    manager.post(f"/staff/members/{volunteer.pk}/remove/")

    assert visitor.get(feed).status_code == 404


def test_the_calendar_address_stops_working_when_the_volunteer_has_ended(
    centre, centre_admin, make_volunteer
):
    from tenant_apps.people.services.volunteers import volunteer_set_status

    person = make_volunteer("Otto", "Outgoing")
    with schema_context(centre.schema_name):
        calendar = volunteer_calendar_token(volunteer=person)
        volunteer_set_status(actor=centre_admin, volunteer=person, status="paused")
    visitor = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    feed = f"/activities/calendar/volunteer/{calendar}.ics"
    assert visitor.get(feed).status_code == 200  # a pause keeps it

    with schema_context(centre.schema_name):
        volunteer_set_status(actor=centre_admin, volunteer=person, status="ended")

    assert visitor.get(feed).status_code == 404
