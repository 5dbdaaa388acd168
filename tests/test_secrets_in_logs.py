"""Addresses that are keys (invitation, password reset, calendar feed) never reach a log line
or an error report: the requests that get logged (wrong host, someone else signed in, 404,
unknown host, 500) are made for real and the configured handlers' output is read back."""

from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from shared_apps.accounts.services import invitation_send
from tests.plugin import host_client, sign_in
from toolkit.log_masking import mask_secrets

LINK = re.compile(r"/account/invitation/([A-Za-z0-9_-]+)/")


@contextmanager
def written_log():
    """What the configured console handler writes meanwhile (settings.LOGGING)."""
    (console,) = [
        handler for handler in logging.getLogger().handlers if handler.get_name() == "console"
    ]
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        yield stream
    finally:
        console.setStream(previous)


@pytest.fixture
def invitation_token(centre, centre_admin, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            invited_by=centre_admin,
            email="newcomer@example.org",
            role="volunteer",
            host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
            language="en",
            centre=centre,
        )
    return LINK.search(mailoutbox[-1].body).group(1)


def test_an_invitation_opened_on_the_wrong_host_is_logged_without_its_token(
    other_centre_client, invitation_token
):
    with written_log() as log:
        response = other_centre_client.get(f"/account/invitation/{invitation_token}/")

    assert response.status_code == 400
    assert "Bad Request: /account/invitation/…/" in log.getvalue()
    assert invitation_token not in log.getvalue()


def test_an_invitation_posted_by_another_signed_in_person_is_logged_without_its_token(
    centre, member_of, invitation_token, make_user
):
    make_user(email="newcomer@example.org")  # the invitee has an account
    someone_else = member_of(centre, "volunteer")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), someone_else)

    with written_log() as log:
        response = client.post(f"/account/invitation/{invitation_token}/")

    assert response.status_code == 403
    assert "/account/invitation/…/" in log.getvalue()
    assert invitation_token not in log.getvalue()


def test_an_unknown_invitation_and_calendar_feed_are_logged_without_the_guess(centre_client):
    with written_log() as log:
        invitation = centre_client.get("/account/invitation/guessed-token-123/")
        feed = centre_client.get("/activities/calendar/volunteer/guessed-feed-456.ics")

    assert invitation.status_code == feed.status_code == 404
    text = log.getvalue()
    assert "Not Found: /account/invitation/…/" in text
    assert "Not Found: /activities/calendar/volunteer/….ics" in text
    assert "guessed-token-123" not in text and "guessed-feed-456" not in text


def test_a_password_reset_link_on_an_unknown_host_is_logged_without_its_token(volunteer):
    uid = urlsafe_base64_encode(force_bytes(volunteer.pk))
    reset_token = default_token_generator.make_token(volunteer)
    client = host_client(f"no-such-centre.{settings.PLATFORM_DOMAIN}")

    with written_log() as log:
        response = client.get(f"/account/password-reset/{uid}/{reset_token}/")

    assert response.status_code == 404
    assert "/account/password-reset/…/" in log.getvalue()
    assert reset_token not in log.getvalue()


def test_the_development_servers_request_lines_are_masked(invitation_token):
    with written_log() as log:
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"GET /account/invitation/{invitation_token}/ HTTP/1.1", 200, 1234
        )

    assert "GET /account/invitation/…/ HTTP/1.1" in log.getvalue()
    assert invitation_token not in log.getvalue()


def test_an_error_report_carries_neither_the_address_nor_the_token(
    centre, invitation_token, monkeypatch, mailoutbox, settings
):
    settings.ADMINS = ["ops@example.org"]
    mailoutbox.clear()
    # With the HTML report too: it lists every frame's local variables (the view's `token`).
    (mail_admins,) = [
        handler
        for handler in logging.getLogger("django").handlers
        if handler.get_name() == "mail_admins"
    ]
    monkeypatch.setattr(mail_admins, "include_html", True)

    def broken(email):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("shared_apps.accounts.views.account_for_email", broken)
    client = Client(
        HTTP_HOST=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
        HTTP_REFERER=f"https://alpha.example/account/invitation/{invitation_token}/",
        raise_request_exception=False,
    )

    with written_log() as log:
        response = client.get(f"/account/invitation/{invitation_token}/")

    assert response.status_code == 500
    (report,) = [message for message in mailoutbox if message.to == ["ops@example.org"]]
    html = report.alternatives[0].content
    assert "the database went away" in html
    for text in (report.subject, report.body, html, log.getvalue()):
        assert invitation_token not in text
    assert "/account/invitation/…/" in report.subject + report.body


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("/account/invitation/abc_DEF-1/", "/account/invitation/…/"),
        ("/account/password-reset/MQ/c4z-0123abcd/", "/account/password-reset/…/"),
        ("/account/password-reset/sent/", "/account/password-reset/sent/"),
        ("/activities/calendar/activity/Zz9_-x.ics", "/activities/calendar/activity/….ics"),
        ("/activities/calendar/my/", "/activities/calendar/my/"),
    ],
)
def test_what_is_masked_and_what_is_not(address, shown):
    assert mask_secrets(f"GET {address} HTTP/1.1") == f"GET {shown} HTTP/1.1"
