"""`migrate` as a deploy runs it: its own process, centres migrated by a pool of processes.

A schema whose table someone else keeps locked fails after the lock timeout instead of
hanging the deploy; the other schemas are migrated; once the lock is gone a re-run finishes.
The committed state these tests change is put back after them.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tenants.tests.test_fast_migrate import BEHIND, applied, columns, put_behind
from tests.plugin import in_thread

ROOT = Path(__file__).resolve().parents[2]


def run_migrate(*options: str) -> subprocess.CompletedProcess:
    """`./manage.py migrate` in a process of its own, on this test's database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DUGNAD_DATABASE_NAME": connection.settings_dict["NAME"],
    }
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "2", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def behind(centre, other_centre, danish_centre):
    """The three centres behind by audit 0002, committed; current again afterwards."""
    schemas = [centre.schema_name, other_centre.schema_name, danish_centre.schema_name]
    in_thread(lambda: [put_behind(schema) for schema in schemas])
    yield schemas
    in_thread(lambda: call_command("migrate", interactive=False, verbosity=0))


def test_a_pool_of_processes_migrates_every_schema_behind(behind):
    result = run_migrate("--workers", "2")

    assert result.returncode == 0, result.stderr
    assert "Migrated 3 of 3 schemas with 2 process(es)" in result.stdout
    for schema in behind:
        assert f"{schema}: migrated" in result.stdout
        assert {"code", "params"} <= columns(schema, "audit_auditevent")
        assert applied(schema, *BEHIND)


def test_a_locked_schema_fails_after_the_lock_timeout_and_a_rerun_finishes(behind):
    alpha, beta, gamma = behind
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    # A long transaction of someone else's (a report, a stuck job) reads beta's table.
    with psycopg.connect(**{**params, "autocommit": False}) as someone:
        someone.execute(f'LOCK TABLE "{beta}".audit_auditevent IN ACCESS SHARE MODE')

        result = run_migrate("--workers", "2", "--lock-timeout", "1")

        assert result.returncode == 1
        assert f"{beta}: LockNotAvailable" in result.stderr
        assert "could not be migrated" in result.stderr and beta in result.stderr
        assert "Migrated 2 of 3 schemas with 2 process(es)" in result.stdout
        someone.rollback()

    for schema in (alpha, gamma):
        assert {"code", "params"} <= columns(schema, "audit_auditevent")
        assert applied(schema, *BEHIND)
    assert "code" not in columns(beta, "audit_auditevent")
    assert not applied(beta, *BEHIND)

    rerun = run_migrate("--workers", "2")

    assert rerun.returncode == 0, rerun.stderr
    assert "Checked" in rerun.stdout and "1 behind" in rerun.stdout
    assert {"code", "params"} <= columns(beta, "audit_auditevent")
    assert applied(beta, *BEHIND)
