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
# Pages count their queries in tests, host lookup included, so the lookup is not cached here;
# tenants/tests/test_host_cache.py turns it on and tests it.
CENTRE_HOST_CACHE_SECONDS = 0
# Statistics runs in the test's own connection: a worker thread could not see its data.
STATISTICS_WORKERS = 1
# Uploaded files go to a folder of this test process, removed when it ends.
import atexit as _atexit  # noqa: E402
import shutil as _shutil  # noqa: E402
import tempfile as _tempfile  # noqa: E402

MEDIA_ROOT = Path(_tempfile.mkdtemp(prefix="dugnad-test-media-"))  # noqa: F405
_atexit.register(_shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# The suite makes thousands of API requests a minute from one address; the tests about
# throttling set their own rates (tests/test_api_hardening.py).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"token": "100000/minute", "address": "100000/minute"},
}
