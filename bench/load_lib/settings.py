"""Settings of the server bench/load starts: the base settings as production runs them.

DEBUG off, no Sentry (bench/load starts the server without SENTRY_DSN), only the platform's
host names allowed, and the second factor required as in production: the bench's sessions
are written as the sign-in leaves them after a passed TOTP step (load_lib.accounts), so the
OTP middleware checks a real device on every request. What differs from production, for
the bench only:

- the API and sign-in throttles are raised: every simulated client comes from 127.0.0.1;
- BENCH_HOST_CACHE_SECONDS=0 sets CENTRE_HOST_CACHE_SECONDS to 0 (the host lookup not kept);
- BENCH_REDIS_URL makes Redis the cache, as the production deploy does;
- BENCH_ROUTING=fixed replaces the tenant routing by load_lib.fixed_schema (BENCH_FIXED_SCHEMA).
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    CENTRE_HOST_CACHE_SECONDS,
    MIDDLEWARE,
    PLATFORM_DOMAIN,
    REST_FRAMEWORK,
)

DEBUG = False
ALLOWED_HOSTS = [PLATFORM_DOMAIN, f".{PLATFORM_DOMAIN}"]
TWO_FACTOR_REQUIRED = True

UNLIMITED = "1000000/second"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"token": UNLIMITED, "address": UNLIMITED},
}
AXES_FAILURE_LIMIT = 1_000_000

CENTRE_HOST_CACHE_SECONDS = int(
    os.environ.get("BENCH_HOST_CACHE_SECONDS", CENTRE_HOST_CACHE_SECONDS)
)

# Per-process memory by default, with room for every centre's host (the default keeps 300
# entries, fewer than the centres: lookups would be culled and miss).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
if os.environ.get("BENCH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
            "KEY_PREFIX": "bench-load",
        }
    }

BENCH_FIXED_SCHEMA = os.environ.get("BENCH_FIXED_SCHEMA", "")
if os.environ.get("BENCH_ROUTING") == "fixed":
    MIDDLEWARE = [
        "load_lib.fixed_schema.FixedSchemaMiddleware"
        if name == "tenants.middleware.CentreRoutingMiddleware"
        else name
        for name in MIDDLEWARE
    ]
