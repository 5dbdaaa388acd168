"""The per-account throttle: guessing one person's password from many addresses slows down
exponentially, while the person's own browser, a successful sign-in and a new password keep a
stranger from locking them out."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.test import RequestFactory
from django.utils import timezone

from shared_apps.accounts.models import SignInThrottle
from shared_apps.accounts.throttle import KNOWN_BROWSER_COOKIE, wait_seconds
from tests.plugin import clock_at, host_client

PASSWORD = "demo-password-1"


def attempt(email: str, password: str, *, address: str, cookies: dict | None = None):
    request = RequestFactory().post(
        "/account/login/", REMOTE_ADDR=address, HTTP_HOST=settings.PLATFORM_DOMAIN
    )
    request.centre = request.tenant = None
    request.COOKIES.update(cookies or {})
    return authenticate(request, username=email, password=password), request


def fail_from_many_addresses(email: str, times: int) -> None:
    for number in range(times):
        user, _request = attempt(email, "wrong", address=f"198.51.100.{number + 1}")
        assert user is None


def test_guessing_from_many_addresses_waits_longer_each_time(stopped_clock, make_user):
    person = make_user(password=PASSWORD)
    free = settings.SIGN_IN_THROTTLE_FREE_FAILURES
    fail_from_many_addresses(person.email, free)

    # From yet another address, at once: refused even with the right password, not counted.
    user, request = attempt(person.email, PASSWORD, address="203.0.113.1")
    assert user is None and request.account_throttle_wait == 1
    assert SignInThrottle.objects.get(email=person.email).failures == free

    waits = []
    moment = stopped_clock
    for number in range(4):
        moment += timedelta(seconds=wait_seconds(email=person.email, now=moment))
        with clock_at(moment):
            attempt(person.email, "wrong", address=f"203.0.113.{10 + number}")
            waits.append(wait_seconds(email=person.email))
    assert waits == [2, 4, 8, 16]


def test_the_wait_never_exceeds_fifteen_minutes(stopped_clock, make_user):
    person = make_user(password=PASSWORD)
    SignInThrottle.objects.create(email=person.email, failures=500, last_failure_at=stopped_clock)

    assert wait_seconds(email=person.email) == 15 * 60
    with clock_at(stopped_clock + timedelta(minutes=15, seconds=1)):
        user, _request = attempt(person.email, PASSWORD, address="203.0.113.9")
    assert user == person


def test_the_persons_own_browser_is_never_throttled(centre, member_of):
    person = member_of(centre, "volunteer", password=PASSWORD)
    own = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    own.post("/account/login/", {"username": person.email, "password": PASSWORD})
    assert KNOWN_BROWSER_COOKIE in own.cookies
    own.post("/account/logout/")

    fail_from_many_addresses(person.email, settings.SIGN_IN_THROTTLE_FREE_FAILURES + 3)
    assert wait_seconds(email=person.email) > 0

    own.post("/account/login/", {"username": person.email, "password": PASSWORD})
    assert own.session[SESSION_KEY] == str(person.pk)


def test_a_stranger_is_told_to_wait_in_the_persons_language(centre, member_of):
    person = member_of(centre, "volunteer", password=PASSWORD)
    fail_from_many_addresses(person.email, settings.SIGN_IN_THROTTLE_FREE_FAILURES)
    stranger = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    stranger.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    response = stranger.post("/account/login/", {"username": person.email, "password": PASSWORD})

    assert SESSION_KEY not in stranger.session
    assert "Det har vært mange mislykkede innlogginger" in response.text


def test_an_address_without_an_account_is_throttled_the_same_way(db, stopped_clock):
    email = "nobody-here@example.org"
    fail_from_many_addresses(email, settings.SIGN_IN_THROTTLE_FREE_FAILURES)

    _user, request = attempt(email, "anything", address="203.0.113.3")

    assert request.account_throttle_wait == 1


def test_a_successful_sign_in_and_a_new_password_start_the_count_again(stopped_clock, make_user):
    person = make_user(password=PASSWORD)
    fail_from_many_addresses(person.email, 4)
    user, _request = attempt(person.email, PASSWORD, address="203.0.113.4")
    assert user == person
    client = host_client(settings.PLATFORM_DOMAIN)
    client.post("/account/login/", {"username": person.email, "password": PASSWORD})
    assert not SignInThrottle.objects.filter(email=person.email).exists()

    fail_from_many_addresses(person.email, settings.SIGN_IN_THROTTLE_FREE_FAILURES + 2)
    person.set_password("a-new-one-after-reset-5")
    person.save()

    assert wait_seconds(email=person.email) == 0


def test_failures_of_a_day_ago_are_forgotten(stopped_clock, make_user):
    person = make_user(password=PASSWORD)
    SignInThrottle.objects.create(
        email=person.email,
        failures=40,
        last_failure_at=timezone.now() - settings.SIGN_IN_THROTTLE_WINDOW - timedelta(seconds=1),
    )

    assert wait_seconds(email=person.email) == 0
    attempt(person.email, "wrong", address="203.0.113.5")
    assert SignInThrottle.objects.get(email=person.email).failures == 1
