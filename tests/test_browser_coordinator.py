"""A coordinator's day in a real browser (Playwright driving Debian's chromium).

Registers a volunteer, records a police certificate, takes a help request, reads the ranked
matches and assigns one, signs the volunteer up for a shift, logs and approves hours and
exports the month. The server runs in a thread against the test database; because the
browser's requests commit, the test works in a centre of its own, made and removed here.
`./manage.py test` installs chromium when it is missing.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.oath import totp
from django_tenants.utils import schema_context

from tests.browser import chromium, committed_centre, live_server

PASSWORD = "browser-test-password-1"
TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, as django-otp stores it
SLUG = "browser"


def _make_centre():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.models import CentreMembership, User
    from tenant_apps.activities.models import Activity, ActivityCategory, Session, Shift
    from tenants.services import centre_provision

    centre = centre_provision(
        name="Browser Frivilligsentral",
        slug=SLUG,
        federation_slug="test-nfs",
        municipality_number="5027",
        status="active",
    ).centre
    user = User.objects.create_user(
        "coordinator@browser.example",
        PASSWORD,
        full_name="Cora Browser",
        preferred_language="en",
    )
    CentreMembership.objects.create(user=user, centre=centre, role="coordinator")
    # Coordinators read personal data: they sign in with a second factor (TOTP).
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=TOTP_KEY)
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    with schema_context(centre.schema_name):
        activity = Activity.objects.create(
            name="Language café",
            category=ActivityCategory.objects.get(code="social-meeting-places"),
            first_date=next_week,
            start_time=datetime.time(17, 0),
            end_time=datetime.time(19, 0),
            recurrence=Activity.Recurrence.ONE_OFF,
        )
        session = Session.objects.create(
            activity=activity,
            date=next_week,
            start_time=activity.start_time,
            end_time=activity.end_time,
        )
        Shift.objects.create(session=session, name="Host", capacity=2)
    centre.demo_session_id = session.pk
    return centre


def _remove_coordinator():
    from shared_apps.accounts.models import User

    User.objects.filter(email="coordinator@browser.example").delete()


@pytest.fixture
def browser_centre(db):
    """A committed centre with a coordinator, an activity with a shift next week."""
    with committed_centre(SLUG, _make_centre, remove=_remove_coordinator) as centre:
        yield centre


@pytest.fixture
def live_server_url(browser_centre):
    with live_server() as port:
        yield f"http://{SLUG}.{settings.PLATFORM_DOMAIN}:{port}"


@pytest.fixture
def page(live_server_url):
    with chromium() as browser:
        context = browser.new_context(
            base_url=live_server_url, accept_downloads=True, viewport={"width": 390, "height": 844}
        )
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server_url}]
        )
        yield context.new_page()
        context.close()


def choose(select, text: str) -> None:
    """Pick the option of a <select> whose text contains `text`."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value=value)


def test_a_coordinator_runs_a_day_at_the_centre(page, browser_centre):
    today = timezone.localdate()

    # Sign in.
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill("coordinator@browser.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/verify/**")
    page.get_by_label("6-digit code from your authenticator app").fill(
        f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/")

    # Register a volunteer.
    page.goto("/people/volunteers/new/")
    page.get_by_label("First name").fill("Amira")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("E-mail address").fill("amira@example.org")
    page.get_by_label("Start date").fill(today.isoformat())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/people/volunteers/*/")
    volunteer_url = page.url
    assert "Amira Haddad" in page.content()

    # Record that a police certificate was seen.
    page.goto(volunteer_url + "certificates/new/")
    page.get_by_label("Seen on").fill(today.isoformat())
    page.get_by_label("I have seen the certificate").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(volunteer_url)
    assert "Renew by" in page.content() or "renew" in page.content().lower()

    # Take a help request for a new participant.
    page.goto("/help/new/")
    page.get_by_label("First name").fill("Olav")
    page.get_by_label("Last name").fill("Berg")
    page.get_by_label("What is needed").fill("Company on walks twice a week")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/help/*/")
    request_url = page.url

    # See the ranked matches with their reasons, and assign the first.
    assert "Amira Haddad" in page.content()
    page.get_by_role("button", name="Assign Amira Haddad").first.click()
    page.wait_for_url(request_url)
    assert "Amira Haddad" in page.content()

    # Sign the volunteer up for the shift next week.
    page.goto("/activities/")
    assert "Language café" in page.content()
    session_url = f"{page.url}sessions/{browser_centre.demo_session_id}/"
    page.goto(session_url)
    assign_form = page.locator("form[action$='/assign/']")
    choose(assign_form.get_by_label("Shift"), "Host")
    choose(assign_form.get_by_label("Volunteer"), "Amira Haddad")
    assign_form.get_by_role("button", name="Sign up").click()
    page.wait_for_load_state()
    page.goto(session_url)
    assert "Amira Haddad" in page.content()

    # Log hours for her and approve them.
    page.goto("/hours/log/")
    choose(page.get_by_label("Volunteer"), "Amira Haddad")
    page.get_by_label("Date").fill(today.isoformat())
    page.locator("input[name=hours]").fill("2.5")
    page.get_by_label("Category").select_option(index=1)
    page.get_by_role("button", name="Log hours").click()
    page.wait_for_load_state()
    page.goto("/hours/")
    page.locator("input[type=checkbox][name=entry]").first.check()
    page.get_by_role("button", name="Approve the chosen entries").click()
    page.wait_for_load_state()

    # Export the month as CSV.
    with page.expect_download() as download_info:
        try:
            page.goto(f"/hours/export/?month={today:%Y-%m}&format=csv")
        except Exception as error:  # a download is not a page: Playwright says so
            if "Download is starting" not in str(error):
                raise
    with open(download_info.value.path(), encoding="utf-8-sig") as exported:
        csv_text = exported.read()
    assert "Amira Haddad" in csv_text
    assert "2.5" in csv_text or "2,5" in csv_text

    # What the browser did is in the centre's own schema.
    from tenant_apps.helprequests.models import Assignment
    from tenant_apps.hours.models import HoursEntry
    from tenant_apps.people.models import PoliceCertificateRecord, Volunteer

    with schema_context(browser_centre.schema_name):
        volunteer = Volunteer.objects.get(first_name="Amira")
        assert PoliceCertificateRecord.objects.filter(volunteer=volunteer).exists()
        assert Assignment.objects.filter(volunteer=volunteer, ended_on__isnull=True).exists()
        assert volunteer.shift_signups.filter(status="confirmed").count() == 1
        entry = HoursEntry.objects.get(volunteer=volunteer)
        assert entry.status == HoursEntry.Status.APPROVED
