"""Every setting of Dugnad. Values that differ between machines come from the environment,
read here and nowhere else: DATABASE_URL, PLATFORM_DOMAIN, SECRET_KEY, DEBUG, SENTRY_DSN,
STRIPE_*. `production.py` and `test.py` override a handful of these.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.database import database_settings

ROOT = Path(__file__).resolve().parents[3]
BASE_DIR = ROOT


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-dugnad-key-change-me-in-production")
DEBUG = env_flag("DEBUG", True)

# The platform host serves the federation and municipality pages and the admin;
# every centre is <slug>.<PLATFORM_DOMAIN>. Hosts are validated against the Domain
# table by tenants.middleware.CentreRoutingMiddleware, which answers 404 for any
# other host, so Django's own host check lets every host through to it.
PLATFORM_DOMAIN = os.environ.get("PLATFORM_DOMAIN", "localhost").strip().lower()
ALLOWED_HOSTS = ["*"]

# --- Applications -------------------------------------------------------------------
# Every project app sits in exactly one of these lists (tests/test_architecture.py).
SHARED_APPS = [
    "tenants",  # first: its migrate/migrate_schemas commands wrap django-tenants'
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.postgres",
    # After the admin (security): django-tenants' own admin/index.html and app_list.html
    # carry an inline <style> and style attributes that our Content-Security-Policy blocks,
    # and fail on the platform host, whose request has no tenant. Django's admin templates
    # come first this way; only template lookup depends on this position.
    "django_tenants",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our origin (CSP)
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "shared_apps.accounts",
    "shared_apps.portal",
    "shared_apps.devtools",
    "shared_apps.statistics",
    "shared_apps.dashboard",
    "shared_apps.networks",
    "shared_apps.reports",
    "shared_apps.billing",
    "shared_apps.ropa",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "tenant_apps.home",
    "tenant_apps.activities",
    "tenant_apps.staff",
    "tenant_apps.audit",
    "tenant_apps.people",
    "tenant_apps.helprequests",
    "tenant_apps.hours",
    "tenant_apps.changetracking",
    "tenant_apps.annualreport",
    "tenant_apps.networkspace",
    "tenant_apps.award",
    "tenant_apps.associations",
    "tenant_apps.events",
    "tenant_apps.privacy",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]
# Development-only apps (demo data, the test command, the access matrix): production.py
# leaves them out of INSTALLED_APPS, so their commands do not exist there.
DEVELOPMENT_APPS = ["shared_apps.devtools"]

TENANT_MODEL = "tenants.Centre"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New centres are cloned from this schema, which `migrate_schemas` keeps migrated.
TENANT_BASE_SCHEMA = "centre_template"
# `SET search_path` once per schema change on a connection, not before every cursor.
# django-tenants forgets what it set when the schema changes, on close (the connection goes
# back to the pool, whose reset hook clears it) and on rollback (which may undo the SET).
TENANT_LIMIT_SET_CALLS = True
# Seconds `migrate` lets a schema wait for a lock on one of its tables (a long transaction
# of a request or a job) before that schema fails and the others go on (0: wait forever).
MIGRATION_LOCK_TIMEOUT = 30
PUBLIC_SCHEMA_URLCONF = "config.urls_platform"
ROOT_URLCONF = "config.urls_centre"
# Seconds a web process keeps a host -> centre lookup (tenants.selectors; 0: not kept). A
# change to a domain, centre or federation makes every process forget them at once through
# the shared cache; this is only the bound for a cache that is not shared.
CENTRE_HOST_CACHE_SECONDS = 600
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]

# Steps run inside a new centre's schema, in order, with a tenants.contracts.CentreDefaults.
CENTRE_PROVISIONING_STEPS = [
    "tenant_apps.activities.provisioning.install_activity_categories",
    "tenant_apps.people.provisioning.install_people_defaults",
    "tenant_apps.helprequests.provisioning.install_request_types",
]

# When a person's role at a centre is granted, changed or taken away (from any host),
# shared_apps.accounts.role_changes calls these inside that centre's schema with a
# shared_apps.accounts.contracts.CentreRoleChange, in the transaction of the change.
CENTRE_ROLE_CHANGE_STEPS = ["tenant_apps.staff.role_changes.role_change_record"]

# The statistics pipeline (shared_apps.statistics.pipeline) runs these inside each centre's
# schema: collectors return allow-listed aggregate rows, publishers the public activities.
STATISTICS_COLLECTORS = [
    "tenant_apps.hours.stats.collect_hours",
    "tenant_apps.people.stats.collect_volunteers",
    "tenant_apps.activities.stats.collect_activities",
    "tenant_apps.helprequests.stats.collect_help_requests",
]
STATISTICS_PUBLISHERS = ["tenant_apps.activities.stats.public_activities"]
# Threads a statistics run uses (0: one per CPU core).
STATISTICS_WORKERS = int(os.environ.get("STATISTICS_WORKERS", "0"))

# Reminders of other apps, sent inside each open centre by activities' `send_due_reminders`
# task (after the shift reminders): functions without arguments returning how many were sent.
CENTRE_REMINDERS = ["tenant_apps.events.services.event_reminders_send"]

# `manage.py demo_data` fills each demo centre with these steps, in order, inside its schema:
# each is called with a tenants.contracts.CentreDemo (size, seed, country, language) and
# write=<a print function>, and keeps what the centre already has.
CENTRE_DEMO_STEPS = [
    "tenant_apps.people.demo.people_demo",
    "tenant_apps.activities.demo.activities_demo",
    "tenant_apps.helprequests.demo.help_requests_demo",
    "tenant_apps.hours.demo.hours_demo",
    "tenant_apps.home.demo.public_site_demo",
    # The public site's forms: offers, public help requests, sign-ups, the award.
    "tenant_apps.people.demo.volunteer_applications_demo",
    "tenant_apps.helprequests.demo.public_help_requests_demo",
    "tenant_apps.activities.demo.public_signups_demo",
    "tenant_apps.award.demo.award_demo",
    "tenant_apps.associations.demo.associations_demo",
    "tenant_apps.events.demo.events_demo",
    # After the centre's content: it does not change what the steps above make.
    "tenant_apps.people.demo.demo_accounts_link",
    "tenant_apps.privacy.demo.privacy_demo",
    # Last: the report's figures come from everything above.
    "tenant_apps.annualreport.demo.annual_report_demo",
]
# Then these steps across centres (each called with write=<a print function>).
DEMO_DATA_STEPS: list[str] = [
    "shared_apps.networks.demo.load_networks_demo",
    "shared_apps.billing.demo.load_billing_demo",
    "shared_apps.devtools.demo.load_access_demo",
    # Last: figures of everything above.
    "shared_apps.statistics.demo.load_statistics_demo",
]

MIDDLEWARE = [
    # Security headers first (security): CentreRoutingMiddleware answers unknown hosts and
    # suspended or closed centres itself, and those pages need the headers too.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tenants.middleware.CentreRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shared_apps.accounts.sessions.HostBoundSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tenants.middleware.LanguageMiddleware",
    # Read-only and closed centres: every write but the person's own session is refused.
    "tenants.middleware.CentreWriteGuardMiddleware",
    "shared_apps.accounts.access.AccessPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [ROOT / "platform" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "tenants.context_processors.current_centre",
                # A banner about the centre's status (trial, payment due, read-only, closed).
                "tenants.context_processors.centre_notice",
                # One menu per host on every page (base.html): a centre's, or the platform's.
                "tenant_apps.staff.context_processors.site_menu",
                "shared_apps.portal.context_processors.site_menu",
                # The public menu of a centre's own site (home/public_base.html).
                "tenant_apps.home.context_processors.public_site_menu",
            ],
            # The toolkit's filters (dates, phone numbers): {% load toolkit %}.
            "libraries": {"toolkit": "toolkit.templatetags"},
        },
    }
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --- Database -----------------------------------------------------------------------
# From DATABASE_URL only: settings start nothing (config/database.py; in development
# manage.py starts the embedded PostgreSQL and sets DATABASE_URL before Django starts).
DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out accounts
    # Then: refuses an attempt that comes too early for its account (from any address).
    "shared_apps.accounts.throttle.AccountThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Centre managers, federation staff and platform operators must use a second factor
# (TOTP). production.py forces this on; the demo can run without it.
TWO_FACTOR_REQUIRED = env_flag("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "Dugnad"

# Lock an account out for 15 minutes after 5 failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Per account and address: an attacker cannot lock a person out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Beside it, per account from every address together (shared_apps.accounts.throttle): after
# 10 wrong passwords within a day, each attempt waits twice as long as the one before, at
# most 15 minutes; never in a browser where the person has signed in before.
SIGN_IN_THROTTLE_FREE_FAILURES = 10
SIGN_IN_THROTTLE_WINDOW = timedelta(hours=24)
SIGN_IN_THROTTLE_MAX_DELAY = timedelta(minutes=15)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [ROOT / "platform" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = ROOT / "staticfiles"
# Uploaded files (experience network files). Never served as public URLs: each download goes
# through a view that checks the person may see it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", ROOT / ".var" / "media"))
STATICFILES_DIRS = [ROOT / "platform" / "static"]

# --- Sessions and cookies -------------------------------------------------------------
# No cookie domain: each cookie belongs to the exact host that set it, so a centre's
# session cookie is never sent to another centre or to the platform host.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Scripts and styles only from our own origin, or inline with the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- E-mail -------------------------------------------------------------------------
# Django 6.1 mailers. Development prints e-mails to the console; production.py sends SMTP.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dugnad <no-reply@dugnad.example>")
INVITATION_VALID_DAYS = 14

# --- API ----------------------------------------------------------------------------
# Authentication and permission go through shared_apps.accounts: a token is valid on one
# centre only, and every API view declares its roles like every page does.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "shared_apps.accounts.api_auth.CentreTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["shared_apps.accounts.access.RolePolicyPermission"],
    "DEFAULT_SCHEMA_CLASS": "toolkit.api_schema.ApiAutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # A service's ApplicationError becomes a 400 (or its own status) like a validation error.
    "EXCEPTION_HANDLER": "toolkit.errors.api_exception_handler",
    # Input bounds, OPTIONS, throttling and the documented errors: docs/adr/0012.
    "DEFAULT_PARSER_CLASSES": [
        "toolkit.api.BoundedJSONParser",
        "toolkit.api.BoundedFormParser",
        "toolkit.api.BoundedMultiPartParser",
    ],
    "DEFAULT_METADATA_CLASS": "toolkit.api.ApiMetadata",
    "DEFAULT_THROTTLE_CLASSES": [
        "toolkit.api.TokenRateThrottle",
        "toolkit.api.AddressRateThrottle",
    ],
    # Per token and per client address, counted in the default cache (CACHES).
    "DEFAULT_THROTTLE_RATES": {"token": "120/minute", "address": "300/minute"},
}

# Menus list only the pages a person may open: the access layer decides (toolkit.navigation).
NAVIGATION_MAY_OPEN = "shared_apps.accounts.access.may_open"

SPECTACULAR_SETTINGS = {
    "TITLE": "Dugnad centre API",
    "DESCRIPTION": (
        "The REST API of one volunteer centre, on the centre's own host, in JSON. It uses the "
        "same roles as the pages: volunteers see their own records, coordinators and managers "
        "everyone's.\n\n"
        "**Signing in.** From a browser where you are signed in, the API uses your session. A "
        "program sends an API token with every request, as the header "
        "`Authorization: Bearer …`. Coordinators and managers make tokens on the “API tokens” "
        "page; a token works on this centre only.\n\n"
        "**Lists** come a page at a time: use the `page` parameter and follow `next`. Use "
        "`ordering` to sort, with a minus sign for descending order."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from drf-spectacular-sidecar's static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "toolkit.api_schema.local_time_schema",
    ],
    # Several models have a "status"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "VolunteerStatusEnum": "tenant_apps.people.models.Volunteer.Status",
        "VolunteerStatusStaffEnum": "tenant_apps.people.api.STAFF_STATUS_CHOICES",
        "HelpRequestStatusEnum": "tenant_apps.helprequests.models.HelpRequest.Status",
        "HoursEntryStatusEnum": "tenant_apps.hours.models.HoursEntry.Status",
        "ShiftSignupStatusEnum": "tenant_apps.activities.models.ShiftSignup.Status",
        "TargetGroupEnum": "tenant_apps.people.models.TargetGroup",
        "ConsentPurposeEnum": "tenant_apps.people.models.Consent.Purpose",
    },
}

# --- Background tasks (Django's tasks framework, stored in the shared schema) -------------
# Run the worker with `./manage.py db_worker`; tasks that work inside a centre take its
# schema name as an argument and enter it themselves.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Cache --------------------------------------------------------------------------
# Every key carries the current schema (django-tenants' make_key: "<schema>:<prefix>:<version>:
# <key>"), so the same key in two centres never meets. REDIS_URL (e.g. redis://127.0.0.1:6379/0)
# makes the cache shared by every web and worker process; production.py requires it.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_KEY_FUNCTION = "django_tenants.cache.make_key"
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
            "KEY_PREFIX": "dugnad",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        }
    )
}

# --- Uploaded files on S3-compatible storage -------------------------------------------
# With AWS_STORAGE_BUCKET_NAME set, uploads go to that bucket (django-storages; credentials
# from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them), each file's name
# starting with the schema it was uploaded in (toolkit.storage.CentreS3Storage). Files stay
# private: the bucket is never public and downloads go through the views that check access.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        "default": {
            "BACKEND": "toolkit.storage.CentreS3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "location": os.environ.get("AWS_LOCATION", "media"),
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

# --- Logging ------------------------------------------------------------------------
# Addresses that are keys (an invitation, a password reset, a calendar feed): the part after
# the first group is written "…" in every log line and error report (toolkit.log_masking).
SECRET_URL_PATTERNS = [
    r"(/account/invitation/)[^/\s?#\"']+",
    # /account/password-reset/<uidb64>/<token>/ (not /sent/ or /done/)
    r"(/account/password-reset/)(?!sent/|done/)[^/\s?#\"']+/[^/\s?#\"']+",
    r"(/activities/calendar/(?:volunteer|activity)/)[^/\s?#\"']+?(?=\.ics|[/\s?#\"']|$)",
]
DEFAULT_EXCEPTION_REPORTER_FILTER = "toolkit.log_masking.SecretUrlReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secret_urls": {"()": "toolkit.log_masking.MaskSecretUrls"}},
    # The filter is on every handler, so whatever logger a record comes from, it is masked
    # before it is written or sent.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secret_urls"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["mask_secret_urls"],
        },
    },
    "loggers": {
        # In place of Django's defaults, whose handlers have no such filter: django.request
        # and django.security reach these through "django", and the root's console.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Integrations: off unless configured ---------------------------------------------
# Sentry (config.sentry): events carry no personal data and are tagged with the centre.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
# The environment defaults to the settings module's name: production, test, base.
SENTRY_ENVIRONMENT = (
    os.environ.get("SENTRY_ENVIRONMENT")
    or (os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.base").rsplit(".", 1)[-1])
)
SENTRY_RELEASE = os.environ.get("SENTRY_RELEASE") or None
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0)
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Billing is on only with STRIPE_SECRET_KEY. Subscribing goes through Stripe Checkout; a
# local emulator (STRIPE_API_BASE, e.g. localstripe) has no Checkout, so there a manager
# subscribes directly with Stripe's test card.
STRIPE_USE_CHECKOUT = env_flag("STRIPE_USE_CHECKOUT", not STRIPE_API_BASE)
# After a failed payment a centre stays usable (past_due) this long, then becomes read-only.
BILLING_GRACE_DAYS = int(os.environ.get("BILLING_GRACE_DAYS", "14"))
# A closed centre's data is kept this long by default; its managers can export it until then.
CENTRE_CLOSED_RETENTION_DAYS = 90

# Last, so every setting above is final: Sentry starts only with a DSN.
if SENTRY_DSN:
    from config.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )
