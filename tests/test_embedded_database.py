"""The embedded PostgreSQL of development stops with the last process that uses it, however
that process ends: `./manage.py demo` stopped with SIGTERM (systemd, a container runtime,
`kill`) or SIGHUP (a closing terminal) must not leave the server running without owner.

Each case runs the real `./manage.py demo` in a subprocess with its own data folder and
runtime folder (so it never meets the developer's embedded server), waits until the demo has
the server up and is working, sends the signal, and checks the postgres server is gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def embedded_home():
    """One data folder for both cases: initdb runs once."""
    home = Path(tempfile.mkdtemp(prefix="dugnad-embedded-test-"))
    home.chmod(0o755)
    yield home
    info = _postmaster_pid(home / "pgdata")
    if info and psutil.pid_exists(info):  # only after a failed case: the server we started
        psutil.Process(info).terminate()
    shutil.rmtree(home, ignore_errors=True)


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_demo_ended_by_a_signal_stops_the_embedded_server(embedded_home, signum):
    data = embedded_home / "pgdata"
    output = embedded_home / f"demo-{signum.name}.log"
    env = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DUGNAD_DATABASE_NAME", "XDG_RUNTIME_DIR"}
        and not name.startswith("DUGNAD_EMBEDDED")
    }
    env |= {"DUGNAD_EMBEDDED_DATA": str(data), "XDG_RUNTIME_DIR": str(embedded_home / "run")}
    with output.open("w") as log:
        demo = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "demo", "127.0.0.1:0"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        # The demo has started (or joined) the server and is migrating or loading data.
        _wait_for(
            lambda: "Migrating the database" in output.read_text() or demo.poll() is not None,
            timeout=180,
            what="the demo to start",
        )
        assert demo.poll() is None, output.read_text()
        server = _postmaster_pid(data)
        assert server and psutil.pid_exists(server), "the embedded server is not running"

        demo.send_signal(signum)
        demo.wait(timeout=60)

        _wait_for(lambda: not psutil.pid_exists(server), timeout=20, what="postgres to stop")
        assert not (data / "postmaster.pid").exists()
        assert demo.returncode == 128 + signum, output.read_text()
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
