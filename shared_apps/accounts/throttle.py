"""A per-account throttle on signing in, from every address together, beside django-axes'
lockout per account *and* address.

django-axes stops one address after 5 wrong passwords, but someone guessing one person's
password from many addresses is not slowed by it. Here the failures of an account (the
e-mail address typed, lower-cased, whether an account exists or not, so the answer tells
nothing) are counted over all addresses: the first SIGN_IN_THROTTLE_FREE_FAILURES are free,
after that each attempt must wait twice as long as the one before (1 s, 2 s, 4 s … at most
SIGN_IN_THROTTLE_MAX_DELAY). An attempt made too early is refused without counting.

Never a lockout that a stranger can cause on purpose: the delay is bounded, a browser in
which the person has signed in before (a signed cookie, KNOWN_BROWSER_COOKIE) is not
throttled at all, a successful sign-in starts the count again, and so does a new password.

The state is in the shared schema (SignInThrottle): accounts are shared, and every
application server sees the same count.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shared_apps.accounts.models import SignInThrottle

KNOWN_BROWSER_COOKIE = "dugnad_known_browser"
KNOWN_BROWSER_SALT = "dugnad.accounts.known-browser"
KNOWN_BROWSER_AGE = timedelta(days=90)
# Set on the request when an attempt was refused for being too early (the form says so).
WAIT_ATTRIBUTE = "account_throttle_wait"


def _email(value: str | None) -> str:
    return (value or "").strip().lower()[:254]


def wait_seconds(*, email: str, now: datetime | None = None) -> int:
    """How many seconds the next attempt for this e-mail address must wait (0: none)."""
    now = now or timezone.now()
    row = SignInThrottle.objects.filter(email=_email(email)).first()
    if row is None or row.last_failure_at < now - settings.SIGN_IN_THROTTLE_WINDOW:
        return 0
    beyond = row.failures - settings.SIGN_IN_THROTTLE_FREE_FAILURES
    if beyond < 0:
        return 0
    longest = settings.SIGN_IN_THROTTLE_MAX_DELAY.total_seconds()
    delay = longest if beyond >= 32 else min(float(2**beyond), longest)
    remaining = (row.last_failure_at - now).total_seconds() + delay
    return max(0, math.ceil(remaining))


def failure_record(*, email: str, now: datetime | None = None) -> None:
    """Count a wrong password for this e-mail address (failures long ago are forgotten)."""
    now = now or timezone.now()
    email = _email(email)
    if not email:
        return
    with transaction.atomic():
        row, created = SignInThrottle.objects.select_for_update().get_or_create(
            email=email, defaults={"failures": 1, "last_failure_at": now}
        )
        if created:
            return
        if row.last_failure_at < now - settings.SIGN_IN_THROTTLE_WINDOW:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        row.save(update_fields=["failures", "last_failure_at"])


def count_reset(*, email: str) -> None:
    """Start the count again (a successful sign-in, a new password)."""
    SignInThrottle.objects.filter(email=_email(email)).delete()


def known_browser_value(*, email: str) -> str:
    return signing.dumps(_email(email), salt=KNOWN_BROWSER_SALT)


def is_known_browser(request, email: str) -> bool:
    """Whether this browser has signed in to this account before (its signed cookie)."""
    value = getattr(request, "COOKIES", {}).get(KNOWN_BROWSER_COOKIE)
    if not value:
        return False
    try:
        signed = signing.loads(
            value, salt=KNOWN_BROWSER_SALT, max_age=KNOWN_BROWSER_AGE.total_seconds()
        )
    except signing.BadSignature:
        return False
    return signed == _email(email)


class AccountThrottleBackend:
    """In AUTHENTICATION_BACKENDS after django-axes: refuses an attempt that comes too early
    for its account (PermissionDenied stops Django trying the other backends); otherwise
    lets the next backend check the password. Like axes' backend it has no get_user(), so
    no session is ever made with it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or is_known_browser(request, username):
            return None
        wait = wait_seconds(email=username)
        if wait:
            setattr(request, WAIT_ATTRIBUTE, wait)
            raise PermissionDenied
        return None


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """user_login_failed: count it, unless it was refused for being early or came from a
    browser the person uses."""
    if request is not None and getattr(request, WAIT_ATTRIBUTE, 0):
        return
    email = credentials.get("username") or credentials.get("email")
    if not email or (request is not None and is_known_browser(request, email)):
        return
    failure_record(email=email)


def on_signed_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: the count starts again."""
    count_reset(email=user.email)
