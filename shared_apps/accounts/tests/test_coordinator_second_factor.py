"""Coordinators read all personal data of their centre: in production they pass a second
factor like the managers; the demo (TWO_FACTOR_REQUIRED off) lets them in as before."""

from django.conf import settings

from shared_apps.accounts.roles import TWO_FACTOR_ROLES, Role
from shared_apps.accounts.two_factor_services import two_factor_is_required
from tests.plugin import host_client, sign_in


def test_coordinators_are_among_the_roles_that_need_a_second_factor():
    assert Role.COORDINATOR in TWO_FACTOR_ROLES
    assert Role.VOLUNTEER not in TWO_FACTOR_ROLES


def test_a_coordinator_without_the_second_factor_cannot_read_volunteers(centre, coordinator):
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator, second_factor=False
    )

    response = client.get("/people/volunteers/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/verify/")
    assert two_factor_is_required(user=coordinator)


def test_a_coordinator_cannot_turn_the_second_factor_off(centre, coordinator_client):
    response = coordinator_client.post("/account/two-factor/disable/", {"confirm": "on"})

    assert response.status_code == 403


def test_the_demo_lets_a_coordinator_in_without_it(centre, coordinator, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator, second_factor=False
    )

    assert client.get("/people/volunteers/").status_code == 200
    assert not two_factor_is_required(user=coordinator)
