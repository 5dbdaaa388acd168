"""A visitor offers to volunteer with the keyboard alone, in a real browser (Playwright
driving Debian's chromium): Tab reaches every field of the form in order and never the
honeypot, Space ticks the consents, Enter sends it, and the offer reaches the staff's list.
Every public form also passes axe (WCAG 2.1 AA) empty and with its field errors shown, at
360 and 1280 px (the site-wide audit opens pages, it does not send forms).
The browser's requests commit, so the test works in a centre of its own, made and removed
here (like tests/test_browser_coordinator.py)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.browser import chromium, committed_centre, live_server
from tests.plugin import in_thread

SLUG = "keyboard"
FIELDS = [
    "id_first_name",
    "id_last_name",
    "id_email",
    "id_phone",
    "id_application_text",
    "id_consent_registration",
    "id_consent_contact",
]


def _make_centre():
    from tenant_apps.activities.models import Activity, ActivityCategory, Session
    from tenant_apps.award.models import AwardRound
    from tenants.services import centre_provision

    centre = centre_provision(
        name="Keyboard Frivilligsentral",
        slug=SLUG,
        federation_slug="test-nfs",
        municipality_number="5027",
        status="active",
    ).centre
    with schema_context(centre.schema_name):
        day = timezone.localdate() + datetime.timedelta(days=5)
        activity = Activity.objects.create(
            name="Walking group",
            category=ActivityCategory.objects.order_by("position").first(),
            first_date=day,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(11, 0),
            recurrence=Activity.Recurrence.ONE_OFF,
            takes_signups=True,
            signup_places=5,
        )
        session = Session.objects.create(
            activity=activity, date=day, start_time=activity.start_time, end_time=activity.end_time
        )
        award_round = AwardRound.objects.create(
            title="Ildsjelprisen",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    centre.form_urls = [
        "/become-a-volunteer/",
        "/ask-for-help/",
        "/sign-up/",
        f"/sign-up/{session.pk}/",
        "/award/",
        f"/award/{award_round.pk}/nominate/",
        "/award/winners/",
    ]
    return centre


@pytest.fixture
def keyboard_centre(db):
    with committed_centre(SLUG, _make_centre) as centre:
        yield centre


@pytest.fixture
def browser_and_url(keyboard_centre):
    with live_server() as port, chromium() as browser:
        yield browser, f"http://{SLUG}.{settings.PLATFORM_DOMAIN}:{port}"


def new_page(browser, base_url: str, width: int = 360, language: str = "en"):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800})
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    )
    return context.new_page()


@pytest.fixture
def page(browser_and_url):
    page = new_page(*browser_and_url)
    yield page
    page.context.close()


def focused(page) -> str:
    return page.evaluate(
        "document.activeElement && (document.activeElement.id || document.activeElement.tagName)"
    )


def test_a_visitor_offers_to_volunteer_with_the_keyboard_only(page, keyboard_centre):
    page.goto("/become-a-volunteer/")

    # From the top of the page, Tab until the form's first field.
    for _press in range(40):
        page.keyboard.press("Tab")
        if focused(page) == FIELDS[0]:
            break
    assert focused(page) == FIELDS[0]

    typed = {
        "id_first_name": "Kari",
        "id_last_name": "Tastatur",
        "id_email": "kari@example.org",
        "id_phone": "912 34 567",
        "id_application_text": "Reading aloud",
    }
    order = []
    for field in FIELDS:
        order.append(focused(page))
        if field in typed:
            page.keyboard.type(typed[field])
        else:
            page.keyboard.press("Space")  # tick the consent
        page.keyboard.press("Tab")
    assert order == FIELDS  # every field in order, the honeypot never
    assert page.evaluate("document.activeElement.type") == "submit"

    page.keyboard.press("Enter")
    page.wait_for_url("**/become-a-volunteer/thanks/")
    assert "Thank you for offering to volunteer" in page.content()
    assert "Tastatur" not in page.content()

    def offers():
        from tenant_apps.people.models import Volunteer

        with schema_context(keyboard_centre.schema_name):
            return list(
                Volunteer.objects.values_list("last_name", "status", "source", "phone")
            ), sorted(Volunteer.objects.get().consents.values_list("purpose", flat=True))

    volunteers, consents = in_thread(offers)
    assert volunteers == [("Tastatur", "applied", "public_form", "+4791234567")]
    assert consents == ["contact", "registration"]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(axe, page, label: str) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    found = [
        f"{label}: {violation['id']} {node['target']}"
        for violation in axe.run(page, options=options).response["violations"]
        for node in violation["nodes"]
    ]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{label}: scrolls sideways by {overflow} px")
    return found


def test_every_public_form_passes_axe_empty_and_with_errors(browser_and_url, keyboard_centre):
    from axe_playwright_python.sync_playwright import Axe

    axe, failures = Axe(), []
    for width in (360, 1280):
        page = new_page(*browser_and_url, width=width, language="nb")
        for url in keyboard_centre.form_urls:
            page.goto(url)
            failures += violations(axe, page, f"{url} @{width}")
            if page.locator("form.public-form").count():
                # Sent empty, the form comes back with its field errors.
                page.locator("form.public-form button[type=submit]").click()
                page.wait_for_load_state()
                assert page.locator(".form-errors").count() == 1, url
                failures += violations(axe, page, f"{url} @{width} with errors")
        page.context.close()
    assert not failures, "\n".join(failures)
