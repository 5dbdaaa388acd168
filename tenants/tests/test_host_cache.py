"""The host -> centre lookup is cached, and a change to a domain or a centre shows at once."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import CentreStatus, Domain
from tenants.selectors import centre_for_host
from tenants.services import centre_change_status


@pytest.fixture(autouse=True)
def host_cache_on(settings):
    """The test settings leave the lookup uncached (pages count their queries); here it is
    on, as in production."""
    settings.CENTRE_HOST_CACHE_SECONDS = 60


def host_of(centre) -> str:
    return f"{centre.slug}.{settings.PLATFORM_DOMAIN}"


def test_a_known_host_is_looked_up_once(centre, django_assert_num_queries):
    assert centre_for_host(host_of(centre)).pk == centre.pk
    with django_assert_num_queries(0):
        cached = centre_for_host(host_of(centre).upper())
    assert cached.pk == centre.pk
    assert cached.federation.slug == centre.federation.slug


def test_an_unknown_host_is_not_remembered(centre):
    assert centre_for_host("new.example.org") is None
    Domain.objects.create(domain="new.example.org", tenant=centre, is_primary=False)
    assert centre_for_host("new.example.org").pk == centre.pk


def test_suspending_a_centre_closes_its_site_at_once(centre, centre_client):
    assert centre_client.get("/").status_code == 200  # the lookup is cached now
    centre_change_status(centre=centre, to_status=CentreStatus.SUSPENDED)
    assert centre_client.get("/").status_code == 403
    centre_change_status(centre=centre, to_status=CentreStatus.ACTIVE)
    assert centre_client.get("/").status_code == 200


def test_a_renamed_centre_shows_its_new_name(centre):
    centre_for_host(host_of(centre))
    centre.name = "Frivilligsentralen med nytt navn"
    centre.save()
    assert centre_for_host(host_of(centre)).name == "Frivilligsentralen med nytt navn"


def test_a_removed_or_renamed_domain_stops_serving_the_centre(centre):
    extra = Domain.objects.create(domain="frivillig.example.org", tenant=centre, is_primary=False)
    assert centre_for_host("frivillig.example.org").pk == centre.pk
    extra.domain = "frivillig.example.net"
    extra.save()
    assert centre_for_host("frivillig.example.org") is None
    assert centre_for_host("frivillig.example.net").pk == centre.pk
    extra.delete()
    assert centre_for_host("frivillig.example.net") is None


def test_a_federation_change_reaches_its_centres(centre):
    assert centre_for_host(host_of(centre)).federation.default_language == "nb"
    federation = centre.federation
    federation.default_language = "en"
    federation.save()
    assert centre_for_host(host_of(centre)).federation.default_language == "en"


def test_the_cache_can_be_turned_off(centre, settings):
    settings.CENTRE_HOST_CACHE_SECONDS = 0
    centre_for_host(host_of(centre))
    with CaptureQueriesContext(connection) as queries:
        centre_for_host(host_of(centre))
    assert [query for query in queries if "tenants_domain" in query["sql"]]
