"""Signing in and out on every host, sessions bound to their host, where people land,
preferences, and the demo accounts."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from shared_apps.accounts.models import FederationMembership, MunicipalityViewer, User
from tenants.models import Federation
from tests.plugin import host_client, in_english, sign_in

PASSWORD = "demo-password-1"


def centre_host(centre) -> str:
    return f"{centre.slug}.{settings.PLATFORM_DOMAIN}"


def submit_sign_in(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post("/account/login/", {"username": email, "password": password, **extra})


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


# --- The sign-in page -----------------------------------------------------------------------


@pytest.mark.parametrize("host_of", [centre_host, lambda centre: settings.PLATFORM_DOMAIN])
def test_the_sign_in_page_asks_for_an_email_address_and_a_password(centre, host_of):
    response = in_english(host_client(host_of(centre))).get("/account/login/")

    assert response.status_code == 200
    text = response.text
    assert '<label for="id_username">E-mail address:</label>' in text
    assert 'name="username"' in text and 'type="email"' in text
    assert 'autocomplete="username"' in text
    assert 'name="password"' in text and 'autocomplete="current-password"' in text
    assert 'action="/account/logout/"' not in text  # nobody is signed in


def test_a_volunteer_signs_in_on_the_centre_host_and_lands_on_the_staff_pages(
    centre, centre_client, volunteer
):
    response = submit_sign_in(centre_client, volunteer.email)

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert signed_in_user_id(centre_client) == str(volunteer.pk)
    page = centre_client.get("/")
    assert "Vera Volunteer" in page.text
    assert 'action="/account/logout/"' in page.text


def test_an_account_without_a_role_at_the_centre_is_told_where_its_work_is(
    centre_client, make_user
):
    stranger = make_user()

    response = submit_sign_in(centre_client, stranger.email)

    assert response.status_code == 302
    assert response["Location"] == "/account/elsewhere/"


def test_a_member_of_another_centre_signing_in_here_gets_a_link_to_their_centre(
    centre, other_centre, member_of
):
    """Signing in on the wrong host explains where to go and links there."""
    user = member_of(other_centre, "coordinator")
    client = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))
    submit_sign_in(client, user.email)

    page = client.get("/account/elsewhere/")

    assert page.status_code == 200
    assert f"you have no role at {centre.name}" in page.text
    assert f'href="http://{other_centre.slug}.{settings.PLATFORM_DOMAIN}/staff/"' in page.text


def test_a_federation_admin_signing_in_on_a_centre_gets_a_link_to_the_platform(
    centre, federation_admin
):
    client = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))
    response = submit_sign_in(client, federation_admin.email)
    assert response["Location"] == "/account/elsewhere/"

    page = client.get("/account/elsewhere/")

    assert f'href="http://{settings.PLATFORM_DOMAIN}/federation/"' in page.text


def test_a_centre_volunteer_signing_in_on_the_platform_gets_a_link_to_the_centre(
    centre, platform_client, member_of
):
    user = member_of(centre, "volunteer")
    response = submit_sign_in(platform_client, user.email)
    assert response["Location"] == "/account/elsewhere/"

    page = platform_client.get("/account/elsewhere/")

    assert f'href="http://{centre.slug}.{settings.PLATFORM_DOMAIN}/staff/"' in page.text


def test_sign_in_goes_to_the_page_asked_for(centre_client, volunteer):
    response = submit_sign_in(centre_client, volunteer.email, next="/account/preferences/")

    assert response["Location"] == "/account/preferences/"


@pytest.mark.parametrize(
    "unsafe_next",
    [
        "https://evil.example/",
        "//evil.example/",
        f"http://beta.{settings.PLATFORM_DOMAIN}/staff/",
        f"http://{settings.PLATFORM_DOMAIN}/federation/",
    ],
)
def test_sign_in_never_goes_to_another_host(centre_client, volunteer, unsafe_next):
    response = submit_sign_in(centre_client, volunteer.email, next=unsafe_next)

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_a_wrong_password_shows_a_clear_error_tied_to_the_form(centre_client, volunteer):
    response = submit_sign_in(
        in_english(centre_client), volunteer.email, password="not-the-password"
    )

    assert response.status_code == 200
    assert "The e-mail address or the password is wrong." in response.text
    assert 'role="alert"' in response.text
    assert 'aria-describedby="form-errors"' in response.text
    assert signed_in_user_id(centre_client) is None


def test_the_email_address_is_not_case_sensitive(centre_client, volunteer):
    response = submit_sign_in(centre_client, volunteer.email.upper())

    assert response.status_code == 302
    assert signed_in_user_id(centre_client) == str(volunteer.pk)


def test_failures_count_against_the_account_whatever_the_case_typed(centre_client, volunteer):
    variants = [
        volunteer.email.upper(),
        volunteer.email.title(),
        volunteer.email,
        " " + volunteer.email,
    ]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        submit_sign_in(centre_client, variants[attempt % len(variants)], password="wrong")

    response = submit_sign_in(centre_client, volunteer.email.capitalize())

    assert response.status_code == 429
    assert signed_in_user_id(centre_client) is None


def test_a_closed_account_cannot_sign_in(centre_client, volunteer):
    volunteer.is_active = False
    volunteer.save()

    response = submit_sign_in(centre_client, volunteer.email)

    assert response.status_code == 200
    assert signed_in_user_id(centre_client) is None


@pytest.mark.parametrize(
    ("setup", "home"),
    [
        ("municipality_viewer", "/municipality/"),
        ("federation_analyst", "/federation/"),
        ("nothing", "/account/elsewhere/"),
    ],
)
def test_on_the_platform_host_people_land_on_their_own_pages(
    centre, platform_client, make_user, setup, home
):
    user = make_user()
    if setup == "municipality_viewer":
        MunicipalityViewer.objects.create(user=user, municipality=centre.municipality)
    elif setup == "federation_analyst":
        FederationMembership.objects.create(
            user=user,
            federation=Federation.objects.get(slug="test-nfs"),
            role="federation_analyst",
        )

    response = submit_sign_in(platform_client, user.email)

    assert response.status_code == 302
    assert response["Location"] == home


def test_operators_land_in_the_admin(platform_client):
    operator = User.objects.create_superuser("op@example.org", PASSWORD)

    response = submit_sign_in(platform_client, operator.email)

    assert response["Location"] == "/admin/"


def test_a_centre_manager_signing_in_is_asked_for_the_second_factor_next(
    centre_client, centre_admin
):
    response = submit_sign_in(centre_client, centre_admin.email)
    assert response["Location"] == "/staff/"

    assert signed_in_user_id(centre_client) == str(centre_admin.pk)
    # The staff pages are another engineer's; the preferences page has the same rule.
    page = centre_client.get("/account/preferences/")
    assert page.status_code == 302
    assert page["Location"].startswith("/account/two-factor/")


# --- Sign out -------------------------------------------------------------------------------


def test_sign_out_is_post_only(volunteer_client):
    assert volunteer_client.get("/account/logout/").status_code == 405
    assert volunteer_client.session.get(SESSION_KEY) is not None


@pytest.mark.parametrize("where", ["centre", "platform"])
def test_sign_out_ends_the_session(where, volunteer_client, municipality_client):
    client = volunteer_client if where == "centre" else municipality_client

    response = client.post("/account/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) is None
    assert 'href="/account/login/?next=/"' in client.get("/").text


def test_sign_out_needs_the_csrf_token(centre, volunteer):
    client = sign_in(Client(HTTP_HOST=centre_host(centre), enforce_csrf_checks=True), volunteer)

    response = client.post("/account/logout/")

    assert response.status_code == 403
    assert signed_in_user_id(client) == str(volunteer.pk)


def test_the_header_has_a_sign_out_form_with_a_csrf_token(volunteer_client):
    text = volunteer_client.get("/").text

    form = re.search(r'<form[^>]*action="/account/logout/"[^>]*>(.*?)</form>', text, re.S)
    assert form is not None
    assert 'method="post"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert 'href="/account/preferences/"' in text


def test_the_header_offers_sign_in_with_the_way_back(centre_client):
    text = centre_client.get("/").text

    assert 'href="/account/login/?next=/"' in text


# --- Sessions belong to their host ----------------------------------------------------------


def copy_session(from_client: Client, host: str) -> Client:
    thief = host_client(host)
    thief.cookies[settings.SESSION_COOKIE_NAME] = from_client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    return thief


def test_a_session_signed_in_on_centre_a_is_anonymous_on_centre_b(
    centre, other_centre, centre_client, volunteer
):
    submit_sign_in(centre_client, volunteer.email)
    assert "Vera Volunteer" in centre_client.get("/").text

    elsewhere = copy_session(centre_client, centre_host(other_centre))
    page = elsewhere.get("/")

    assert page.status_code == 200
    assert "Vera Volunteer" not in page.text
    assert 'action="/account/logout/"' not in page.text
    assert elsewhere.get("/account/preferences/").status_code == 302  # to sign in
    # …and the original session still works at home.
    assert "Vera Volunteer" in centre_client.get("/").text


def test_a_session_signed_in_on_a_centre_is_anonymous_on_the_platform_host(
    centre, centre_client, volunteer
):
    MunicipalityViewer.objects.create(user=volunteer, municipality=centre.municipality)
    submit_sign_in(centre_client, volunteer.email)

    platform = copy_session(centre_client, settings.PLATFORM_DOMAIN)

    assert "Vera Volunteer" not in platform.get("/").text
    response = platform.get("/municipality/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_session_signed_in_on_the_platform_host_is_anonymous_on_a_centre(
    centre, platform_client, volunteer
):
    MunicipalityViewer.objects.create(user=volunteer, municipality=centre.municipality)
    submit_sign_in(platform_client, volunteer.email)
    assert platform_client.get("/municipality/").status_code == 200

    at_centre = copy_session(platform_client, centre_host(centre))

    assert "Vera Volunteer" not in at_centre.get("/").text
    assert at_centre.get("/account/preferences/").status_code == 302


# --- Preferences ----------------------------------------------------------------------------


def test_preferences_save_the_name_and_language_and_set_the_language_cookie(
    volunteer_client, volunteer
):
    response = volunteer_client.post(
        "/account/preferences/", {"full_name": "Vera V. Volunteer", "preferred_language": "nb"}
    )

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.full_name == "Vera V. Volunteer"
    assert volunteer.preferred_language == "nb"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"
    page = volunteer_client.get("/account/preferences/")
    assert '<html lang="nb">' in page.text
    assert "Innstillingene dine er lagret." in page.text


def test_the_preferred_language_follows_the_person_to_another_browser(
    centre, volunteer_client, volunteer
):
    volunteer_client.post(
        "/account/preferences/", {"full_name": volunteer.full_name, "preferred_language": "da"}
    )

    fresh_browser = sign_in(host_client(centre_host(centre)), volunteer)

    assert '<html lang="da">' in fresh_browser.get("/").text


def test_automatic_language_removes_the_cookie(volunteer_client, volunteer):
    volunteer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = volunteer_client.post(
        "/account/preferences/", {"full_name": "Vera", "preferred_language": ""}
    )

    volunteer.refresh_from_db()
    assert volunteer.preferred_language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
    # alpha's federation speaks Norwegian
    assert '<html lang="nb">' in volunteer_client.get("/").text


def test_an_unknown_language_is_refused(volunteer_client, volunteer):
    response = volunteer_client.post(
        "/account/preferences/", {"full_name": "Vera", "preferred_language": "xx"}
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    volunteer.refresh_from_db()
    assert volunteer.preferred_language == ""


def test_preferences_need_a_signed_in_person(centre_client):
    response = centre_client.get("/account/preferences/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/preferences/"


def test_municipality_viewers_see_their_preferences_read_only(municipality_client):
    page = municipality_client.get("/account/preferences/")

    assert page.status_code == 200
    assert "read-only" in page.text
    assert 'name="preferred_language"' not in page.text
    response = municipality_client.post(
        "/account/preferences/", {"full_name": "Changed", "preferred_language": "en"}
    )
    assert response.status_code == 403


# --- Demo accounts --------------------------------------------------------------------------


@pytest.fixture
def demo_places(db):
    from tenants.services import centre_provision, federation_create

    for slug, country, language, currency in (
        ("nfs", "NO", "nb", "NOK"),
        ("frise", "DK", "da", "DKK"),
    ):
        federation_create(
            name=slug,
            slug=slug,
            country=country,
            default_language=language,
            currency=currency,
            time_zone="Europe/Oslo",
        )
    centre_provision(
        name="Midtre Gauldal", slug="midtre-gauldal", federation_slug="nfs",
        municipality_number="5027", status="active",
    )  # fmt: skip
    centre_provision(
        name="Næstved", slug="naestved", federation_slug="frise",
        municipality_number="370", status="active",
    )  # fmt: skip


def test_demo_accounts_are_made_once_and_can_sign_in(demo_places):
    from shared_apps.devtools.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_accounts

    load_demo_accounts(write=lambda line: None)
    load_demo_accounts(write=lambda line: None)

    emails = [account.email for account in DEMO_ACCOUNTS]
    assert User.objects.filter(email__in=emails).count() == len(emails) == 12
    client = host_client(f"midtre-gauldal.{settings.PLATFORM_DOMAIN}")
    response = submit_sign_in(client, "frivillig@midtre-gauldal.demo.dugnad.no", DEMO_PASSWORD)
    assert response["Location"] == "/staff/"
    platform = host_client(settings.PLATFORM_DOMAIN)
    response = submit_sign_in(platform, "kommune@midtre-gauldal.demo.dugnad.no", DEMO_PASSWORD)
    assert response["Location"] == "/municipality/"
    assert User.objects.get(email="operator@demo.dugnad.no").is_superuser
    assert FederationMembership.objects.get(user__email="admin@frise.demo.dugnad.dk").role == (
        "federation_admin"
    )


def test_the_readme_lists_every_demo_account_and_the_password():
    from pathlib import Path

    from shared_apps.devtools.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_table

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme[readme.index("## Demo accounts") :]
    section = section[: section.index("\n## ", 1)]
    assert DEMO_PASSWORD in section
    for role, url, email in demo_accounts_table(port="8000"):
        assert f"| {role}" in section
        assert f"<{url.replace(settings.PLATFORM_DOMAIN, 'localhost')}> | `{email}` |" in section
    assert len(DEMO_ACCOUNTS) == section.count("demo.dugnad.")
