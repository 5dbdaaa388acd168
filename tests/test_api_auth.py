"""The REST API's doors: a token opens one centre only, revoked tokens and foreign sessions
open nothing, and each endpoint lets in only the roles it declares."""

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from shared_apps.accounts import facade
from tenant_apps.audit.models import AuditEvent

ENDPOINTS = ["/api/v1/me/", "/api/v1/activity-categories/", "/api/v1/members/"]


# Answers in English: both test centres belong to a Norwegian federation.
@pytest.fixture
def centre_client(centre_client):
    centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return centre_client


@pytest.fixture
def other_centre_client(other_centre_client):
    other_centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return other_centre_client


@pytest.fixture
def make_token():
    """make_token(user, centre) -> the key of a new API token."""

    def make(user, centre, name="test"):
        return facade.api_token_create(
            user_id=user.pk, centre_id=centre.pk, name=name, two_factor_passed=True
        ).key

    return make


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_works_on_its_own_centre(centre_client, coordinator, centre, make_token):
    key = make_token(coordinator, centre)

    response = centre_client.get("/api/v1/me/", **bearer(key))

    assert response.status_code == 200
    assert response.json() == {
        "id": coordinator.pk,
        "email": coordinator.email,
        "full_name": "Cora Coordinator",
        "preferred_language": "",
        "role": "coordinator",
        "role_label": "Coordinator",
        "member_since": response.json()["member_since"],
        "centre": {"name": "Alpha Frivilligsentral", "slug": "alpha"},
    }


def test_a_token_made_on_one_centre_is_rejected_on_another(
    other_centre_client, coordinator, centre, other_centre, member_of, make_token
):
    # Even when the person also has a role at the other centre.
    from shared_apps.accounts.models import CentreMembership

    CentreMembership.objects.create(user=coordinator, centre=other_centre, role="centre_admin")
    key = make_token(coordinator, centre)

    for url in ENDPOINTS:
        response = other_centre_client.get(url, **bearer(key))
        assert response.status_code == 401, url
        assert response.json() == {"detail": "This token is not valid here."}


def test_a_revoked_token_is_rejected(centre_client, coordinator, centre, make_token):
    key = make_token(coordinator, centre)
    token = facade.api_tokens(user_id=coordinator.pk, centre_id=centre.pk)[0]
    assert centre_client.get("/api/v1/me/", **bearer(key)).status_code == 200

    facade.api_token_revoke(user_id=coordinator.pk, centre_id=centre.pk, token_id=token.token_id)

    response = centre_client.get("/api/v1/me/", **bearer(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "This token is not valid here."}


def test_an_unknown_token_is_rejected(centre_client):
    response = centre_client.get("/api/v1/me/", **bearer("dgn_" + "x" * 43))
    assert response.status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_without_credentials_the_answer_is_401(centre_client, url):
    response = centre_client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_session_of_one_centre_gets_nothing_on_another(coordinator_client, other_centre_client):
    assert coordinator_client.get("/api/v1/me/").status_code == 200
    cookie = coordinator_client.cookies[settings.SESSION_COOKIE_NAME].value
    other_centre_client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    for url in ENDPOINTS:
        assert other_centre_client.get(url).status_code == 401, url


def test_a_removed_members_token_stops_working(
    centre_client, centre_admin, volunteer, centre, make_token
):
    from shared_apps.accounts.models import CentreMembership

    CentreMembership.objects.filter(user=volunteer).update(role="coordinator")
    key = make_token(volunteer, centre)
    facade.member_remove(actor_id=centre_admin.pk, centre_id=centre.pk, user_id=volunteer.pk)

    assert centre_client.get("/api/v1/me/", **bearer(key)).status_code == 401


def test_only_coordinators_and_managers_can_make_tokens(volunteer, centre):
    from toolkit.errors import ApplicationError

    with pytest.raises(ApplicationError):
        facade.api_token_create(
            user_id=volunteer.pk, centre_id=centre.pk, name="nope", two_factor_passed=True
        )


def test_a_token_key_has_its_documented_shape(coordinator, centre, make_token):
    key = make_token(coordinator, centre)
    token = facade.api_tokens(user_id=coordinator.pk, centre_id=centre.pk)[0]
    assert key.startswith("dgn_")
    assert len(key) == 4 + 43
    assert token.key_prefix == key[:8]


# --- Members ---------------------------------------------------------------------------------


def test_members_api_lists_this_centre_for_staff_and_is_audited(
    centre_client, coordinator, volunteer, centre, other_centre, member_of, make_token
):
    member_of(other_centre, "volunteer", full_name="Bjørn Beta")
    key = make_token(coordinator, centre)

    response = centre_client.get("/api/v1/members/", **bearer(key))

    assert response.status_code == 200
    assert [(m["id"], m["role"]) for m in response.json()] == [
        (coordinator.pk, "coordinator"),
        (volunteer.pk, "volunteer"),
    ]
    with schema_context(centre.schema_name):
        assert list(AuditEvent.objects.values_list("action", "subject_type", "actor_user_id")) == [
            ("viewed", "member", coordinator.pk)
        ]


def test_members_api_is_not_for_volunteers(volunteer_client):
    assert volunteer_client.get("/api/v1/members/").status_code == 403


def test_me_is_for_members_of_this_centre_only(other_centre, member_of, centre_client, make_token):
    outsider = member_of(other_centre, "coordinator")
    from tests.plugin import sign_in

    response = sign_in(centre_client, outsider).get("/api/v1/me/")
    assert response.status_code == 403
