"""The bench's people, signed in: a coordinator and an API token at every bench centre, a
municipality officer for each municipality with a bench centre, the federation's admin; and
for the fixed-schema baseline as many coordinators and tokens again, all at the first
centre, so that both configurations serve the same number of people and API clients (a
session or a token used by one client only is warmer, and its "last used" is written less
often: that difference is not the cost of tenancy).

Sessions are written the way the sign-in page leaves them after the second factor (user,
backend, host the session is bound to, the TOTP device that was verified), so the server
treats them exactly as a signed-in browser's. Users, memberships and devices are made once
and reused; sessions and tokens are made anew on every run (the bench database only).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

EMAIL_PREFIX = "bench-load-"
TOKEN_NAME = "bench/load"


@dataclass(frozen=True)
class CentreAccess:
    schema: str
    host: str
    coordinator_cookie: str  # "<name>=<value>"
    token: str


@dataclass(frozen=True)
class BenchAccess:
    centres: list[CentreAccess]
    federation_cookie: str
    municipality_cookies: list[str]
    # The fixed-schema baseline's people: all at centres[0], on its host.
    fixed_centre: list[CentreAccess]


def _users(emails: list[str]) -> dict[str, object]:
    """The users with these e-mail addresses, made (with a confirmed TOTP device) if new."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.models import User

    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=email, full_name=email.split("@")[0], password=unusable)
            for email in emails
            if email not in existing
        ]
    )
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    with_device = set(
        TOTPDevice.objects.filter(user__in=users.values(), confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(user=user, name="bench", confirmed=True)
            for user in users.values()
            if user.pk not in with_device
        ]
    )
    return users


def _sessions(pairs: list[tuple[object, str]]) -> list[str]:
    """One signed-in session (second factor passed) per (user, host); the cookies."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.sessions import SESSION_HOST_KEY

    devices = {
        device.user_id: device
        for device in TOTPDevice.objects.filter(
            user_id__in=[user.pk for user, _host in pairs], confirmed=True
        ).order_by("pk")
    }
    store = SessionStore()
    expires = timezone.now() + datetime.timedelta(days=1)
    rows, cookies = [], []
    for user, host in pairs:
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            SESSION_HOST_KEY: host,
            DEVICE_ID_SESSION_KEY: devices[user.pk].persistent_id,
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={key}")
    Session.objects.bulk_create(rows, batch_size=500)
    return cookies


def _coordinators_with_tokens(centres, hosts, emails: list[str]) -> list[tuple[str, str]]:
    """A coordinator per (centre, e-mail) with an API token at that centre and a session on
    its host: their (cookie, token) pairs."""
    from shared_apps.accounts.api_auth import hash_key
    from shared_apps.accounts.models import ApiToken, CentreMembership

    users = _users(emails)
    CentreMembership.objects.bulk_create(
        [
            CentreMembership(user=users[email], centre=centre, role="coordinator")
            for centre, email in zip(centres, emails, strict=True)
        ],
        ignore_conflicts=True,
    )
    keys = [secrets.token_urlsafe(32) for _centre in centres]
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user=users[email],
                centre=centre,
                name=TOKEN_NAME,
                key_prefix=key[:8],
                key_hash=hash_key(key),
            )
            for centre, email, key in zip(centres, emails, keys, strict=True)
        ]
    )
    cookies = _sessions(
        [(users[email], hosts[centre.pk]) for centre, email in zip(centres, emails, strict=True)]
    )
    return list(zip(cookies, keys, strict=True))


def bench_access(*, federation_slug: str, centre_slug_prefix: str) -> BenchAccess:
    from django.conf import settings
    from django.contrib.sessions.models import Session

    from shared_apps.accounts.models import ApiToken, FederationMembership, MunicipalityViewer
    from tenants.models import Centre, Domain, Federation

    federation = Federation.objects.get(slug=federation_slug)
    centres = list(
        Centre.objects.filter(federation=federation, slug__startswith=centre_slug_prefix)
        .select_related("municipality")
        .order_by("slug")
    )
    hosts = dict(
        Domain.objects.filter(tenant__in=centres, is_primary=True).values_list(
            "tenant_id", "domain"
        )
    )
    Session.objects.all().delete()  # the bench database's: earlier runs' sessions

    ApiToken.objects.filter(name=TOKEN_NAME).delete()
    people = _coordinators_with_tokens(
        centres, hosts, [f"{EMAIL_PREFIX}{centre.slug}@example.org" for centre in centres]
    )
    fixed_people = _coordinators_with_tokens(
        [centres[0]] * len(centres),
        hosts,
        [f"{EMAIL_PREFIX}fixed-{number}@example.org" for number in range(len(centres))],
    )

    municipalities = sorted({c.municipality_id for c in centres if c.municipality_id})
    officers = _users([f"{EMAIL_PREFIX}municipality-{pk}@example.org" for pk in municipalities])
    MunicipalityViewer.objects.bulk_create(
        [
            MunicipalityViewer(
                user=officers[f"{EMAIL_PREFIX}municipality-{pk}@example.org"], municipality_id=pk
            )
            for pk in municipalities
        ],
        ignore_conflicts=True,
    )
    municipality_cookies = _sessions(
        [
            (officers[f"{EMAIL_PREFIX}municipality-{pk}@example.org"], settings.PLATFORM_DOMAIN)
            for pk in municipalities
        ]
    )

    admin = _users([f"{EMAIL_PREFIX}federation-admin@example.org"])
    admin_user = next(iter(admin.values()))
    FederationMembership.objects.get_or_create(
        user=admin_user, federation=federation, defaults={"role": "federation_admin"}
    )
    (federation_cookie,) = _sessions([(admin_user, settings.PLATFORM_DOMAIN)])

    return BenchAccess(
        centres=[
            CentreAccess(
                schema=centre.schema_name,
                host=hosts[centre.pk],
                coordinator_cookie=cookie,
                token=key,
            )
            for centre, (cookie, key) in zip(centres, people, strict=True)
        ],
        federation_cookie=federation_cookie,
        municipality_cookies=municipality_cookies,
        fixed_centre=[
            CentreAccess(
                schema=centres[0].schema_name,
                host=hosts[centres[0].pk],
                coordinator_cookie=cookie,
                token=key,
            )
            for cookie, key in fixed_people
        ],
    )
