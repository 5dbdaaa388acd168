"""Shared pytest fixtures: centres built once per test session, clients bound to a host.

Loaded with `-p tests.plugin` (pyproject.toml), so app test folders get them too.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

CENTRES = {
    # slug: (name, federation slug, municipality number)
    "alpha": ("Alpha Frivilligsentral", "test-nfs", "5027"),
    "beta": ("Beta Frivilligsentral", "test-nfs", "5605"),
    "gamma": ("Frivilligcenter Gamma", "test-frise", "370"),
}


@pytest.fixture(scope="session")
def session_centres(django_db_setup, django_db_blocker):
    """After pytest-django migrates the test database: federations and three centres."""
    from tenants.services import centre_provision, federation_create

    with django_db_blocker.unblock():
        federation_create(
            name="Test NFS",
            slug="test-nfs",
            country="NO",
            default_language="nb",
            currency="NOK",
            time_zone="Europe/Oslo",
        )
        federation_create(
            name="Test FriSe",
            slug="test-frise",
            country="DK",
            default_language="da",
            currency="DKK",
            time_zone="Europe/Copenhagen",
        )
        for slug, (name, federation, municipality) in CENTRES.items():
            centre_provision(
                name=name,
                slug=slug,
                federation_slug=federation,
                municipality_number=municipality,
                status="active",
            )
    yield


def _centre(slug: str):
    from tenants.models import Centre

    return Centre.objects.select_related("federation", "municipality").get(slug=slug)


@pytest.fixture(autouse=True)
def _session_data(request):
    """Tests that use the database see the session's federations and centres."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("session_centres")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English, whatever language a previous request activated."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def centre(db):
    """A Norwegian centre, `alpha`, on alpha.<PLATFORM_DOMAIN>."""
    return _centre("alpha")


@pytest.fixture
def other_centre(db):
    """A second Norwegian centre, `beta`: what `centre` must never see."""
    return _centre("beta")


@pytest.fixture
def danish_centre(db):
    """A Danish centre, `gamma`, in the Danish federation."""
    return _centre("gamma")


def host_client(host: str) -> Client:
    return Client(HTTP_HOST=host)


@pytest.fixture
def centre_client(centre):
    return host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")


@pytest.fixture
def other_centre_client(other_centre):
    return host_client(f"{other_centre.slug}.{settings.PLATFORM_DOMAIN}")


@pytest.fixture
def platform_client(db):
    return host_client(settings.PLATFORM_DOMAIN)


# --- People and signed-in clients ---------------------------------------------------------

_emails = iter(range(1, 1_000_000))


@pytest.fixture
def make_user(db):
    """make_user(email=None, password="demo-password-1", **fields) -> User"""
    from shared_apps.accounts.models import User

    def make(email: str | None = None, password: str = "demo-password-1", **fields):
        email = email or f"person{next(_emails)}@example.org"
        return User.objects.create_user(email, password, **fields)

    return make


@pytest.fixture
def member_of(make_user):
    """member_of(centre, role, **user_fields) -> a new User with that role at the centre."""
    from shared_apps.accounts.models import CentreMembership

    def make(centre, role: str, **fields):
        user = make_user(**fields)
        CentreMembership.objects.create(user=user, centre=centre, role=role)
        return user

    return make


def sign_in(client: Client, user, *, second_factor: bool = True) -> Client:
    """Sign `user` in on the client's host, as the sign-in page would (two-factor passed
    unless second_factor=False)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.sessions import SESSION_HOST_KEY

    client.force_login(user)
    session = client.session
    session[SESSION_HOST_KEY] = client.defaults["HTTP_HOST"].split(":")[0].lower()
    if second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def centre_admin(centre, member_of):
    return member_of(centre, "centre_admin", full_name="Ada Admin")


@pytest.fixture
def coordinator(centre, member_of):
    return member_of(centre, "coordinator", full_name="Cora Coordinator")


@pytest.fixture
def volunteer(centre, member_of):
    return member_of(centre, "volunteer", full_name="Vera Volunteer")


@pytest.fixture
def centre_admin_client(centre, centre_admin):
    return sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin)


@pytest.fixture
def coordinator_client(centre, coordinator):
    return sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), coordinator)


@pytest.fixture
def volunteer_client(centre, volunteer):
    return sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), volunteer)


@pytest.fixture
def federation_admin(make_user):
    from shared_apps.accounts.models import FederationMembership
    from tenants.models import Federation

    user = make_user(full_name="Frida Federation")
    FederationMembership.objects.create(
        user=user, federation=Federation.objects.get(slug="test-nfs"), role="federation_admin"
    )
    return user


@pytest.fixture
def federation_client(federation_admin):
    """A federation administrator of the Norwegian test federation, on the platform host."""
    return sign_in(host_client(settings.PLATFORM_DOMAIN), federation_admin)


@pytest.fixture
def municipality_viewer(make_user, centre):
    from shared_apps.accounts.models import MunicipalityViewer

    user = make_user(full_name="Mona Municipality")
    MunicipalityViewer.objects.create(user=user, municipality=centre.municipality)
    return user


@pytest.fixture
def municipality_client(municipality_viewer):
    """A viewer for the municipality of `centre` (Midtre Gauldal), on the platform host."""
    return sign_in(host_client(settings.PLATFORM_DOMAIN), municipality_viewer)


@pytest.fixture
def operator_client(make_user):
    from shared_apps.accounts.models import User

    user = User.objects.create_superuser(f"operator{next(_emails)}@example.org", "pw-operator-1")
    return sign_in(host_client(settings.PLATFORM_DOMAIN), user)


def in_english(client: Client) -> Client:
    """Make the client read pages in English (the test centres' federations default to nb/da)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def client_of():
    """client_of(centre, user) -> a client signed in as `user` on `centre`'s host, in English."""

    def make(centre, user):
        return in_english(sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), user))

    return make
