"""toolkit.ratelimit: a fixed window per client address, per scope and per centre."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.test import RequestFactory
from django_tenants.utils import schema_context

from tests.plugin import clock_at
from toolkit.ratelimit import rate_limit_exceeded, rate_limit_key


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def attempts(count: int, *, address="198.51.100.1", scope="form", limit=3) -> list[bool]:
    return [
        rate_limit_exceeded(request_from(address), scope=scope, limit=limit, window=60)
        for _ in range(count)
    ]


def test_the_attempt_past_the_limit_is_refused_until_the_window_ends(centre):
    moment = datetime.datetime(2027, 5, 3, 10, 0, 5, tzinfo=datetime.UTC)
    with schema_context(centre.schema_name):
        with clock_at(moment):
            assert attempts(4) == [False, False, False, True]
        with clock_at(moment + datetime.timedelta(seconds=60)):
            assert attempts(1) == [False]


def test_addresses_scopes_and_centres_are_counted_apart(centre, other_centre, stopped_clock):
    with schema_context(centre.schema_name):
        attempts(3)
        assert attempts(1) == [True]
        assert attempts(1, address="198.51.100.2") == [False]
        assert attempts(1, scope="other-form") == [False]
    with schema_context(other_centre.schema_name):
        assert attempts(1) == [False]


def test_keys_carry_the_schema_and_never_the_address_in_clear(centre):
    with schema_context(centre.schema_name), clock_at(datetime.date(2027, 5, 3)):
        key = rate_limit_key(request_from("198.51.100.1"), "form", 60)
        attempts(1)

    assert key.startswith(f"ratelimit:{centre.schema_name}:form:")
    assert "198.51.100.1" not in key
    with schema_context(centre.schema_name):  # the cache prefixes keys with the schema too
        assert cache.get(key) == 1
