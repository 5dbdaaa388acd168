"""Content-Security-Policy, framing and `check --deploy`, on every page of both hosts.

Django adds the request's nonce to the policy only when a page uses it, so a page without
inline scripts gets `script-src 'self'` alone: stricter still. Pages that do use it (the
admin, the two-factor pages' QR code is markup, not script) must carry it on every inline
<script> and <style>, and no page may need 'unsafe-inline': no style="" attributes, no
on…="" handlers, no javascript: links.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.csp import CSP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.models import Centre, CentreStatus
from tests.plugin import host_client, sign_in

ROOT = Path(__file__).resolve().parents[3]
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:"}


def directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


# The one page other sites may show in a frame: the public calendar for embedding
# (tenant_apps.home.views, docs/adr/0014). Every other response denies framing.
FRAMEABLE = {"/embed/calendar/"}


def assert_safe_headers(response) -> dict[str, list[str]]:
    path = response.request["PATH_INFO"]
    policy = directives(response)
    for directive in ("script-src", "style-src"):
        sources = policy[directive]
        assert "'self'" in sources, path
        assert not UNSAFE_SOURCES & set(sources), f"{path}: {directive} {sources}"
        assert all(s == "'self'" or re.fullmatch(r"'nonce-[\w+/=-]{16,}'", s) for s in sources)
    assert policy["default-src"] == ["'self'"], path
    assert policy["object-src"] == ["'none'"], path
    assert policy["base-uri"] == ["'self'"], path
    if path in FRAMEABLE and response.request["REQUEST_METHOD"] == "GET":
        assert policy["frame-ancestors"] == ["*"], path
        assert "X-Frame-Options" not in response.headers, path
    else:
        assert policy["frame-ancestors"] == ["'none'"], path
        assert response.headers.get("X-Frame-Options") == "DENY", path
    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    return policy


class InlineCode(HTMLParser):
    """Every inline script or style, style attribute, event handler and javascript: URL."""

    def __init__(self):
        super().__init__()
        self.script_nonces: list[str | None] = []
        self.style_nonces: list[str | None] = []
        self.violations: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.script_nonces.append(attributes.get("nonce"))
        if tag == "style":
            self.style_nonces.append(attributes.get("nonce"))
        if tag == "link" and attributes.get("rel") == "stylesheet":
            href = attributes.get("href") or ""
            if not href.startswith("/"):
                self.violations.append(f"<link href={href}>")
        for name, value in attrs:
            if name == "style":
                self.violations.append(f"<{tag} style={value!r}>")
            if name.startswith("on"):
                self.violations.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").lower().startswith(
                "javascript:"
            ):
                self.violations.append(f"<{tag} {name}={value}>")


def assert_runs_under_the_policy(response) -> None:
    """What the browser would block: nothing."""
    policy = assert_safe_headers(response)
    parser = InlineCode()
    parser.feed(response.content.decode())
    path = response.request["PATH_INFO"]
    assert parser.violations == [], path
    for directive, nonces in (
        ("script-src", parser.script_nonces),
        ("style-src", parser.style_nonces),
    ):
        for nonce in nonces:
            assert nonce is not None, f"{path}: an inline <{directive[:-4]}> without a nonce"
            assert f"'nonce-{nonce}'" in policy[directive], path


def test_the_policy_is_nonce_based_and_never_unsafe_inline():
    for directive in ("script-src", "style-src"):
        sources = settings.SECURE_CSP[directive]
        assert sources == [CSP.SELF, CSP.NONCE]
    assert settings.SECURE_CSP["frame-ancestors"] == [CSP.NONE]


# --- Every page of both URLconfs ---------------------------------------------------------


def _addresses(urlconf: str) -> list[str]:
    """Every route without parameters (and those with one `int`, as 1)."""
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            pattern = str(entry.pattern)
            if "^" in pattern or "$" in pattern or "(?P" in pattern:
                continue
            pattern = re.sub(r"<int:\w+>", "1", pattern)
            if "<" in pattern:
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + pattern)
            elif isinstance(entry, URLPattern):
                found.append("/" + prefix + pattern)

    walk(get_resolver(urlconf).url_patterns, "")
    return sorted(set(found))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_centre_page_carries_the_headers(centre, centre_admin_client, signed_in):
    client = (
        centre_admin_client
        if signed_in
        else host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    )
    addresses = _addresses(settings.ROOT_URLCONF)
    assert reverse("two_factor:verify") in addresses
    assert_headers_on_every_response(client, addresses)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_platform_page_carries_the_headers(platform_client, federation_client, signed_in):
    client = federation_client if signed_in else platform_client
    addresses = [*_addresses(settings.PUBLIC_SCHEMA_URLCONF), "/admin/", "/no-such-page/"]
    assert_headers_on_every_response(client, addresses)


def assert_headers_on_every_response(client, addresses: list[str]) -> None:
    """GET and an empty POST to each address; signing out comes last."""
    sign_out = reverse("accounts:logout")
    for address in addresses:
        assert_safe_headers(client.get(address))
    for address in [a for a in addresses if a != sign_out] + [sign_out]:
        assert_safe_headers(client.post(address))


def test_pages_the_router_answers_itself_carry_the_headers(centre):
    """Unknown hosts, and suspended or closed centres, never reach a view."""
    unknown = host_client("nowhere.example").get("/")
    assert unknown.status_code == 404
    assert_safe_headers(unknown)

    Centre.objects.filter(pk=centre.pk).update(status=CentreStatus.SUSPENDED)
    suspended = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}").get("/")
    assert suspended.status_code == 403
    assert_safe_headers(suspended)


# --- Pages that must run under the policy, not just carry it ----------------------------


def test_two_factor_pages_run_under_the_policy(centre, member_of):
    person = member_of(centre, "centre_admin")
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), person, second_factor=False
    )

    setup = client.get(reverse("two_factor:setup"))
    wrong = client.post(reverse("two_factor:setup"), {"code": "000000"})
    assert b"<svg" in setup.content
    for response in (setup, wrong):
        assert response.status_code == 200
        assert_runs_under_the_policy(response)

    TOTPDevice.objects.filter(user=person).update(confirmed=True, throttling_failure_count=0)
    client = sign_in(
        host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), person, second_factor=False
    )
    verify = client.get(reverse("two_factor:verify"))
    assert verify.status_code == 200
    assert_runs_under_the_policy(verify)

    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), person)
    for name in ("two_factor:recovery_codes", "two_factor:disable"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert_runs_under_the_policy(response)
    codes = client.post(reverse("two_factor:recovery_codes"), {"confirm": "on"})
    assert codes.status_code == 200
    assert_runs_under_the_policy(codes)


@pytest.mark.parametrize(
    "address",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/tenants/centre/",
        "/admin/password_change/",
    ],
)
def test_django_admin_runs_under_the_policy(operator_client, address):
    response = operator_client.get(address)

    assert response.status_code == 200, address
    policy = directives(response)
    assert any(source.startswith("'nonce-") for source in policy["script-src"]), address
    assert_runs_under_the_policy(response)


def test_the_admin_sign_in_page_runs_under_the_policy(platform_client):
    response = platform_client.get("/admin/login/")

    assert response.status_code == 200
    assert_runs_under_the_policy(response)


# --- manage.py check --deploy -----------------------------------------------------------


def test_check_deploy_is_clean_with_the_production_settings():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(45)[:60],
        "PLATFORM_DOMAIN": "dugnad.example",
        "REDIS_URL": "redis://127.0.0.1:6379/13",  # production requires it (docs/adr/0019)
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "DEBUG"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=180,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
