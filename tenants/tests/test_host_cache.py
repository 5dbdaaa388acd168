"""Each process keeps the host -> centre lookup, and a change to a domain, a centre or a
federation shows at once, in this process and (through the shared cache) in every other."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tenants.models import Centre, CentreStatus, Domain
from tenants.selectors import ROUTING_GENERATION_KEY, centre_for_host
from tenants.services import centre_change_status


@pytest.fixture(autouse=True)
def host_cache_on(settings):
    """The test settings leave the lookup unkept (pages count their queries); here it is
    kept, as in production."""
    settings.CENTRE_HOST_CACHE_SECONDS = 600


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


def test_a_change_announced_by_another_process_shows_here(centre, django_assert_num_queries):
    host = host_of(centre)
    assert centre_for_host(host).name == centre.name
    # Another process changes the row (no signal reaches this one) and moves the generation
    # in the shared cache, as tenants.signals does there.
    Centre.objects.filter(pk=centre.pk).update(name="Endret i en annen prosess")
    with django_assert_num_queries(0):
        assert centre_for_host(host).name == centre.name  # still the kept copy
    cache.set(ROUTING_GENERATION_KEY, "another process's generation", timeout=None)
    assert centre_for_host(host).name == "Endret i en annen prosess"


def test_a_change_made_inside_a_centre_schema_reaches_the_routing(centre):
    host = host_of(centre)
    centre_for_host(host)
    with schema_context(centre.schema_name):  # e.g. a manager's request on the centre's host
        centre.name = "Nytt navn fra sentralen"
        centre.save()
    assert connection.schema_name == "public"
    assert centre_for_host(host).name == "Nytt navn fra sentralen"


def test_a_lost_generation_only_costs_a_lookup(centre):
    host = host_of(centre)
    centre_for_host(host)
    cache.delete(ROUTING_GENERATION_KEY)  # evicted, or the cache restarted
    with CaptureQueriesContext(connection) as queries:
        assert centre_for_host(host).pk == centre.pk
    assert [query for query in queries if "tenants_domain" in query["sql"]]


def test_what_a_request_sets_on_its_centre_stays_in_that_request(centre):
    host = host_of(centre)
    first = centre_for_host(host)
    first.name = "Bare i denne forespørselen"
    first.federation.default_language = "en"  # related rows are copied with the centre
    second = centre_for_host(host)
    assert second is not first
    assert second.name == centre.name
    assert second.federation.default_language == "nb"
