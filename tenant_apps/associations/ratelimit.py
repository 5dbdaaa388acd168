"""A simple limit on public submissions per address, so a script cannot flood a centre's
forms. One function, so that a shared toolkit helper can take its place."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest


def submission_allowed(
    request: HttpRequest, *, scope: str, limit: int = 5, window_seconds: int = 3600
) -> bool:
    """Count one submission from the request's address to `scope` in this centre; False
    once the address has made `limit` of them within the window."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    # The schema is part of the key: one centre's visitors never count against another's.
    key = f"submissions:{connection.schema_name}:{scope}:{address}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit
