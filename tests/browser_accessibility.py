"""Every page of every role, measured in a real browser (Playwright driving Debian's chromium,
axe-core 4.12 from axe-playwright-python): no WCAG 2.0/2.1 A or AA violation, no sideways
scrolling, and the host's menu present, at 1280 and at 360 px. The walk and its fixtures are
here; each width is a test file of its own (test_browser_accessibility_wide.py, …_narrow.py),
so that the two halves of the longest test run on two workers at once.

Which pages: the URL walk the access and navigation tests do (every route of the URLconf,
then the links on each page), by the Django test client signed in as the role; the HTML
pages of that walk (not the admin, the API, files or feeds) are then opened in the browser,
one address per URL pattern. The server runs in a thread; because the browser's requests
commit, the test works in a centre of its own (seeded with one row of every tenant model),
made and removed here, like tests/test_browser_coordinator.py.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import Resolver404, resolve

from tests.browser import chromium, live_server
from tests.plugin import host_client, in_thread, sign_in
from tests.test_isolation_canary import crawl, seed_centre, start_urls
from tests.test_navigation import MENU_MARKER, html_pages

SLUG = "axewalk"
CANARY = "AxeWalk"
WIDTHS = (1280, 360)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PLATFORM_ROLES = {"federation_client": "federation_admin", "municipality_client": "viewer"}


def _emails() -> list[str]:
    centre_roles = ("centre_admin", "coordinator", "volunteer")
    return [f"{CANARY.lower()}-{role}@canary.example" for role in centre_roles] + [
        f"{role}@{SLUG}.example" for role in PLATFORM_ROLES.values()
    ]


def _make_centre():
    from shared_apps.accounts.models import FederationMembership, MunicipalityViewer, User
    from shared_apps.statistics.models import StatisticsRun
    from shared_apps.statistics.pipeline import statistics_update
    from tenants.models import Federation
    from tenants.services import centre_provision

    centre = centre_provision(
        name="Axe Frivilligsentral",
        slug=SLUG,
        federation_slug="test-nfs",
        municipality_number="5027",
        status="active",
    ).centre
    people = seed_centre(centre, CANARY)
    people.pop("rows")
    federation = User.objects.create_user(
        f"federation_admin@{SLUG}.example", "demo-password-1", full_name="Frida Axe"
    )
    FederationMembership.objects.create(
        user=federation, federation=Federation.objects.get(slug="test-nfs"), role="federation_admin"
    )
    viewer = User.objects.create_user(
        f"viewer@{SLUG}.example", "demo-password-1", full_name="Mona Axe"
    )
    MunicipalityViewer.objects.create(user=viewer, municipality=centre.municipality)
    people["federation_client"], people["municipality_client"] = federation, viewer
    # The centre's figures, so that the statistics pages have something to draw.
    last_run = StatisticsRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    statistics_update(centre_ids=[centre.pk])
    return centre, people, last_run


def _remove_centre(last_run: int | None = None):
    from shared_apps.accounts.models import User
    from shared_apps.statistics.models import StatisticsRun
    from tenants.models import Centre

    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "c_{SLUG}" CASCADE')
    Centre.objects.filter(slug=SLUG).delete()
    User.objects.filter(email__in=_emails()).delete()
    if last_run is not None:
        StatisticsRun.objects.filter(pk__gt=last_run).delete()


def _browser_session(host: str, user) -> str:
    """A committed, signed-in session (two factors passed) for the browser's cookie."""
    client = sign_in(host_client(host), user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def axe_centre(db):
    in_thread(_remove_centre)  # what an interrupted earlier run may have left
    centre, people, last_run = in_thread(_make_centre)
    try:
        yield centre, people
    finally:
        in_thread(lambda: _remove_centre(last_run))


@pytest.fixture
def server_port(axe_centre):
    with live_server() as port:
        yield port


@pytest.fixture
def browser(server_port):
    with chromium() as browser:
        yield browser


def pages_of(client, urlconf: str) -> list[str]:
    """The HTML pages the role's walk reached, one address per URL pattern."""
    by_route = {}
    for url, _text in html_pages(crawl(client, start_urls(urlconf), limit=250)):
        try:
            match = resolve(url, urlconf=urlconf)
        except Resolver404:
            continue
        by_route.setdefault((match.namespace, match.url_name, match.route), url)
    return sorted(by_route.values())


def measure(page, axe, url: str, width: int, marker: str) -> list[str]:
    failures = []
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url} @{width}: status {response and response.status}"]
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            failures.append(f"{url} @{width}: {violation['id']} at {node['target']}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        failures.append(f"{url} @{width}: scrolls sideways by {overflow} px")
    if page.locator(f'[data-menu="{marker}"]').count() != 1:
        failures.append(f"{url} @{width}: no {marker} menu")
    return failures


def walk_every_page_of_every_role(browser, server_port, axe_centre, width: int) -> None:
    """Open every role's pages at this width; fail with every violation found."""
    from axe_playwright_python.sync_playwright import Axe

    started = time.monotonic()
    centre, people = axe_centre
    axe = Axe()
    failures, walked = [], {}
    for role, marker in MENU_MARKER.items():
        if role in PLATFORM_ROLES:
            host, urlconf = settings.PLATFORM_DOMAIN, settings.PUBLIC_SCHEMA_URLCONF
        else:
            host, urlconf = f"{centre.slug}.{settings.PLATFORM_DOMAIN}", settings.ROOT_URLCONF
        urls = pages_of(sign_in(host_client(host), people[role]), urlconf)
        cookie = in_thread(lambda host=host, role=role: _browser_session(host, people[role]))
        base_url = f"http://{host}:{server_port}"
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
        )
        page = context.new_page()
        for url in urls:
            failures.extend(measure(page, axe, url, width, marker))
        context.close()
        walked[f"{role}@{width}"] = len(urls)

    print(f"pages walked: {walked} ({sum(walked.values())} in {time.monotonic() - started:.0f} s)")
    assert all(count >= 3 for count in walked.values()), walked
    assert not failures, f"{len(failures)} accessibility failures:\n" + "\n".join(failures)
