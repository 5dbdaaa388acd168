"""Error reports leave without personal data, tagged with the centre they happened in.

Sentry runs for real here (the SDK, its Django and logging integrations, our scrubber); only
the transport is ours, so the test reads exactly the bytes that would go to Sentry.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
import sentry_sdk
from django.conf import settings
from sentry_sdk.transport import Transport

from config.sentry import scrub_event, scrub_text, sentry_init
from shared_apps.accounts.services import invitation_send
from tests.plugin import host_client

NAME = "Kari Nordmann"
EMAIL = "kari.nordmann@example.no"
PHONE = "+47 912 34 567"
LINK = re.compile(r"/account/invitation/([A-Za-z0-9_-]+)/")


class CapturingTransport(Transport):
    """Keeps each envelope's bytes instead of sending them."""

    def __init__(self, options=None):
        super().__init__(options)
        self.sent: list[bytes] = []

    def capture_envelope(self, envelope):
        self.sent.append(envelope.serialize())


@pytest.fixture
def sentry_events():
    transport = CapturingTransport()
    sentry_init(
        dsn="https://public@sentry.invalid/1",
        environment="test",
        release="dugnad@test",
        traces_sample_rate=0.0,
        transport=transport,
    )
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: Sentry is off again for the rest of the run


def events(transport) -> list[dict]:
    found = []
    for raw in transport.sent:
        for line in raw.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and "exception" in item:
                found.append(item)
    return found


def test_an_error_report_carries_no_personal_data_and_names_the_centre(
    sentry_events, centre, centre_admin, django_capture_on_commit_callbacks, mailoutbox
):
    host = f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            invited_by=centre_admin,
            email=EMAIL,
            role="volunteer",
            host=host,
            centre=centre,
            language="en",
        )
    token = LINK.search(mailoutbox[-1].body).group(1)
    client = host_client(host)
    client.raise_request_exception = False
    failure = RuntimeError("the account could not be saved")

    # The view's locals hold the token, the invitation (with the e-mail) and the form (name,
    # phone); the request's body and query string hold them too.
    with mock.patch("shared_apps.accounts.views.accept_invitation", side_effect=failure):
        response = client.post(
            f"/account/invitation/{token}/?phone={PHONE}&email={EMAIL}",
            {
                "full_name": NAME,
                "phone": PHONE,
                "email": EMAIL,
                "password1": "a-long-and-new-secret-7",
                "password2": "a-long-and-new-secret-7",
            },
            HTTP_COOKIE=f"note={NAME}",
        )
    assert response.status_code == 500

    sentry_sdk.flush()
    (event,) = events(sentry_events)
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["centre_schema"] == centre.schema_name
    assert event["tags"]["federation"] == centre.federation.slug
    assert event["environment"] == "test"
    assert event["release"] == "dugnad@test"
    sent = b"".join(sentry_events.sent).decode()
    for secret in (token, EMAIL, PHONE, "912 34 567", "Kari", "Nordmann"):
        assert secret not in sent, f"{secret!r} went to Sentry"


def test_a_logged_error_is_scrubbed_too(sentry_events, caplog):
    import logging

    logging.getLogger("dugnad.test").error(
        "Could not send to %s at %s", EMAIL, PHONE, extra={"person": NAME}
    )
    sentry_sdk.flush()
    sent = b"".join(sentry_events.sent).decode()
    assert "Could not send to" in sent
    for secret in (EMAIL, PHONE, NAME):
        assert secret not in sent


SETTINGS_PROBE = (
    "import django, sentry_sdk; django.setup(); "
    "client = sentry_sdk.get_client(); "
    "print(client.is_active(), client.options['environment'], client.options['release'])"
)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SENTRY_DSN": ""}, "False"),
        (
            {"SENTRY_DSN": "https://public@sentry.invalid/1", "SENTRY_RELEASE": "dugnad@1.2"},
            "True test dugnad@1.2",
        ),
    ],
)
def test_the_settings_start_sentry_only_with_a_dsn(environment, expected):
    """An integration that is not configured is off, never half-on."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Never used: the probe only imports the settings, it opens no connection.
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        env=env,
        cwd=settings.BASE_DIR / "platform",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().startswith(expected)


def test_a_request_url_keeps_its_path_without_secrets_or_query():
    event = scrub_event(
        {
            "request": {
                "method": "GET",
                "url": "https://alpha.dugnad.test/account/invitation/abcDEF1234567890xyz/",
                "query_string": f"email={EMAIL}",
                "data": {"full_name": NAME},
                "cookies": {"sessionid": "x"},
                "headers": {"Cookie": "sessionid=x", "User-Agent": "Firefox"},
                "env": {"REMOTE_ADDR": "10.0.0.1"},
            },
            "user": {"email": EMAIL},
            "extra": {"person": NAME},
        }
    )
    assert event["request"] == {
        "method": "GET",
        "url": "https://alpha.dugnad.test/account/invitation/[filtered]/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert "user" not in event and "extra" not in event


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bad Request: /account/invitation/abcDEF123_-xyz/",
            "Bad Request: /account/invitation/[filtered]/",
        ),
        (
            "GET /account/password-reset/MQ/c9x-1234abcd/",
            "GET /account/password-reset/[filtered]/",
        ),
        ("mail to ola@example.no failed", "mail to [filtered] failed"),
        ("call 912 34 567 now", "call [filtered] now"),
        ("order 42 of 2026", "order 42 of 2026"),
    ],
)
def test_scrub_text(text, expected):
    assert scrub_text(text) == expected
