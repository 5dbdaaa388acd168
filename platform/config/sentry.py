"""Error reporting with Sentry: on when SENTRY_DSN is set, off (and never half-on) otherwise.

No personal data leaves in an event. `send_default_pii=False` keeps Sentry from adding
the user, cookies and addresses itself; on top of that every event and breadcrumb goes
through `scrub_event`/`scrub_breadcrumb` before it is sent:

- the request keeps its method, its path with secret segments masked (invitation,
  password-reset and calendar-feed tokens) and a few harmless headers; its body, query
  string, cookies and environment are dropped;
- stack frames keep file, function and line, never their local variables;
- free text (exception messages, log messages, breadcrumbs) has e-mail addresses, phone
  numbers and long token-like strings replaced; SQL breadcrumbs lose their parameters;
- `extra` and `user` are dropped.

A name can only reach an event inside free text; the code's convention is that exception
and log messages never carry names (tests/test_sentry.py checks a view whose locals and
request hold them). Each event is tagged with the centre's schema and federation, read
from the database connection at the moment of capture (django-tenants sets the tenant on
it for a request and for a task that entered a centre).
"""

from __future__ import annotations

import re
from typing import Any

SAFE_HEADERS = frozenset({"host", "user-agent", "content-type", "accept", "accept-language"})
MASK = "[filtered]"

# Paths whose segments after a known prefix are secrets.
_SECRET_PATHS = (
    re.compile(r"(/account/invitation/)[^/?#\s]+"),
    re.compile(r"(/account/password-reset/)(?!sent/|done/)[^/?#\s]+/[^/?#\s]+"),
    re.compile(r"(/feed/)[^/?#\s]+"),
    re.compile(r"(/calendar/)[A-Za-z0-9_\-]{16,}"),
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A phone number: a + or a digit, then at least seven more digits with spaces, dots or dashes.
_PHONE = re.compile(r"(?<![\w/])\+?\d(?:[\s.\-]?\d){7,14}(?![\w/])")
# Tokens: long runs of URL-safe characters with at least one digit and one letter.
_TOKEN = re.compile(r"\b(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{24,}\b")


def scrub_text(text: str) -> str:
    """The text with secret URL segments, e-mail addresses, phone numbers and tokens masked."""
    for pattern in _SECRET_PATHS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    text = _EMAIL.sub(MASK, text)
    text = _TOKEN.sub(MASK, text)
    return _PHONE.sub(MASK, text)


def _scrub_request(request: dict) -> dict:
    headers = request.get("headers") or {}
    return {
        "method": request.get("method"),
        "url": scrub_text(request.get("url") or ""),
        "headers": {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS},
    }


def _scrub_frames(container: dict | None) -> None:
    for frame in (container or {}).get("frames") or []:
        frame.pop("vars", None)


def scrub_event(event: dict[str, Any], hint: dict | None = None) -> dict[str, Any]:
    """before_send: the event without personal data, tagged with the centre it happened in."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    event.pop("user", None)
    event.pop("extra", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = scrub_text(exception["value"])
        _scrub_frames(exception.get("stacktrace"))
    for thread in (event.get("threads") or {}).get("values") or []:
        _scrub_frames(thread.get("stacktrace"))
    logentry = event.get("logentry")
    if logentry:
        logentry.pop("params", None)
        for key in ("message", "formatted"):
            if isinstance(logentry.get(key), str):
                logentry[key] = scrub_text(logentry[key])
    if isinstance(event.get("message"), str):
        event["message"] = scrub_text(event["message"])
    if isinstance(event.get("transaction"), str):
        event["transaction"] = scrub_text(event["transaction"])
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values") if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        scrub_breadcrumb(crumb)
    event.setdefault("tags", {}).update(centre_tags())
    return event


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict | None = None) -> dict[str, Any]:
    """before_breadcrumb: messages masked; data kept only for HTTP status and method."""
    if isinstance(crumb.get("message"), str):
        crumb["message"] = scrub_text(crumb["message"])
    data = crumb.get("data") or {}
    crumb["data"] = {key: data[key] for key in ("status_code", "method") if key in data}
    return crumb


def centre_tags() -> dict[str, str]:
    """The centre's schema and federation the current connection works in, if any."""
    from django.db import connection

    schema = getattr(connection, "schema_name", None)
    tags = {"centre_schema": schema} if schema else {}
    centre = getattr(connection, "tenant", None)
    federation_field = getattr(getattr(centre, "_meta", None), "get_field", None)
    if centre is not None and federation_field is not None:
        field = federation_field("federation")
        # Never a query here: the event may be captured inside a failed transaction.
        if field.is_cached(centre):
            tags["federation"] = centre.federation.slug
        elif getattr(centre, "federation_id", None) is not None:
            tags["federation"] = str(centre.federation_id)
    return tags


def sentry_init(
    *,
    dsn: str,
    environment: str,
    release: str | None,
    traces_sample_rate: float,
    transport: Any = None,
) -> bool:
    """Start Sentry when a DSN is given; returns whether it is on."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment,
        "release": release,
        "traces_sample_rate": traces_sample_rate,
        # What the SDK collects by itself: no user, cookies, bodies, query strings, SQL
        # parameters or local variables; headers only from an allow-list.
        "data_collection": {
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
            "gen_ai": {"inputs": False, "outputs": False},
        },
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "before_send_transaction": scrub_event,
        "before_breadcrumb": scrub_breadcrumb,
        # Django's tasks framework (django.tasks) is covered by the Django integration.
        "integrations": [DjangoIntegration(), LoggingIntegration()],
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
    return True
