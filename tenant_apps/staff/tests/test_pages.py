"""The overview and the profile page show real things only: centre, role, allowed pages."""

import re

from django.conf import settings
from django.test.utils import override_settings


def nav_links(html):
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def test_volunteer_overview_shows_centre_role_and_only_their_pages(volunteer_client):
    response = volunteer_client.get("/staff/")

    assert response.status_code == 200
    assert "Welcome, Vera Volunteer" in response.text
    assert "Alpha Frivilligsentral" in response.text
    assert "<dd>Volunteer</dd>" in response.text
    assert nav_links(response.text) == [
        "/staff/",
        "/activities/",
        "/activities/shifts/open/",
        "/activities/mine/",
        "/activities/calendar/",
        "/help/mine/",
        "/hours/",
        "/people/me/",
        "/staff/profile/",
        "/privacy/me/",
    ]
    assert "/staff/members/" not in [page.url for page in response.context["pages"]]


def test_coordinator_overview_links_members_and_tokens(coordinator_client):
    response = coordinator_client.get("/staff/")
    assert "<dd>Coordinator</dd>" in response.text
    assert nav_links(response.text) == [
        "/staff/",
        "/staff/today/",
        "/people/volunteers/",
        "/help/",
        "/activities/",
        "/activities/shifts/open/",
        "/activities/mine/",
        "/help/mine/",
        "/hours/",
        "/associations/staff/",
        "/events/staff/",
        "/annual-report/",
        "/award/rounds/",
        "/networks/",
        "/people/me/",
        "/staff/site/",
        "/staff/site/posts/",
        "/staff/members/",
        "/staff/tokens/",
        "/staff/profile/",
        "/privacy/me/",
    ]


def test_manager_overview_links_every_staff_page(centre_admin_client):
    response = centre_admin_client.get("/staff/")
    assert "<dd>Centre manager</dd>" in response.text
    assert nav_links(response.text) == [
        "/staff/",
        "/staff/today/",
        "/people/volunteers/",
        "/help/",
        "/activities/",
        "/activities/shifts/open/",
        "/activities/mine/",
        "/help/mine/",
        "/hours/",
        "/associations/staff/",
        "/events/staff/",
        "/annual-report/",
        "/award/rounds/",
        "/networks/",
        "/people/me/",
        "/staff/site/",
        "/staff/site/posts/",
        "/staff/site/profile/",
        "/staff/site/opening-hours/",
        "/staff/site/settings/",
        "/staff/members/",
        "/staff/members/invite/",
        "/staff/tokens/",
        "/staff/audit/",
        "/privacy/retention/",
        "/staff/profile/",
        "/privacy/me/",
        "/centre/status/",
        "/centre/billing/",
    ]


def test_current_page_is_marked_in_the_menu(coordinator_client):
    response = coordinator_client.get("/staff/members/")
    assert '<a href="/staff/members/" aria-current="page">' in response.text


def test_profile_shows_own_account_and_role(coordinator_client, coordinator):
    response = coordinator_client.get("/staff/profile/")
    assert response.status_code == 200
    assert coordinator.email in response.text
    assert "Cora Coordinator" in response.text
    assert "<dd>Coordinator</dd>" in response.text


def test_overview_in_the_centres_language(volunteer_client):
    del volunteer_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    response = volunteer_client.get("/staff/")
    assert "Velkommen, Vera Volunteer" in response.text
    assert "<dd>Frivillig</dd>" in response.text


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_pages_carry_no_inline_script_or_style(centre_admin_client, volunteer):
    for url in (
        "/staff/",
        "/staff/members/",
        "/staff/members/invite/",
        f"/staff/members/{volunteer.pk}/remove/",
        "/staff/profile/",
        "/staff/tokens/",
        "/staff/audit/",
    ):
        html = centre_admin_client.get(url).text
        assert "<script" not in html, url
        assert "style=" not in html, url
        assert "<style" not in html, url
