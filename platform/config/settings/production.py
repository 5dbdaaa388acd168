"""Production settings: the base settings made safe. `manage.py check --deploy` is clean
(tests/test_production_settings.py runs it with the environment deploy/README.md sets).

They cannot start wrong: without DATABASE_URL, SECRET_KEY or REDIS_URL they refuse to load
(and no settings module ever starts the embedded PostgreSQL); development-only apps and
their commands (demo, demo_data, test, access_matrix) are not installed.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.database import MISSING_URL
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    CACHE_KEY_FUNCTION,
    DEVELOPMENT_APPS,
    INSTALLED_APPS,
    PLATFORM_DOMAIN,
    SHARED_APPS,
)

if not os.environ.get("DATABASE_URL", "").strip():  # base.py refuses too; said again here
    raise ImproperlyConfigured(MISSING_URL)
SHARED_APPS = [app for app in SHARED_APPS if app not in DEVELOPMENT_APPS]
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in DEVELOPMENT_APPS]
# Several gunicorn workers and the task worker share one cache only through Redis; every key
# carries the schema (base.py, docs/adr/0019).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if not REDIS_URL:
    raise ImproperlyConfigured("Set REDIS_URL, e.g. redis://127.0.0.1:6379/0 (deploy/README.md).")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        "KEY_PREFIX": "dugnad",
    }
}

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")

# Centres' custom domains are added with CUSTOM_DOMAINS (comma-separated); the routing
# middleware answers 404 for any host that is not in the Domain table anyway.
ALLOWED_HOSTS = [PLATFORM_DOMAIN, f".{PLATFORM_DOMAIN}"] + [
    host.strip().lower() for host in os.environ.get("CUSTOM_DOMAINS", "").split(",") if host.strip()
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

TWO_FACTOR_REQUIRED = True

# django-axes locks an account out per account *and address*, so that a stranger cannot lock
# a person out. Behind the proxy (deploy/nginx/dugnad-proxy.conf) every request comes from the
# proxy's address, which would make the lockout per account only. The proxy appends the
# address it saw to X-Forwarded-For; earlier entries are whatever the client sent. Set
# TRUSTED_PROXY_COUNT to the number of proxies in front of the application server, which
# must not be reachable except through them.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))


def client_ip_address(request) -> str | None:
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if TRUSTED_PROXY_COUNT and len(forwarded) >= TRUSTED_PROXY_COUNT:
        return forwarded[-TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


AXES_CLIENT_IP_CALLABLE = client_ip_address
# The API's per-address throttle reads the client's address the same way.
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}  # noqa: F405
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": True,
        },
    }
}
