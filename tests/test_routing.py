"""How a request finds its centre: platform host, centre hosts, unknown hosts, closed centres."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from tenants.models import Domain
from tenants.services import centre_change_status


def test_platform_host_lists_federations_and_their_centres(platform_client):
    response = platform_client.get("/")
    assert response.status_code == 200
    assert "Test NFS" in response.text
    assert "Test FriSe" in response.text
    assert "Alpha Frivilligsentral" in response.text
    assert f"//alpha.{settings.PLATFORM_DOMAIN}" in response.text


def test_centre_host_shows_that_centre_only(centre_client):
    response = centre_client.get("/")
    assert response.status_code == 200
    assert "<h1>Alpha Frivilligsentral</h1>" in response.text
    assert "Beta" not in response.text


def test_host_matching_ignores_port_and_case(centre):
    client = Client(HTTP_HOST=f"ALPHA.{settings.PLATFORM_DOMAIN.upper()}:8000")
    response = client.get("/")
    assert response.status_code == 200
    assert "Alpha Frivilligsentral" in response.text


@pytest.mark.parametrize(
    "host",
    [
        f"nowhere.{settings.PLATFORM_DOMAIN}",
        "example.org",
        f"alpha.beta.{settings.PLATFORM_DOMAIN}",
        f"centre-template.{settings.PLATFORM_DOMAIN}",
    ],
)
def test_unknown_host_gets_a_404_page(db, host):
    response = Client(HTTP_HOST=host).get("/")
    assert response.status_code == 404
    assert "No centre at this address" in response.text
    assert "Alpha" not in response.text


def test_unknown_path_on_a_centre_is_a_404_page_not_an_error(centre_client):
    response = centre_client.get("/no/such/page/")
    assert response.status_code == 404


def test_custom_domain_serves_its_centre(centre):
    Domain.objects.create(domain="frivillig.alpha.example", tenant=centre, is_primary=False)
    response = Client(HTTP_HOST="frivillig.alpha.example").get("/")
    assert response.status_code == 200
    assert "Alpha Frivilligsentral" in response.text


@pytest.mark.parametrize(
    ("status", "code", "text"),
    [("suspended", 403, "suspended"), ("closed", 410, "has closed")],
)
def test_suspended_or_closed_centre_answers_with_a_clear_page(
    centre, centre_client, status, code, text
):
    centre_change_status(centre=centre, to_status=status, note="test")
    if status == "closed":  # closed centres stay readable until their data's retention date
        centre.retention_until = timezone.localdate() - datetime.timedelta(days=1)
        centre.save(update_fields=["retention_until"])
    response = centre_client.get("/")
    assert response.status_code == code
    assert text in response.text
    assert "Alpha Frivilligsentral" in response.text


def test_read_only_centre_can_be_read_but_not_written(centre, centre_client):
    centre_change_status(centre=centre, to_status="read_only")
    assert centre_client.get("/").status_code == 200
    centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = centre_client.post("/people/")
    assert response.status_code == 403
    assert "read-only" in response.text


def test_status_changes_are_recorded_with_dates(centre):
    centre_change_status(centre=centre, to_status="past_due")
    centre_change_status(centre=centre, to_status="active")
    steps = [(c.from_status, c.to_status) for c in centre.status_changes.all()]
    assert steps[-2:] == [("active", "past_due"), ("past_due", "active")]
    assert all(change.changed_at for change in centre.status_changes.all())


def test_connection_is_back_on_the_shared_schema_after_a_centre_request(centre_client):
    centre_client.get("/")
    assert connection.schema_name == "public"


def test_centre_pages_default_to_the_federations_language(centre_client, danish_centre):
    assert '<html lang="nb">' in centre_client.get("/").text
    danish = Client(HTTP_HOST=f"gamma.{settings.PLATFORM_DOMAIN}").get("/")
    assert '<html lang="da">' in danish.text


def test_a_chosen_language_wins_over_the_federations(centre_client):
    centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in centre_client.get("/").text
