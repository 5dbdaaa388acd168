"""Lockout after repeated failed sign-ins (django-axes): 5 failures, 15 minutes, per account
and address, with a translated page that explains the wait."""

from __future__ import annotations

import importlib
import secrets

import pytest
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.plugin import host_client

PASSWORD = "demo-password-1"


def sign_in_request(*, address: str = "192.0.2.10"):
    request = RequestFactory().post(
        "/account/login/", REMOTE_ADDR=address, HTTP_HOST=settings.PLATFORM_DOMAIN
    )
    request.centre = request.tenant = None
    return request


def test_settings_lock_out_after_five_failures_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_authenticate_refuses_the_right_password_after_five_failures(make_user):
    person = make_user(password=PASSWORD)
    for _attempt in range(5):
        assert authenticate(sign_in_request(), username=person.email, password="wrong") is None

    sixth = sign_in_request()
    assert authenticate(sixth, username=person.email, password=PASSWORD) is None
    assert sixth.axes_locked_out is True
    # Per account and address: the person can still sign in from elsewhere, so a stranger
    # cannot lock them out.
    elsewhere = sign_in_request(address="198.51.100.7")
    assert authenticate(elsewhere, username=person.email, password=PASSWORD) == person


def test_four_failures_do_not_lock_out(make_user):
    person = make_user(password=PASSWORD)
    for _attempt in range(4):
        authenticate(sign_in_request(), username=person.email, password="wrong")

    assert authenticate(sign_in_request(), username=person.email, password=PASSWORD) == person


def test_signing_in_starts_the_count_again(centre, member_of):
    person = member_of(centre, "volunteer", password=PASSWORD)
    login_url = reverse("accounts:login")

    def fail_four_times_then_sign_in():
        client = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
        for _attempt in range(4):
            client.post(login_url, {"username": person.email, "password": "wrong"})
        client.post(login_url, {"username": person.email, "password": PASSWORD})
        return client

    fail_four_times_then_sign_in()
    client = fail_four_times_then_sign_in()

    assert client.session[SESSION_KEY] == str(person.pk)


def test_the_lockout_page_explains_the_wait_and_points_to_a_new_password(make_user):
    request = sign_in_request()
    request.axes_locked_out = True
    with translation.override("nb"):
        response = get_lockout_response(request, None, {"username": "a@example.org"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "For mange mislykkede innloggingsforsøk" in html
    assert "Vent 15 minutter, og prøv igjen." in html
    assert f'href="{reverse("accounts:password_reset")}"' in html


def test_a_locked_out_person_gets_the_translated_page_over_http(centre, member_of):
    """The sign-in page (accounts:login) with the form fields `username` and `password`."""
    person = member_of(centre, "volunteer", password=PASSWORD)
    client = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    login_url = reverse("accounts:login")

    failures = [
        client.post(login_url, {"username": person.email, "password": "wrong"}) for _ in range(5)
    ]
    sixth = client.post(login_url, {"username": person.email, "password": PASSWORD})

    assert [response.status_code for response in failures[:4]] == [200] * 4
    assert failures[4].status_code == 429
    assert sixth.status_code == 429
    assert SESSION_KEY not in client.session
    html = sixth.content.decode()
    assert '<html lang="nb">' in html
    assert "For mange mislykkede innloggingsforsøk" in html
    assert "Vent 15 minutter, og prøv igjen." in html
    assert f'href="{reverse("accounts:password_reset")}"' in html


def test_the_lockout_page_in_danish(danish_centre, member_of):
    person = member_of(danish_centre, "volunteer", password=PASSWORD)
    client = host_client(f"{danish_centre.slug}.{settings.PLATFORM_DOMAIN}")

    for _attempt in range(6):
        response = client.post(
            reverse("accounts:login"), {"username": person.email, "password": "x"}
        )

    assert response.status_code == 429
    assert "Vent 15 minutter, og prøv igen." in response.content.decode()


@pytest.fixture
def production_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(60))
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/13")  # production requires it
    import config.settings.production as production

    return importlib.reload(production)


def test_production_locks_out_by_the_address_the_proxy_saw(production_settings):
    client_address = production_settings.AXES_CLIENT_IP_CALLABLE
    through_proxy = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    direct = RequestFactory().get("/", REMOTE_ADDR="203.0.113.6")

    # The last address is the one our proxy added; whatever came before, the client wrote.
    assert client_address(through_proxy) == "203.0.113.5"
    assert client_address(direct) == "203.0.113.6"
