"""A visitor offers to volunteer with the keyboard alone, in a real browser (Playwright
driving Debian's chromium): Tab reaches every field of the form in order and never the
honeypot, Space ticks the consents, Enter sends it, and the offer reaches the staff's list.
The browser's requests commit, so the test works in a centre of its own, made and removed
here (like tests/test_browser_coordinator.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from tests.browser import chromium, live_server
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
    from tenants.services import centre_provision

    return centre_provision(
        name="Keyboard Frivilligsentral",
        slug=SLUG,
        federation_slug="test-nfs",
        municipality_number="5027",
        status="active",
    ).centre


def _remove_centre():
    from tenants.models import Centre

    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "c_{SLUG}" CASCADE')
    Centre.objects.filter(slug=SLUG).delete()


@pytest.fixture
def keyboard_centre(db):
    in_thread(_remove_centre)  # what an interrupted earlier run may have left
    centre = in_thread(_make_centre)
    try:
        yield centre
    finally:
        in_thread(_remove_centre)


@pytest.fixture
def page(keyboard_centre):
    with live_server() as port, chromium() as browser:
        base_url = f"http://{SLUG}.{settings.PLATFORM_DOMAIN}:{port}"
        context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 800})
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base_url}]
        )
        yield context.new_page()
        context.close()


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
