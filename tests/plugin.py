"""Shared pytest fixtures and helpers: centres built once per test session, clients bound to a
host, people, the clock, threads. Defined here once; app conftest.py files only add what is
their own.

Loaded with `-p tests.plugin` (pyproject.toml), so app test folders get them too.
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from tests import factories


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """pytest run directly (not through `./manage.py test`) without DATABASE_URL: start the
    embedded PostgreSQL before pytest-django reads the settings, which start nothing."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "platform"))
    from config.database import embedded_database_wanted, start_embedded_database

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if embedded_database_wanted():
        start_embedded_database()


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
def _empty_cache():
    """Each test starts with an empty cache: no rate limit counted by an earlier test."""
    from django.core.cache import cache

    cache.clear()


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
def client_language() -> str | None:
    """The language the signed-in clients of `centre` below read: None is the centre's own
    (alpha's federation speaks Norwegian). A test folder whose tests read English overrides
    this fixture in its conftest.py to return "en"."""
    return None


def _centre_client_of(centre, user, language: str | None) -> Client:
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def centre_admin_client(centre, centre_admin, client_language):
    return _centre_client_of(centre, centre_admin, client_language)


@pytest.fixture
def coordinator_client(centre, coordinator, client_language):
    return _centre_client_of(centre, coordinator, client_language)


@pytest.fixture
def volunteer_client(centre, volunteer, client_language):
    return _centre_client_of(centre, volunteer, client_language)


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
    """Make the client read pages in English (the test centres' federations default to nb/da):
    the one way to do so, for any client."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def client_of():
    """client_of(centre, user) -> a client signed in as `user` on `centre`'s host, in English."""

    def make(centre, user):
        return in_english(sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), user))

    return make


# --- Inside a centre's schema --------------------------------------------------------------


@pytest.fixture
def inside(centre):
    """`with inside():` runs the block in `centre`'s schema. A page request sets the connection
    back to the public schema when it is done, so tests read and write a centre's rows inside
    this, never relying on the schema a previous request left behind."""
    return lambda: schema_context(centre.schema_name)


@pytest.fixture
def make_volunteer(centre):
    """make_volunteer(first_name="", last_name="", **fields) -> a Volunteer saved in
    `centre`'s schema (tests/factories.py, which test code already inside a schema imports)."""

    def make(*args, **fields):
        with schema_context(centre.schema_name):
            return factories.make_volunteer(*args, **fields)

    return make


@pytest.fixture
def audit_events(centre):
    """audit_events([a_centre], **filters) -> [(action, subject_type, subject_id,
    actor_user_id)] of the centre's audit log (`centre` unless another is given), oldest first."""
    from tenant_apps.audit.models import AuditEvent

    def read(of_centre=None, **filters):
        with schema_context((of_centre or centre).schema_name):
            return list(
                AuditEvent.objects.filter(**filters)
                .order_by("id")
                .values_list("action", "subject_type", "subject_id", "actor_user_id")
            )

    return read


# --- The clock -----------------------------------------------------------------------------
#
# One way to set the time: time-machine with the clock stopped (tick=False), so that every
# `timezone.now()` in a test and in the code it calls is the same moment. Never patch
# `timezone.now` or `localdate` by hand, never read `date.today()` or a naive
# `datetime.now()` (the machine's zone is not the project's TIME_ZONE).


def clock_at(when: datetime.date | datetime.datetime) -> time_machine.travel:
    """time_machine.travel to `when` with the clock stopped: `with clock_at(...):` or as a
    decorator. A date means noon of that day in TIME_ZONE (Europe/Oslo), so that
    `timezone.localdate()` is that date; a datetime must be aware."""
    if not isinstance(when, datetime.datetime):
        when = datetime.datetime.combine(when, datetime.time(12), ZoneInfo(settings.TIME_ZONE))
    if timezone.is_naive(when):
        raise ValueError("clock_at() takes an aware datetime (or a date)")
    return time_machine.travel(when, tick=False)


@pytest.fixture
def stopped_clock():
    """The clock stands still at the moment the test starts (whole seconds) until it ends;
    returns that moment. For tests that compare several "now"s."""
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        yield moment


# --- Threads -------------------------------------------------------------------------------


def run_in_threads(*works: Callable[[], object], timeout: float = 60) -> list:
    """Run each `work()` in a thread of its own, on a database connection of its own (closed
    when the work ends, so what it writes is committed outside the test's transaction), and
    return their results in order. A thread still running after `timeout` seconds fails the
    test, and so does an exception raised in a thread (re-raised here; several at once as an
    ExceptionGroup)."""
    results: list = [None] * len(works)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            results[index] = work()
        except BaseException as error:  # handed to the test's thread below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, work), daemon=True)
        for index, work in enumerate(works)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    running = [thread.name for thread in threads if thread.is_alive()]
    assert not running, f"threads still running after {timeout} s: {running}"
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise BaseExceptionGroup(f"{len(errors)} threads failed", errors)
    return results


def in_thread(work: Callable[[], object], *, timeout: float = 60):
    """run_in_threads() of one work: its result."""
    return run_in_threads(work, timeout=timeout)[0]
