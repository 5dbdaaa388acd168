"""Who may open which staff page: roles include lower ones, and count on their centre only."""

import pytest
from django.conf import settings
from django.urls import reverse

from shared_apps.accounts.models import ApiToken, CentreMembership, FederationMembership
from tenants.models import Federation
from tests.plugin import host_client, sign_in

# (url name, minimum role); pages with ids use the id of a real member / token of the centre.
PAGES = [
    ("staff:dashboard", "volunteer"),
    ("staff:profile", "volunteer"),
    ("staff:members", "coordinator"),
    ("staff:tokens", "coordinator"),
    ("staff:invite", "centre_admin"),
    ("audit:list", "centre_admin"),
]
RANK = {"volunteer": 0, "coordinator": 1, "centre_admin": 2}


@pytest.mark.parametrize("role", ["volunteer", "coordinator", "centre_admin"])
@pytest.mark.parametrize(("name", "minimum"), PAGES)
def test_each_page_opens_for_its_roles_and_is_forbidden_below(
    centre, member_of, client_of, role, name, minimum
):
    client = client_of(centre, member_of(centre, role))
    response = client.get(reverse(name))
    expected = 200 if RANK[role] >= RANK[minimum] else 403
    assert response.status_code == expected, f"{role} on {name}"


def test_volunteer_is_refused_members_invite_audit_and_tokens(volunteer_client):
    for url in ("/staff/members/", "/staff/members/invite/", "/staff/audit/", "/staff/tokens/"):
        assert volunteer_client.get(url).status_code == 403, url


def test_coordinator_is_refused_invite_audit_and_member_changes(coordinator_client, volunteer):
    assert coordinator_client.get("/staff/members/invite/").status_code == 403
    assert coordinator_client.get("/staff/audit/").status_code == 403
    assert coordinator_client.get(f"/staff/members/{volunteer.pk}/remove/").status_code == 403
    response = coordinator_client.post(
        f"/staff/members/{volunteer.pk}/role/", {"role": "centre_admin"}
    )
    assert response.status_code == 403
    response = coordinator_client.post(f"/staff/members/{volunteer.pk}/remove/")
    assert response.status_code == 403
    assert CentreMembership.objects.get(user=volunteer).role == "volunteer"


def _every_staff_url(centre, member, token_id):
    return [
        *(reverse(name) for name, _minimum in PAGES),
        reverse("staff:member_remove", args=[member.pk]),
        reverse("staff:token_revoke", args=[token_id]),
    ]


@pytest.mark.parametrize("role", ["volunteer", "coordinator", "centre_admin"])
def test_a_member_of_one_centre_gets_403_on_every_staff_page_of_another(
    centre, other_centre, member_of, role
):
    outsider = member_of(centre, role)
    member_of_b = member_of(other_centre, "volunteer")
    token_of_b = ApiToken.objects.create(
        user=member_of_b, centre=other_centre, name="b", key_prefix="dgn_bbbb", key_hash="b" * 64
    )
    client = sign_in(host_client(f"{other_centre.slug}.{settings.PLATFORM_DOMAIN}"), outsider)

    for url in _every_staff_url(other_centre, member_of_b, token_of_b.pk):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("staff:member_remove", args=[member_of_b.pk])).status_code == 403
    response = client.post(
        reverse("staff:member_role", args=[member_of_b.pk]), {"role": "coordinator"}
    )
    assert response.status_code == 403
    assert client.post(reverse("staff:token_revoke", args=[token_of_b.pk])).status_code == 403
    assert CentreMembership.objects.get(user=member_of_b).role == "volunteer"
    token_of_b.refresh_from_db()
    assert token_of_b.revoked_at is None


def test_a_session_cookie_of_one_centre_gets_nothing_on_another(
    centre_admin_client, other_centre_client
):
    cookie = centre_admin_client.cookies[settings.SESSION_COOKIE_NAME].value
    assert centre_admin_client.get("/staff/members/").status_code == 200
    other_centre_client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    for url in ("/staff/", "/staff/members/", "/staff/audit/", "/staff/tokens/"):
        response = other_centre_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/login/"), url
    assert other_centre_client.get("/api/v1/me/").status_code == 401


def test_anonymous_visitors_are_sent_to_sign_in(centre_client):
    response = centre_client.get("/staff/members/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/staff/members/"


def test_federation_staff_have_no_role_on_a_centre_host(centre, make_user):
    user = make_user()
    FederationMembership.objects.create(
        user=user, federation=Federation.objects.get(slug="test-nfs"), role="federation_admin"
    )
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), user)
    for url in ("/staff/", "/staff/members/", "/staff/audit/"):
        assert client.get(url).status_code == 403, url


def test_a_centre_manager_without_second_factor_is_sent_to_verify(centre, centre_admin):
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin, second_factor=False
    )
    response = client.get("/staff/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/verify/")
