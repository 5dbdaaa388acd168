"""A small fixed-window rate limit per client address, kept in Django's cache.

Public forms (anyone may post them) call `rate_limit_exceeded(request, scope=…)` before they
save: after `limit` posts from one address within `window` seconds the form answers "try
again later" instead. Keys hold the centre's schema, so one centre's visitors never use up
another centre's allowance and no key of one centre is read on another's host. The address
is `REMOTE_ADDR`, which production's proxy settings set to the visitor's (see
settings.production). django-ratelimit is not a dependency; this is all the forms need.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 3600


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as the server saw it."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_key(request: HttpRequest, scope: str, window: int) -> str:
    # The address is hashed: cache keys should not carry a visitor's address in clear.
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    slot = int(time.time() // window)
    return f"ratelimit:{connection.schema_name}:{scope}:{address}:{slot}"


def rate_limit_exceeded(
    request: HttpRequest,
    *,
    scope: str,
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW_SECONDS,
) -> bool:
    """Count one attempt of `scope` from this address; True once more than `limit` were made
    in the current window of `window` seconds (the attempt that passes the limit included)."""
    key = rate_limit_key(request, scope, window)
    # add() is atomic: only the first attempt in a window creates the counter.
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)
            count = 1
    return count > limit
