"""Two-factor authentication: who is asked, set-up, verification, recovery codes, turning off."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import include, path, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared_apps.accounts import access
from shared_apps.accounts.access import Verdict, allow
from shared_apps.accounts.models import FederationMembership
from shared_apps.accounts.roles import Role
from shared_apps.accounts.two_factor_services import (
    RECOVERY_CODE_COUNT,
    recovery_codes_replace,
)
from tenants.models import Federation
from tests.plugin import host_client, sign_in


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    """The rule as in production (config.settings.test has it on, the demo has it off)."""
    settings.TWO_FACTOR_REQUIRED = True


# --- Throwaway pages, one per role, served next to the real URLs ----------------------


@allow(Role.CENTRE_ADMIN)
def manager_page(request):
    return HttpResponse("manager page")


@allow(Role.VOLUNTEER)
def volunteer_page(request):
    return HttpResponse("volunteer page")


@allow(Role.FEDERATION_ADMIN)
def federation_page(request):
    return HttpResponse("federation page")


class CentreUrls:
    urlpatterns = [
        path("test-manager/", manager_page),
        path("test-volunteer/", volunteer_page),
        path("", include(settings.ROOT_URLCONF)),
    ]


class PlatformUrls:
    urlpatterns = [
        path("test-federation/", federation_page),
        path("", include(settings.PUBLIC_SCHEMA_URLCONF)),
    ]


@pytest.fixture
def throwaway_pages():
    with override_settings(ROOT_URLCONF=CentreUrls, PUBLIC_SCHEMA_URLCONF=PlatformUrls):
        yield


def centre_host(centre) -> str:
    return f"{centre.slug}.{settings.PLATFORM_DOMAIN}"


def signed_in(centre, user, *, second_factor: bool = False, language: str = "en"):
    """A client on the centre's host, signed in, reading the pages in `language`."""
    client = sign_in(host_client(centre_host(centre)), user, second_factor=second_factor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def verify_url(next_url: str) -> str:
    return f"{reverse('two_factor:verify')}?next={next_url}"


def with_authenticator(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device, recovery_codes_replace(user=user)


# --- Who is asked for the second factor --------------------------------------------------


def _request(host: str, *, user, centre=None, verified: bool):
    request = RequestFactory().get("/somewhere/", HTTP_HOST=host)
    request.centre = request.tenant = centre
    user.is_verified = lambda: verified
    request.user = user
    return request


def test_decide_asks_a_centre_manager_for_the_second_factor(centre, centre_admin):
    request = _request(centre_host(centre), user=centre_admin, centre=centre, verified=False)
    policy = access.policy_of(manager_page)

    assert access.decide(request, centre_admin, policy) is Verdict.TWO_FACTOR
    request = _request(centre_host(centre), user=centre_admin, centre=centre, verified=True)
    assert access.decide(request, centre_admin, policy) is Verdict.ALLOW


def test_decide_asks_a_federation_administrator_for_the_second_factor(federation_admin):
    request = _request(settings.PLATFORM_DOMAIN, user=federation_admin, verified=False)

    assert access.decide(request, federation_admin, access.policy_of(federation_page)) is (
        Verdict.TWO_FACTOR
    )


def test_decide_does_not_ask_a_volunteer(centre, volunteer):
    request = _request(centre_host(centre), user=volunteer, centre=centre, verified=False)

    assert access.decide(request, volunteer, access.policy_of(volunteer_page)) is Verdict.ALLOW


def test_set_up_and_verification_are_for_every_role_before_the_second_factor(db):
    from shared_apps.accounts import two_factor

    policy = access.policy_of(two_factor.verify)
    assert policy.before_two_factor
    assert policy.roles == frozenset(Role)
    assert access.policy_of(two_factor.setup) == policy
    request = RequestFactory().get("/", HTTP_HOST=settings.PLATFORM_DOMAIN)
    request.centre = None
    assert access.decide(request, AnonymousUser(), policy) is Verdict.SIGN_IN


def test_a_centre_manager_without_the_second_factor_is_sent_to_verify(
    throwaway_pages, centre, centre_admin
):
    client = signed_in(centre, centre_admin)

    response = client.get("/test-manager/")

    assert response.status_code == 302
    assert response["Location"] == verify_url("/test-manager/")


def test_a_federation_administrator_without_the_second_factor_is_sent_to_verify(
    throwaway_pages, federation_admin
):
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), federation_admin, second_factor=False)

    response = client.get("/test-federation/")

    assert response.status_code == 302
    assert response["Location"] == verify_url("/test-federation/")


