"""The dashboard as a browser gets it: gunicorn on loopback, a signed-in federation admin.

The server runs in its own processes (2 sync workers, as on these 2-core machines) with the
base settings and DEBUG off, against the bench database. The bench signs its federation
admin in by writing a session the way the sign-in page leaves it (user, backend, host,
second factor passed) and sends its cookie with each request.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ADMIN_EMAIL = "bench-federation-admin@example.org"


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def federation_admin_cookie(*, federation_slug: str) -> tuple[str, str]:
    """(cookie name, value) of a session of the federation's admin on the platform host."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.models import FederationMembership, User
    from shared_apps.accounts.sessions import SESSION_HOST_KEY
    from tenants.models import Federation

    user = User.objects.filter(email=ADMIN_EMAIL).first()
    if user is None:
        user = User.objects.create_user(ADMIN_EMAIL, None, full_name="Bench Federation Admin")
    FederationMembership.objects.get_or_create(
        user=user,
        federation=Federation.objects.get(slug=federation_slug),
        defaults={"role": "federation_admin"},
    )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)

    session = import_string(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_HOST_KEY] = settings.PLATFORM_DOMAIN
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return settings.SESSION_COOKIE_NAME, session.session_key


def start(*, root: Path, database: str, platform_domain: str, workers: int = 2) -> Server:
    """Start gunicorn on a free loopback port and wait until it answers."""
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-statistics-gunicorn-{port}.log"
    env = {
        **os.environ,
        "DUGNAD_DATABASE_NAME": database,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "0",
        "PLATFORM_DOMAIN": platform_domain,
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi:application",
                "--pythonpath",
                f"{root},{root / 'platform'}",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=root,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process=process, port=port, log=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"gunicorn did not answer on port {port} within 60 s; see {log}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


def get(server: Server, *, path: str, host: str, cookie: tuple[str, str]) -> tuple[int, float, int]:
    """One GET on a new connection (sync workers close it anyway): (status, ms, bytes)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(
            "GET",
            path,
            headers={
                "Host": host,
                "Cookie": f"{cookie[0]}={cookie[1]}",
                "Accept-Language": "nb",
            },
        )
        response = connection.getresponse()
        body = response.read()
        status = response.status
    finally:
        connection.close()
    return status, (time.perf_counter() - started) * 1000, len(body)


def timed_gets(
    server: Server,
    *,
    path: str,
    host: str,
    cookie: tuple[str, str],
    count: int,
    warmup: int,
) -> tuple[list[float], int]:
    """Warm up, then `count` sequential GETs; returns (milliseconds each, body bytes)."""
    size = 0
    for _ in range(warmup):
        status, _ms, size = get(server, path=path, host=host, cookie=cookie)
        if status != 200:
            raise SystemExit(
                f"GET {path} answered {status} instead of 200 (see {server.log}); "
                "is the federation admin signed in?"
            )
    samples = []
    for _ in range(count):
        status, ms, size = get(server, path=path, host=host, cookie=cookie)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status} during the measurement")
        samples.append(ms)
    return samples, size
