"""localstripe, a local Stripe emulator (dev dependency), for the demo and the tests: started
as a subprocess on loopback, with its signed webhooks sent to a URL we choose."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

# localstripe writes every object to /tmp/localstripe.pickle; several processes on one
# machine (test workers, checkouts) would overwrite each other's file, so it is turned off.
_RUN = (
    "import sys, localstripe.resources as r; r.Store.dump_to_disk = lambda self: None; "
    "from localstripe.server import start; sys.argv = ['localstripe', *sys.argv[1:]]; start()"
)


def localstripe_is_installed() -> bool:
    return importlib.util.find_spec("localstripe") is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def localstripe_start(*, port: int, timeout: float = 30) -> subprocess.Popen:
    """Start localstripe on `port` from an empty store; returns once it answers."""
    process = subprocess.Popen(
        [sys.executable, "-c", _RUN, "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("localstripe exited at start")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError("localstripe did not start")


def localstripe_send_webhooks(*, api_base: str, url: str, secret: str) -> None:
    """Have localstripe sign its events with `secret` and POST them to `url`."""
    data = urllib.parse.urlencode({"url": url, "secret": secret}).encode()
    urllib.request.urlopen(f"{api_base}/_config/webhooks/dugnad", data=data, timeout=10).close()