def test_a_volunteer_without_the_second_factor_is_not_asked(throwaway_pages, centre, volunteer):
    client = signed_in(centre, volunteer)

    response = client.get("/test-volunteer/")

    assert response.status_code == 200
    assert response.content == b"volunteer page"


def test_a_centre_manager_with_the_second_factor_gets_the_page(
    throwaway_pages, centre_admin_client
):
    response = centre_admin_client.get("/test-manager/")

    assert response.status_code == 200


def test_a_platform_operator_without_the_second_factor_is_sent_from_admin_to_set_up(make_user):
    from shared_apps.accounts.models import User

    operator = User.objects.create_superuser("operator-2fa@example.org", "pw-operator-1")
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), operator, second_factor=False)

    to_verify = client.get("/admin/")
    to_setup = client.get(to_verify["Location"])
    setup_page = client.get(to_setup["Location"])

    assert to_verify["Location"] == verify_url("/admin/")
    assert to_setup["Location"] == f"{reverse('two_factor:setup')}?next=/admin/"
    assert setup_page.status_code == 200
    assert b"<svg" in setup_page.content


def test_a_platform_operator_with_the_second_factor_uses_admin(operator_client):
    assert operator_client.get("/admin/").status_code == 200
    # Set-up is done for them: it sends them on instead of making a second authenticator.
    response = operator_client.get(f"{reverse('two_factor:setup')}?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_anonymous_visitors_are_sent_to_sign_in(centre_client):
    response = centre_client.get(reverse("two_factor:setup"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- Set-up, then verification at the next sign-in ---------------------------------------


def test_set_up_confirm_and_verify_end_to_end(throwaway_pages, centre, centre_admin):
    client = signed_in(centre, centre_admin)

    # Given a manager without an authenticator, on their way to a manager's page
    to_verify = client.get("/test-manager/")
    to_setup = client.get(to_verify["Location"])
    assert to_setup["Location"] == f"{reverse('two_factor:setup')}?next=/test-manager/"
    setup_page = client.get(to_setup["Location"])

    # then set-up shows a QR code and the key for a new, unconfirmed authenticator
    device = TOTPDevice.objects.get(user=centre_admin)
    assert device.confirmed is False
    assert setup_page.status_code == 200
    assert setup_page["Cache-Control"].startswith("max-age=0")
    html = setup_page.content.decode()
    assert "<svg" in html
    secret = re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', html)[1]
    assert len(secret.replace(" ", "")) == 32
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert client.get("/test-manager/").status_code == 302  # not yet

    # when they enter a wrong code, nothing is confirmed and the error is tied to the field
    wrong = client.post(reverse("two_factor:setup"), {"code": "000000", "next": "/test-manager/"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert 'aria-describedby="id_code_error"' in wrong.content.decode()
    assert 'id="id_code_error"' in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    device.throttle_reset()  # the wrong code made the next try wait a second

    # when they enter the code the app shows
    confirmed = client.post(
        reverse("two_factor:setup"), {"code": code_for(device), "next": "/test-manager/"}
    )

    # then the authenticator is confirmed, ten recovery codes are shown once, and they
    # have passed the second factor in this session
    device.refresh_from_db()
    assert device.confirmed is True
    assert confirmed.status_code == 200
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", confirmed.content.decode())
    stored = set(
        StaticToken.objects.filter(device__user=centre_admin).values_list("token", flat=True)
    )
    assert len(shown) == RECOVERY_CODE_COUNT == len(stored)
    assert set(shown) == stored
    assert 'href="/test-manager/"' in confirmed.content.decode()
    assert client.get("/test-manager/").status_code == 200
    assert client.get(reverse("two_factor:setup")).status_code == 302  # shown only once

    # Given the next sign-in, without the second factor
    client = signed_in(centre, centre_admin)
    assert client.get("/test-manager/")["Location"] == verify_url("/test-manager/")
    assert client.get(verify_url("/test-manager/")).status_code == 200

    # when they enter the code the app shows 30 seconds later (a code is never used twice)
    response = client.post(
        reverse("two_factor:verify"),
        {"code": code_for(device, steps_ahead=1), "next": "/test-manager/"},
    )

    # then they are where they were going, and may stay there
    assert response.status_code == 302
    assert response["Location"] == "/test-manager/"
    assert client.get("/test-manager/").status_code == 200
    assert TOTPDevice.objects.filter(user=centre_admin).count() == 1


def test_a_code_cannot_be_used_twice(centre, centre_admin):
    device, _codes = with_authenticator(centre_admin)
    code = code_for(device)
    first = signed_in(centre, centre_admin)
    second = signed_in(centre, centre_admin)

    assert first.post(reverse("two_factor:verify"), {"code": code}).status_code == 302
    again = second.post(reverse("two_factor:verify"), {"code": code})

    assert again.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in second.session


def test_set_up_keeps_its_secret_to_the_session_that_began_it(centre, make_user, member_of):
    person = member_of(centre, Role.VOLUNTEER)
    first = signed_in(centre, person)
    second = signed_in(centre, person)

    first.get(reverse("two_factor:setup"))
    first.get(reverse("two_factor:setup"))
    second.get(reverse("two_factor:setup"))

    first_device, second_device = TOTPDevice.objects.filter(user=person).order_by("pk")
    assert first.session["two_factor_pending_device"] == first_device.pk
    assert second.session["two_factor_pending_device"] == second_device.pk
    assert first_device.key != second_device.key
    # A code for the other session's secret does not confirm this session's set-up.
    response = second.post(reverse("two_factor:setup"), {"code": code_for(first_device)})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def test_a_password_alone_cannot_replace_an_authenticator(centre, centre_admin):
    with_authenticator(centre_admin)
    client = signed_in(centre, centre_admin)

    response = client.get(f"{reverse('two_factor:setup')}?next=/staff/")

    assert response.status_code == 302
    assert response["Location"] == verify_url("/staff/")
    assert TOTPDevice.objects.filter(user=centre_admin).count() == 1


def test_verify_without_an_authenticator_sends_to_set_up_keeping_next(centre, centre_admin):
    client = signed_in(centre, centre_admin)

    response = client.get(verify_url("/staff/"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('two_factor:setup')}?next=/staff/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "https://beta.dugnad.test/", "javascript:x"],
)
def test_verify_never_sends_to_another_host(centre, centre_admin, next_url):
    device, _codes = with_authenticator(centre_admin)
    client = signed_in(centre, centre_admin)

    response = client.post(
        reverse("two_factor:verify"), {"code": code_for(device), "next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_codes_are_counted_and_make_the_next_try_wait(centre, centre_admin):
    device, _codes = with_authenticator(centre_admin)
    client = signed_in(centre, centre_admin)

    wrong = client.post(reverse("two_factor:verify"), {"code": "000000"})

    device.refresh_from_db()
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert device.throttling_failure_count == 1

    # Given three wrong codes just now, even the right code must wait four seconds
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=3, throttling_failure_timestamp=timezone.now()
    )
    throttled = client.post(reverse("two_factor:verify"), {"code": code_for(device)})

    assert throttled.status_code == 200
    assert "Too many wrong codes. Wait 4 seconds and try again." in throttled.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_wrong_code_message_is_translated(centre, centre_admin):
    with_authenticator(centre_admin)
    client = signed_in(centre, centre_admin, language="nb")

    response = client.post(reverse("two_factor:verify"), {"code": "000000"})

    assert "Den koden stemmer ikke" in response.content.decode()


# --- Recovery codes ----------------------------------------------------------------------


def test_a_recovery_code_works_once(throwaway_pages, centre, centre_admin):
    _device, codes = with_authenticator(centre_admin)
    first = signed_in(centre, centre_admin)
    second = signed_in(centre, centre_admin)

    used = first.post(
        reverse("two_factor:verify"),
        {"recovery_code": f" {codes[0][:4].upper()}-{codes[0][4:]} ", "next": "/test-manager/"},
    )
    again = second.post(
        reverse("two_factor:verify"), {"recovery_code": codes[0], "next": "/test-manager/"}
    )

    assert used.status_code == 302
    assert used["Location"] == "/test-manager/"
    assert first.get("/test-manager/").status_code == 200
    assert again.status_code == 200
    assert "That recovery code is not valid, or it has already been used." in again.content.decode()
    assert "<details open>" in again.content.decode()
    assert second.get("/test-manager/").status_code == 302
    assert StaticToken.objects.filter(device__user=centre_admin).count() == RECOVERY_CODE_COUNT - 1


def test_new_recovery_codes_need_the_second_factor_and_a_confirmation(centre, volunteer):
    _device, old_codes = with_authenticator(volunteer)
    url = reverse("two_factor:recovery_codes")

    # A volunteer is not asked for the second factor elsewhere, but is here.
    unverified = signed_in(centre, volunteer)
    assert unverified.get(url)["Location"] == verify_url(url)
    assert unverified.post(url, {"confirm": "on"}).status_code == 302

    client = signed_in(centre, volunteer, second_factor=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "You have 10 unused recovery codes." in page.content.decode()
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200
    assert set(
        StaticToken.objects.values_list("token", flat=True).filter(device__user=volunteer)
    ) == (set(old_codes))

    made = client.post(url, {"confirm": "on"})

    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", made.content.decode())
    stored = set(StaticToken.objects.filter(device__user=volunteer).values_list("token", flat=True))
    assert made.status_code == 200
    assert len(shown) == RECOVERY_CODE_COUNT
    assert set(shown) == stored
    assert not stored & set(old_codes)
    assert StaticDevice.objects.filter(user=volunteer).count() == 1


def test_recovery_codes_without_an_authenticator_send_to_set_up(centre, volunteer):
    client = signed_in(centre, volunteer)

    response = client.get(reverse("two_factor:recovery_codes"))

    assert (
        response["Location"]
        == f"{reverse('two_factor:setup')}?next=/account/two-factor/recovery-codes/"
    )


# --- Turning it off ----------------------------------------------------------------------


def test_a_volunteer_may_turn_two_factor_off_with_a_current_code(centre, volunteer):
    device, _codes = with_authenticator(volunteer)
    client = signed_in(centre, volunteer, second_factor=True)
    url = reverse("two_factor:disable")

    without_confirmation = client.post(url, {"code": code_for(device)})
    with_wrong_code = client.post(url, {"confirm": "on", "code": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    turned_off = client.post(url, {"confirm": "on", "code": code_for(device)})

    assert without_confirmation.status_code == 200
    assert with_wrong_code.status_code == 200
    assert turned_off.status_code == 302
    assert not TOTPDevice.objects.filter(user=volunteer).exists()
    assert not StaticDevice.objects.filter(user=volunteer).exists()
    assert "Two-factor authentication is off" in client.get(url).content.decode()


def test_a_centre_manager_may_not_turn_two_factor_off(centre_admin_client, centre_admin):
    device = TOTPDevice.objects.get(user=centre_admin)
    centre_admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = centre_admin_client.post(
        reverse("two_factor:disable"), {"confirm": "on", "code": code_for(device)}
    )

    assert response.status_code == 403
    assert "requires two-factor authentication" in response.content.decode()
    assert TOTPDevice.objects.filter(user=centre_admin).exists()


def test_a_volunteer_who_also_works_for_a_federation_may_not_turn_it_off(centre, volunteer):
    FederationMembership.objects.create(
        user=volunteer,
        federation=Federation.objects.get(slug="test-nfs"),
        role="federation_analyst",
    )
    device, _codes = with_authenticator(volunteer)
    client = signed_in(centre, volunteer, second_factor=True)

    response = client.post(
        reverse("two_factor:disable"), {"confirm": "on", "code": code_for(device)}
    )

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=volunteer).exists()


def test_pages_are_reachable_on_both_hosts(centre_admin_client, federation_client):
    for client in (centre_admin_client, federation_client):
        assert client.get(reverse("two_factor:recovery_codes")).status_code == 200
        assert client.get(reverse("two_factor:disable")).status_code == 200
