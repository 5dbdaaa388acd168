"""The federation and municipality pages: scoped by the person's own memberships, never
people of a centre; municipality viewers only read."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from shared_apps.accounts.models import FederationMembership, Invitation, MunicipalityViewer
from shared_apps.portal import urls as portal_urls
from tenants.models import Federation
from tests.plugin import host_client, in_english, sign_in

# Every portal page, present and future.
PORTAL_URLS = [
    f"/{pattern.pattern}".replace("<slug:slug>", "alpha").replace("<int:invitation_id>", "1")
    for pattern in portal_urls.urlpatterns
]


@pytest.fixture
def nfs(db):
    return Federation.objects.get(slug="test-nfs")


@pytest.fixture
def frise(db):
    return Federation.objects.get(slug="test-frise")


@pytest.fixture
def english(federation_client):
    return in_english(federation_client)


def platform_member(make_user, federation, role):
    user = make_user(full_name=f"{role} of {federation.slug}")
    FederationMembership.objects.create(user=user, federation=federation, role=role)
    return sign_in(host_client(settings.PLATFORM_DOMAIN), user)


def invite_centre_admin(client, federation, centre, email="leder@example.org", language="nb"):
    return client.post(
        reverse("portal:invite_centre_admin", urlconf=settings.PUBLIC_SCHEMA_URLCONF),
        {"federation": federation.slug, "centre": centre.pk, "email": email, "language": language},
    )


# --- Federation home ------------------------------------------------------------------------


def test_a_federation_admin_sees_its_centres_and_nothing_of_another_federation(
    english, centre, other_centre, danish_centre, volunteer
):
    response = english.get("/federation/")

    assert response.status_code == 200
    text = response.text
    assert "Test NFS" in text
    assert '<th scope="row">Alpha Frivilligsentral</th>' in text
    assert "Beta Frivilligsentral" in text
    assert "Midtre Gauldal (5027)" in text
    assert centre.municipality.county in text
    assert "Association" in text and "Active" in text
    assert "Test FriSe" not in text
    assert "Gamma" not in text
    # Never people of a centre.
    assert volunteer.email not in text and "Vera Volunteer" not in text


def test_the_admin_gets_invitation_forms_limited_to_its_own_centres_and_country(
    english, centre, danish_centre
):
    text = english.get("/federation/").text

    assert 'action="/federation/invitations/centre-admin/"' in text
    assert 'action="/federation/invitations/municipality-viewer/"' in text
    assert f'<option value="{centre.pk}">Alpha Frivilligsentral</option>' in text
    assert "Gamma" not in text
    danish_municipality = danish_centre.municipality
    assert f">{danish_municipality}</option>" not in text
    assert '<label for="test-nfs-centre-admin-email">' in text


def test_an_analyst_sees_the_centres_but_no_forms_and_cannot_invite(make_user, nfs, centre):
    client = platform_member(make_user, nfs, "federation_analyst")

    page = client.get("/federation/")
    assert page.status_code == 200
    assert "Alpha Frivilligsentral" in page.text
    assert "/federation/invitations/" not in page.text

    response = invite_centre_admin(client, nfs, centre)
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_admin_invites_a_centre_manager_with_a_link_to_the_centres_host(
    english, nfs, centre, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_centre_admin(english, nfs, centre)

    assert response.status_code == 302
    assert response["Location"] == "/federation/"
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.centre, invitation.language) == (
        "centre_admin",
        centre,
        "nb",
    )
    assert len(mailoutbox) == 1
    assert f"https://{centre.slug}.{settings.PLATFORM_DOMAIN}/account/invitation/" in (
        mailoutbox[0].body
    )
    page = english.get("/federation/")
    assert "The invitation to leder@example.org is sent." in page.text
    pending = page.text[page.text.index("Invitations not yet accepted") :]
    assert "leder@example.org" in pending


def test_the_admin_invites_a_municipality_viewer(
    english, nfs, centre, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            "/federation/invitations/municipality-viewer/",
            {
                "federation": nfs.slug,
                "municipality": centre.municipality.pk,
                "email": "kommune@example.org",
                "language": "nb",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.municipality) == (
        "municipality_viewer",
        centre.municipality,
    )
    assert f"https://{settings.PLATFORM_DOMAIN}/account/invitation/" in mailoutbox[0].body


def test_the_admin_cannot_invite_for_another_federations_centre(
    english, nfs, frise, danish_centre, mailoutbox
):
    # As its own federation: the Danish centre is not a choice.
    response = invite_centre_admin(english, nfs, danish_centre)
    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    # As the other federation: not its administrator.
    response = invite_centre_admin(english, frise, danish_centre)
    assert response.status_code == 403
    response = english.post(
        "/federation/invitations/municipality-viewer/",
        {
            "federation": nfs.slug,
            "municipality": danish_centre.municipality.pk,
            "email": "x@example.org",
            "language": "da",
        },
    )
    assert response.status_code == 400

    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_refused_invitation_shows_the_reason_on_the_form(english, nfs, centre):
    invite_centre_admin(english, nfs, centre, email="twice@example.org")

    response = invite_centre_admin(english, nfs, centre, email="twice@example.org")

    assert response.status_code == 400
    assert "already has an invitation here that has not been answered" in response.text
    assert 'aria-describedby="test-nfs-centre-admin-email_error"' in response.text
    assert Invitation.objects.count() == 1


def test_the_admin_never_sees_another_federations_invitations(
    english, danish_centre, frise, make_user, django_capture_on_commit_callbacks
):
    from shared_apps.accounts.services import invitation_send

    frise_admin = make_user()
    FederationMembership.objects.create(user=frise_admin, federation=frise, role="federation_admin")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            invited_by=frise_admin,
            email="leder@gamma.example",
            role="centre_admin",
            host=f"{danish_centre.slug}.{settings.PLATFORM_DOMAIN}",
            language="da",
            centre=danish_centre,
        )
        invitation_send(
            invited_by=frise_admin,
            email="kommune@gamma.example",
            role="municipality_viewer",
            host=settings.PLATFORM_DOMAIN,
            language="da",
            federation=frise,
            municipality=danish_centre.municipality,
        )

    text = english.get("/federation/").text

    assert "gamma.example" not in text


def test_the_admin_does_not_see_invitations_centres_send_their_own_people(
    english, centre, centre_admin, django_capture_on_commit_callbacks
):
    from shared_apps.accounts.services import invitation_send

    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            invited_by=centre_admin,
            email="volunteer-to-be@example.org",
            role="volunteer",
            host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
            language="nb",
            centre=centre,
        )

    assert "volunteer-to-be@example.org" not in english.get("/federation/").text


def test_the_federation_page_takes_the_same_queries_however_many_centres(
    english, nfs, centre, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants.services import centre_provision

    english.get("/federation/")  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as before:
        english.get("/federation/")
    centre_provision(
        name="Delta Frivilligsentral",
        slug="delta",
        federation_slug="test-nfs",
        municipality_number="5001",
    )
    invite_centre_admin(english, nfs, centre, email="one@example.org")
    with CaptureQueriesContext(connection) as after:
        page = english.get("/federation/")

    assert "Delta Frivilligsentral" in page.text and "one@example.org" in page.text
    assert len(after.captured_queries) == len(before.captured_queries) <= 20


# --- Municipality home ------------------------------------------------------------------------


def test_a_municipality_viewer_sees_only_its_municipalitys_centres(
    municipality_client, centre, other_centre, danish_centre
):
    response = municipality_client.get("/municipality/")

    assert response.status_code == 200
    text = response.text
    assert "Alpha Frivilligsentral" in text
    assert "Test NFS" in text
    assert "Beta" not in text
    assert "Gamma" not in text
    main = text.split('<main id="main"', 1)[1]
    assert 'method="post"' not in main.lower()  # read-only: only the year picker (GET)


def test_a_viewer_of_two_municipalities_sees_both(
    municipality_client, municipality_viewer, other_centre
):
    MunicipalityViewer.objects.create(
        user=municipality_viewer, municipality=other_centre.municipality
    )

    text = municipality_client.get("/municipality/").text

    assert "Alpha Frivilligsentral" in text and "Beta Frivilligsentral" in text


@pytest.mark.parametrize("url", PORTAL_URLS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_municipality_viewer_gets_403_on_every_unsafe_request(
    municipality_client, municipality_viewer, url, method, nfs, centre
):
    assert len(PORTAL_URLS) >= 4
    # Even as a federation administrator too: the viewer's session never writes.
    FederationMembership.objects.create(
        user=municipality_viewer, federation=nfs, role="federation_admin"
    )
    data = {"federation": nfs.slug, "centre": centre.pk, "email": "x@example.org"}

    response = getattr(municipality_client, method)(url, data)

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_municipality_viewer_cannot_see_the_federation_page(municipality_client):
    assert municipality_client.get("/federation/").status_code == 403


def test_a_federation_admin_cannot_see_the_municipality_page(federation_client):
    assert federation_client.get("/municipality/").status_code == 403


@pytest.mark.parametrize("url", ["/federation/", "/municipality/"])
def test_centre_staff_have_no_portal_on_the_platform_host(centre, centre_admin, url):
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), centre_admin)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/federation/", "/municipality/"])
def test_the_portal_is_not_on_centre_hosts(centre, federation_admin, url):
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), federation_admin)

    assert client.get(url).status_code == 404
