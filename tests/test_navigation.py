"""One navigation per host, on every page: every role crawls every page it may open (the
canary crawl, which starts from every route of the URLconf and follows links) and each
HTML page must carry that host's menu for the role (`data-menu="…"`), inside a page with
header, main (with an h1) and footer. Error pages keep the landmarks and a way back."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import RequestFactory

from config.error_views import server_error
from shared_apps.statistics.pipeline import statistics_update
from tests.plugin import host_client, in_english, sign_in
from tests.test_isolation_canary import crawl, seed_centre, start_urls

# Pages with a layout of their own: Django's admin, the API's documentation and the public
# calendar made to sit in another site's <iframe> (tenant_apps.home, no menu by design).
OWN_LAYOUT = ("/admin/", "/api/", "/embed/")
MENU_MARKER = {
    "centre_admin": "staff",
    "coordinator": "staff",
    "volunteer": "volunteer",
    "federation_client": "federation",
    "municipality_client": "municipality",
}


def html_pages(pages):
    return [
        (url, text)
        for url, status, text in pages
        if status == 200
        and "Content-Type: text/html" in text
        and not url.startswith(OWN_LAYOUT)
        and "<!doctype html>" in text[:100].lower()
    ]


def assert_landmarks(url: str, text: str) -> None:
    assert re.search(r"<header\b", text), f"no header on {url}"
    assert re.search(r"<main\b[^>]*>.*?<h1\b", text, re.S), f"no main with an h1 on {url}"
    assert re.search(r"<footer\b", text), f"no footer on {url}"


def assert_menu(url: str, text: str, marker: str) -> None:
    assert f'data-menu="{marker}"' in text, f"no {marker} menu on {url}"
    assert len(re.findall(r"data-menu=", text)) == 1, f"more than one host menu on {url}"


@pytest.mark.parametrize("role", ["centre_admin", "coordinator", "volunteer"])
def test_every_centre_page_shows_the_menu_of_the_role(centre, role):
    people = seed_centre(centre, "NavCheck")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), people[role])

    pages = html_pages(crawl(client, start_urls(settings.ROOT_URLCONF), limit=250))

    assert len(pages) >= 8
    for url, text in pages:
        assert_menu(url, text, MENU_MARKER[role])
        assert_landmarks(url, text)


@pytest.mark.parametrize("who", ["federation_client", "municipality_client"])
def test_every_platform_page_shows_the_menu_of_the_role(request, centre, who):
    seed_centre(centre, "NavCheck")
    statistics_update()
    client = request.getfixturevalue(who)

    pages = html_pages(crawl(client, start_urls(settings.PUBLIC_SCHEMA_URLCONF), limit=250))

    assert len(pages) >= 3
    for url, text in pages:
        assert_menu(url, text, MENU_MARKER[who])
        assert_landmarks(url, text)


def test_the_menu_folds_behind_a_button_and_is_labelled(coordinator_client):
    text = coordinator_client.get("/staff/").text

    assert re.search(r'<details class="site-menu"[^>]*>\s*<summary', text)
    assert re.search(r'<nav class="site-nav" aria-label="[^"]+" data-menu="staff">', text)


def test_visitors_get_no_menu(centre_client, platform_client):
    assert "data-menu=" not in centre_client.get("/").text
    assert "data-menu=" not in platform_client.get("/").text


def test_a_signed_in_member_finds_their_pages_from_the_centres_front_page(volunteer_client):
    text = volunteer_client.get("/").text

    assert 'href="/staff/"' in text
    assert 'data-menu="volunteer"' in text


@pytest.mark.parametrize("who", ["volunteer_client", "federation_client"])
def test_the_403_page_has_landmarks_the_menu_and_a_way_back(request, who):
    client = in_english(request.getfixturevalue(who))
    url = "/staff/members/" if who == "volunteer_client" else "/municipality/"

    response = client.get(url)

    assert response.status_code == 403
    assert "No access to this page" in response.text
    assert_landmarks(url, response.text)
    assert 'data-menu="' in response.text
    assert 'href="/"' in response.text


def test_the_403_page_on_another_centre_links_to_the_persons_own_centre(
    centre, other_centre, member_of
):
    user = member_of(centre, "coordinator")
    client = sign_in(host_client(f"{other_centre.slug}.{settings.PLATFORM_DOMAIN}"), user)

    response = client.get("/staff/members/")

    assert response.status_code == 403
    assert f'href="http://{centre.slug}.{settings.PLATFORM_DOMAIN}/staff/"' in response.text


@pytest.mark.parametrize("who", ["coordinator_client", "federation_client", "centre_client"])
def test_the_404_page_has_landmarks_and_a_way_back(request, who):
    client = in_english(request.getfixturevalue(who))

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert_landmarks("404", response.text)
    assert 'href="/"' in response.text
    assert ('data-menu="' in response.text) == (who != "centre_client")


def test_the_500_page_renders_without_the_database():
    # No db fixture: pytest-django refuses any database access in this test.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    text = response.content.decode()
    assert_landmarks("500", text)
    assert 'href="/"' in text
