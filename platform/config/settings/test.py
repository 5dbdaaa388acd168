"""Settings for the test suite: the base settings with a fast password hasher."""

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests use their own platform host, whatever the environment says.
PLATFORM_DOMAIN = "dugnad.test"
# Tests run with the production rule: managers and federation staff need a second factor.
TWO_FACTOR_REQUIRED = True
# Tasks run at once, inside the test's transaction.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
