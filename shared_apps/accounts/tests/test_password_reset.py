"""Password reset: the e-mailed link points at the host the request came from, in the
person's language, and works once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from tests.plugin import host_client

LINK = re.compile(r"(https?)://([^/\s]+)(/account/password-reset/[^\s\"<]+/)")


def reset_link(message) -> tuple[str, str, str]:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1), match.group(2), match.group(3)


@pytest.mark.parametrize("port", ["", ":8000"])
def test_the_link_points_at_the_centre_host_the_request_came_from(
    centre, volunteer, mailoutbox, port
):
    host = f"{centre.slug}.{settings.PLATFORM_DOMAIN}{port}"
    client = host_client(host)

    response = client.post("/account/password-reset/", {"email": volunteer.email})

    assert response.status_code == 302
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [volunteer.email]
    scheme, link_host, _path = reset_link(message)
    assert (scheme, link_host) == ("http", host)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"http://{host}/account/password-reset/" in html


def test_the_link_points_at_the_platform_host_when_asked_there(municipality_viewer, mailoutbox):
    client = host_client(settings.PLATFORM_DOMAIN)

    client.post("/account/password-reset/", {"email": municipality_viewer.email})

    _scheme, link_host, _path = reset_link(mailoutbox[0])
    assert link_host == settings.PLATFORM_DOMAIN


def test_reset_end_to_end_on_a_centre_host(centre, volunteer, mailoutbox):
    client = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    client.post("/account/password-reset/", {"email": volunteer.email.upper()})
    _scheme, _host, path = reset_link(mailoutbox[0])

    opened = client.get(path)
    assert opened.status_code == 302  # Django moves the token out of the address
    form_page = client.get(opened["Location"])
    assert form_page.status_code == 200
    assert 'autocomplete="new-password"' in form_page.text
    saved = client.post(
        opened["Location"],
        {"new_password1": "a-brand-new-secret-42", "new_password2": "a-brand-new-secret-42"},
    )
    assert saved.status_code == 302
    assert saved["Location"] == "/account/password-reset/done/"
    assert client.get(saved["Location"]).status_code == 200

    volunteer.refresh_from_db()
    assert volunteer.check_password("a-brand-new-secret-42")
    signed_in = client.post(
        "/account/login/", {"username": volunteer.email, "password": "a-brand-new-secret-42"}
    )
    assert signed_in.status_code == 302
    assert client.session[SESSION_KEY] == str(volunteer.pk)

    # The link works once.
    again = host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}")
    again.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    reused = again.get(path, follow=True)
    assert "This link does not work any more" in reused.text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(centre_client, mailoutbox):
    response = centre_client.post("/account/password-reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/account/password-reset/sent/"
    assert mailoutbox == []


def test_the_mail_is_in_the_persons_own_language(centre_client, volunteer, mailoutbox):
    volunteer.preferred_language = "da"
    volunteer.save()

    centre_client.post("/account/password-reset/", {"email": volunteer.email})

    message = mailoutbox[0]
    assert message.subject == "Vælg en ny adgangskode til Dugnad"
    assert "Åbn dette link for at vælge en ny adgangskode:" in message.body


def test_the_mail_uses_the_pages_language_when_the_person_chose_none(
    centre_client, volunteer, mailoutbox
):
    # alpha's federation speaks Norwegian Bokmål
    centre_client.post("/account/password-reset/", {"email": volunteer.email})

    assert mailoutbox[0].subject == "Velg et nytt passord for Dugnad"


def test_the_pages_are_translated(centre_client):
    page = centre_client.get("/account/password-reset/")

    assert '<html lang="nb">' in page.text
    assert "Tilbakestill passordet ditt" in page.text
