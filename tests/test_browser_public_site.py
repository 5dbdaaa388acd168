"""The centre's public site in a real browser, as a visitor who is not signed in
(Playwright driving Debian's chromium, axe-core from axe-playwright-python).

1. Every public page passes axe at WCAG 2.0/2.1 A and AA, without sideways scrolling, at 1280
   and at 360 px. Which pages: the links of the public menu (PUBLIC_MENU, then the published
   pages), every address of sitemap.xml, and the links on those pages, by the Django test
   client as an anonymous visitor; then one address per URL pattern, so a page another app
   adds to PUBLIC_MENU or to the sitemap (and each kind of detail page linked from it) is
   measured without touching this file. The embeddable calendar is measured too.
2. Keyboard only: a visitor tabs to the calendar's filter, picks a category and a weekday
   with the keys, tabs to "Show", presses Enter, and gets the filtered list.

The browser's requests commit, so the test works in a centre of its own, made (with the
public site's demo content) and removed here, like tests/test_browser_coordinator.py.
"""

from __future__ import annotations

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.browser import chromium, committed_centre, live_server
from tests.plugin import host_client
from tests.test_isolation_canary import crawl
from tests.test_navigation import html_pages

SLUG = "publicaxe"
WIDTHS = (1280, 360)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EMBED = "/embed/calendar/"
LOC = re.compile(r"<loc>([^<]+)</loc>")
MENU_LINK = re.compile(r'<a href="(/[^"]*)"')


def _make_centre():
    from tenant_apps.activities.models import Activity, ActivityCategory, Session
    from tenant_apps.home.demo import public_site_demo
    from tenants.contracts import CentreDemo
    from tenants.services import centre_provision

    centre = centre_provision(
        name="Public Frivilligsentral",
        slug=SLUG,
        federation_slug="test-nfs",
        municipality_number="5027",
        status="active",
    ).centre
    today = timezone.localdate()
    with schema_context(centre.schema_name):
        for name, code, group, offset in (
            ("Språkkafé", "social-meeting-places", "immigrant_background", 1),
            ("Turgruppa", "physical-activity", "seniors", 2),
        ):
            activity = Activity.objects.create(
                name=name,
                category=ActivityCategory.objects.get(code=code),
                description="Alle er velkomne.",
                place="Biblioteket",
                target_group=group,
                first_date=today,
                start_time=datetime.time(17, 0),
                end_time=datetime.time(19, 0),
            )
            for week in range(5):
                day = today + datetime.timedelta(days=offset + 7 * week)
                Session.objects.create(
                    activity=activity,
                    date=day,
                    start_time=activity.start_time,
                    end_time=activity.end_time,
                )
        public_site_demo(
            CentreDemo(
                centre_id=centre.pk,
                slug=SLUG,
                name=centre.name,
                country="NO",
                language="nb",
                size=1.0,
                seed=1,
            ),
            write=lambda *_: None,
        )
    return centre


@pytest.fixture
def public_centre(db):
    with committed_centre(SLUG, _make_centre) as centre:
        yield centre


@pytest.fixture
def server_port(public_centre):
    with live_server() as port:
        yield port


@pytest.fixture
def browser(server_port):
    with chromium() as browser:
        yield browser


def public_pages(client) -> list[str]:
    """One address per URL pattern of the public pages a visitor reaches from the public
    menu and the sitemap (and the links on those pages)."""
    home = client.get("/").text
    menu = home.split("data-public-menu", 1)[1].split("</nav>", 1)[0]
    starts = ["/", *MENU_LINK.findall(menu)]
    starts += [urlsplit(url).path for url in LOC.findall(client.get("/sitemap.xml").text)]
    by_route = {}
    for url, _text in html_pages(crawl(client, starts, limit=120)):
        try:
            match = resolve(url)
        except Resolver404:
            continue
        policy = getattr(match.func, "access_policy", None)
        if policy is None or not policy.is_public or url.startswith(("/account/", "/i18n/")):
            continue  # sign-in pages are not the centre's public site
        by_route.setdefault((match.namespace, match.url_name, match.route), url)
    return sorted(by_route.values())


def measure(page, axe, url: str, width: int) -> list[str]:
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url} @{width}: status {response and response.status}"]
    failures = []
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
    if url != EMBED and page.locator("[data-public-menu]").count() != 1:
        failures.append(f"{url} @{width}: no public menu")
    return failures


def test_every_public_page_passes_axe_at_1280_and_360(browser, server_port, public_centre):
    from axe_playwright_python.sync_playwright import Axe

    started = time.monotonic()
    host = f"{public_centre.slug}.{settings.PLATFORM_DOMAIN}"
    urls = [*public_pages(host_client(host)), EMBED]
    for expected in ("/", "/calendar/", "/calendar/month/", "/news/"):
        assert expected in urls, f"{expected} was not reached: {urls}"
    for prefix in ("/calendar/activity/", "/news/", "/pages/"):
        assert any(url.startswith(prefix) and url != prefix for url in urls), (prefix, urls)

    axe, failures = Axe(), []
    for width in WIDTHS:
        context = browser.new_context(
            base_url=f"http://{host}:{server_port}",
            viewport={"width": width, "height": 800},
            locale="nb-NO",
        )
        page = context.new_page()
        for url in urls:
            failures.extend(measure(page, axe, url, width))
        context.close()

    print(
        f"public pages measured: {len(urls)} × {len(WIDTHS)} widths "
        f"in {time.monotonic() - started:.0f} s: {urls}"
    )
    assert not failures, f"{len(failures)} accessibility failures:\n" + "\n".join(failures)


def test_a_keyboard_only_visitor_filters_the_calendar(browser, server_port, public_centre):
    host = f"{public_centre.slug}.{settings.PLATFORM_DOMAIN}"
    context = browser.new_context(
        base_url=f"http://{host}:{server_port}", viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    page.goto("/calendar/")
    assert page.locator("main").get_by_text("Språkkafé").count() >= 1

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} cannot be reached with the Tab key")

    tab_to("#id_category")
    focus_style = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focus_style != "none", "the focused field shows no focus outline"
    # Keys only: pick "physical activity" by typing its first letters, then the weekday.
    category = page.locator("#id_category")
    for _ in range(15):
        if category.input_value() == "physical-activity":
            break
        page.keyboard.press("ArrowDown")
    assert category.input_value() == "physical-activity"
    tab_to("#id_target_group")
    tab_to("#id_weekday")
    tab_to('.calendar-filter button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"category=physical-activity"))

    main = page.locator("main")
    assert main.get_by_text("Turgruppa").count() >= 1
    assert main.get_by_text("Språkkafé").count() == 0
    context.close()
