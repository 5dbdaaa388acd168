"""The cache every web and worker process shares (Redis in production) keeps centres apart:
its key function puts the current schema in every key, so the same key set in two centres
are two entries, and the platform host sees neither. Runs against the real Redis on
127.0.0.1:6379 (database 13, which nothing else here uses), with a prefix of its own."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django_tenants.utils import schema_context

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def shared_cache():
    """A cache configured like production's (settings.CACHES with REDIS_URL set)."""
    options = {
        name: value
        for name, value in settings.CACHES["default"].items()
        if name not in {"BACKEND", "LOCATION"}
    }
    cache = RedisCache(REDIS_URL, {**options, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    written = []
    yield cache, written
    client = cache._cache.get_client(write=True)
    for key in written:
        client.delete(key)


def test_the_same_key_in_two_centres_does_not_collide(shared_cache, centre, other_centre):
    cache, written = shared_cache
    with schema_context(centre.schema_name):
        cache.set("dashboard:figures", {"volunteers": 12}, timeout=60)
        written.append(cache.make_key("dashboard:figures"))
    with schema_context(other_centre.schema_name):
        assert cache.get("dashboard:figures") is None
        cache.set("dashboard:figures", {"volunteers": 40}, timeout=60)
        written.append(cache.make_key("dashboard:figures"))
    assert len(set(written)) == 2

    with schema_context(centre.schema_name):
        assert cache.get("dashboard:figures") == {"volunteers": 12}
    with schema_context(other_centre.schema_name):
        assert cache.get("dashboard:figures") == {"volunteers": 40}
    with schema_context("public"):
        assert cache.get("dashboard:figures") is None

    # Deleting in one centre leaves the other's entry.
    with schema_context(centre.schema_name):
        cache.delete("dashboard:figures")
    with schema_context(other_centre.schema_name):
        assert cache.get("dashboard:figures") == {"volunteers": 40}


def test_every_stored_key_starts_with_the_schema(shared_cache, centre):
    cache, written = shared_cache
    with schema_context(centre.schema_name):
        cache.set("calendar", "x", timeout=60)
        written.append(cache.make_key("calendar"))
    client = cache._cache.get_client()
    assert client.exists(f"{centre.schema_name}:{cache.key_prefix}:1:calendar") == 1
