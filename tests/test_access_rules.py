"""Every URL of both URLconfs against the access rules: default deny, sign-in first,
municipality viewers never write, centre roles stay on their centre, volunteers stay out of
staff pages. New pages are covered by being added to a URLconf."""

from __future__ import annotations

import pytest
from django.conf import settings

from shared_apps.accounts.roles import Role, expand
from shared_apps.devtools.urlwalk import routes
from tests.plugin import host_client, sign_in

CENTRE_ROUTES = routes(settings.ROOT_URLCONF)
PLATFORM_ROUTES = routes(settings.PUBLIC_SCHEMA_URLCONF)
UNSAFE_METHODS = ("post", "put", "patch", "delete")


def not_admin(route_list):
    return [route for route in route_list if not route.is_admin]


def protected(route_list):
    return [r for r in route_list if not r.is_admin and r.policy and not r.policy.is_public]


def test_both_urlconfs_have_routes():
    assert len(CENTRE_ROUTES) > 5
    assert len(PLATFORM_ROUTES) > 5


@pytest.mark.parametrize("route", not_admin(CENTRE_ROUTES + PLATFORM_ROUTES), ids=str)
def test_every_view_declares_who_may_use_it(route):
    assert route.policy is not None, f"{route} has no access policy (it would always be 403)"


@pytest.mark.parametrize("route", protected(CENTRE_ROUTES), ids=str)
def test_anonymous_visitors_are_sent_to_sign_in_on_centre_pages(centre_client, route):
    response = centre_client.get(route.url)
    if route.is_api:
        assert response.status_code == 401, route
    else:
        assert response.status_code == 302, route
        assert response["Location"].startswith("/account/login/?next="), route


@pytest.mark.parametrize("route", protected(PLATFORM_ROUTES), ids=str)
def test_anonymous_visitors_are_sent_to_sign_in_on_platform_pages(platform_client, route):
    response = platform_client.get(route.url)
    assert response.status_code == 302, route
    assert response["Location"].startswith("/account/login/?next="), route


def test_anonymous_visitors_get_the_admin_login_page(platform_client):
    response = platform_client.get("/admin/tenants/centre/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


WRITABLE_PLATFORM_ROUTES = [
    r for r in PLATFORM_ROUTES if not (r.policy and r.policy.is_session_endpoint)
]


@pytest.mark.parametrize("method", UNSAFE_METHODS)
@pytest.mark.parametrize("route", WRITABLE_PLATFORM_ROUTES, ids=str)
def test_municipality_viewers_never_write(municipality_client, route, method):
    response = getattr(municipality_client, method)(route.url)
    assert response.status_code == 403, f"{method.upper()} {route}"


@pytest.mark.parametrize("method", UNSAFE_METHODS)
def test_municipality_viewers_never_write_in_admin(municipality_client, method):
    for url in ("/admin/", "/admin/tenants/centre/", "/admin/accounts/user/add/"):
        response = getattr(municipality_client, method)(url)
        assert response.status_code == 403, f"{method.upper()} {url}"


@pytest.mark.parametrize("role", ["centre_admin", "coordinator", "volunteer"])
def test_members_of_one_centre_get_nothing_on_another(centre, other_centre, member_of, role):
    """An account with a role at `centre`, signed in on `other_centre`'s host."""
    user = member_of(centre, role)
    client = sign_in(host_client(f"{other_centre.slug}.{settings.PLATFORM_DOMAIN}"), user)
    for route in protected(CENTRE_ROUTES):
        response = client.get(route.url)
        assert response.status_code in (403, 404), f"{role} of A on B: {route}"


STAFF_ONLY = [
    r for r in protected(CENTRE_ROUTES) if not (r.policy.roles & expand({Role.VOLUNTEER}))
]


@pytest.mark.parametrize("route", STAFF_ONLY, ids=str)
def test_volunteers_cannot_reach_coordinator_pages(volunteer_client, route):
    response = volunteer_client.get(route.url)
    assert response.status_code == 403, route


def test_there_are_coordinator_only_pages_to_check():
    assert len(STAFF_ONLY) >= 3


MANAGER_ONLY = [
    r
    for r in protected(CENTRE_ROUTES)
    if not (r.policy.roles & expand({Role.COORDINATOR})) and Role.CENTRE_ADMIN in r.policy.roles
]


@pytest.mark.parametrize("route", MANAGER_ONLY, ids=str)
def test_coordinators_cannot_reach_manager_pages(coordinator_client, route):
    response = coordinator_client.get(route.url)
    assert response.status_code == 403, route


@pytest.mark.parametrize("route", protected(PLATFORM_ROUTES), ids=str)
def test_centre_members_have_no_role_on_the_platform_host(centre, member_of, route):
    user = member_of(centre, "centre_admin")
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), user)
    assert client.get(route.url).status_code == 403, route
