"""The association directory's and the events' pages in a real browser (Playwright with
Debian's chromium, axe-core): no WCAG 2.1 A/AA violation and no sideways scrolling at 1280
and 360 px, for a visitor (public pages, also with a form's errors shown) and for an
association contact (their pages, with their menu).

Works in the committed centre of tests/browser_accessibility.py (made and removed
there), with the directory and events added here.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from tests.browser_accessibility import (  # noqa: F401 (fixtures)
    WCAG_TAGS,
    WIDTHS,
    axe_centre,
    browser,
    server_port,
)
from tests.plugin import host_client, in_thread, sign_in

CONTACT_EMAIL = "contact@axewalk-associations.example"


def _seed(centre):
    from shared_apps.accounts.models import CentreMembership, User
    from tenant_apps.associations.models import Association, AssociationContact
    from tenant_apps.events.tests.factories import make_event, make_fair

    contact = User.objects.create_user(CONTACT_EMAIL, "demo-password-1", full_name="Cato Axe")
    CentreMembership.objects.create(user=contact, centre=centre, role="association_contact")
    with schema_context(centre.schema_name):
        club = Association.objects.create(
            name="Axe Rowing Club",
            organisation_number="988077917",
            categories=["sport_outdoors", "social"],
            target_groups=["seniors"],
            description="Rowing every Tuesday.",
            email="post@rowing.example",
            phone="+4791234567",
            website="https://rowing.example",
            status="approved",
            member_since=datetime.date(2024, 3, 1),
        )
        AssociationContact.objects.create(association=club, email=contact.email, user_id=contact.pk)
        fair = make_fair("Axe fair", rows=2, columns=6)
        stand = fair.stands.first()
        fair.registrations.create(
            kind="association",
            name=club.name,
            email="x@example.org",
            association=club,
            stand=stand,
        )
        registration = fair.registrations.get()
        meeting = make_event("Axe meeting", capacity=20, description="Coffee and talk.")
        contact_row = AssociationContact.objects.get(association=club)
        return {
            "contact": contact,
            "club": club.pk,
            "fair": fair.pk,
            "meeting": meeting.pk,
            "registration": registration.pk,
            "contact_row": contact_row.pk,
        }


def _unseed():
    from shared_apps.accounts.models import User

    User.objects.filter(email=CONTACT_EMAIL).delete()


@pytest.fixture
def seeded(axe_centre):  # noqa: F811 (the fixture imported above)
    centre, people = axe_centre
    data = in_thread(lambda: _seed(centre))
    data["coordinator"] = people["coordinator"]
    try:
        yield centre, data
    finally:
        in_thread(_unseed)


def _measure(page, axe, url: str, width: int, *, marker: str | None, submit: bool = False):
    failures = []
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url} @{width}: status {response and response.status}"]
    if submit:
        # The form with its errors shown (an empty submission).
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_load_state()
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
    if marker and page.locator(f'[data-menu="{marker}"]').count() != 1:
        failures.append(f"{url} @{width}: no {marker} menu")
    if not marker and page.locator("[data-public-menu]").count() != 1:
        failures.append(f"{url} @{width}: no public menu")
    return failures


def test_public_contact_and_staff_pages_pass_axe_at_1280_and_360(browser, server_port, seeded):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    centre, data = seeded
    coordinator = data["coordinator"]
    host = f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
    base_url = f"http://{host}:{server_port}"
    public = [
        ("/associations/", False),
        ("/associations/?category=sport_outdoors&q=rowing", False),
        (f"/associations/{data['club']}/", False),
        ("/associations/register/", False),
        ("/associations/register/", True),
        ("/associations/register/thanks/", False),
        ("/events/", False),
        (f"/events/{data['fair']}/", False),
        (f"/events/{data['fair']}/", True),
        (f"/events/{data['meeting']}/", False),
        (f"/events/{data['meeting']}/thanks/", False),
    ]
    contact_pages = ["/staff/", "/associations/mine/", f"/associations/mine/{data['club']}/"]
    staff_pages = [
        "/associations/staff/",
        "/associations/staff/new/",
        f"/associations/staff/{data['club']}/",
        f"/associations/staff/{data['club']}/contacts/{data['contact_row']}/remove/",
        "/events/staff/",
        "/events/staff/new/",
        f"/events/staff/{data['fair']}/",
        f"/events/staff/{data['meeting']}/",
        f"/events/staff/{data['fair']}/registrations/{data['registration']}/remove/",
    ]

    def cookie_of(user):
        return in_thread(
            lambda: sign_in(host_client(host), user).cookies[settings.SESSION_COOKIE_NAME].value
        )

    signed_in = [
        (cookie_of(data["contact"]), contact_pages, "association"),
        (cookie_of(coordinator), staff_pages, "staff"),
    ]
    axe = Axe()
    failures = []
    for width in WIDTHS:
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800})
        page = context.new_page()
        for url, submit in public:
            failures.extend(_measure(page, axe, url, width, marker=None, submit=submit))
        context.close()
        for cookie, urls, marker in signed_in:
            context = browser.new_context(
                base_url=base_url, viewport={"width": width, "height": 800}
            )
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
            )
            page = context.new_page()
            for url in urls:
                failures.extend(_measure(page, axe, url, width, marker=marker))
            context.close()

    assert not failures, f"{len(failures)} accessibility failures:\n" + "\n".join(failures)
