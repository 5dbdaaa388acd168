"""What the real-browser tests share: a live server in a thread and Debian's chromium driven
by Playwright, with every host of the test platform resolved to this machine."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread


@contextmanager
def live_server() -> Iterator[int]:
    """Serve the project (static files included) on a free port; yields the port."""
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    assert server.is_ready.wait(timeout=60), "the live server did not start within 60 s"
    if server.error:
        raise server.error
    try:
        yield server.port
    finally:
        server.terminate()  # shuts the server down and joins its thread
        assert not server.is_alive()


@contextmanager
def chromium():
    """Debian's chromium under Playwright, sending the platform's hosts to 127.0.0.1."""
    from playwright import sync_api

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is missing: `./manage.py test` installs it"
    # Playwright's sync API runs an event loop in this thread; the ORM is not used here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=executable,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--host-resolver-rules=MAP *.{settings.PLATFORM_DOMAIN} 127.0.0.1,"
            f"MAP {settings.PLATFORM_DOMAIN} 127.0.0.1",
        ],
    )
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def drop_centre(slug: str) -> None:
    """Remove a committed test centre: its schema and its row (with what hangs on it)."""
    from django.db import connection

    from tenants.models import Centre

    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "c_{slug.replace("-", "_")}" CASCADE')
    Centre.objects.filter(slug=slug).delete()


@contextmanager
def committed_centre(slug: str, make: Callable, *, remove: Callable | None = None):
    """A centre the live server can see: made by `make()` in a thread of its own (so it is
    committed, outside the test's transaction), removed afterwards, and removed first in
    case an interrupted run left it. Yields what `make` returns."""
    from tests.plugin import in_thread

    def remove_all():
        drop_centre(slug)
        if remove is not None:
            remove()

    in_thread(remove_all)
    made = in_thread(make)
    try:
        yield made
    finally:
        in_thread(remove_all)
