"""Make sure the project runs in its own virtual environment, creating it when needed.

`manage.py` and the scripts in `bench/` call `ensure_environment()` before they import
Django. It uses the standard library only, because it runs under whatever `python3`
the shell found first (3.11 on these machines) and has to find a Python >= 3.12.

Steps, each skipped when already done:
1. find a Python >= 3.12 (`DUGNAD_PYTHON`, the running one, `python3.13`/`python3.12`
   on PATH, pyenv's versions, /usr/bin, /usr/local/bin);
2. create `.venv` with it and install `uv` there;
3. `uv sync --frozen` from `uv.lock` whenever `pyproject.toml` or `uv.lock` changed
   (`--no-dev` with the production settings);
4. re-execute the calling script with `.venv/bin/python`.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".dugnad-lock-hash"
MINIMUM = (3, 12)
UV_VERSION = "0.13.9"


def _say(message: str) -> None:
    print(f"[dugnad] {message}", file=sys.stderr, flush=True)


def _version_of(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def find_python() -> str:
    """Return the path of a Python interpreter >= 3.12, or exit with a clear message."""
    candidates: list[str] = []
    if os.environ.get("DUGNAD_PYTHON"):
        candidates.append(os.environ["DUGNAD_PYTHON"])
    if sys.version_info[:2] >= MINIMUM:
        candidates.append(sys.executable)
    for name in ("python3.14", "python3.13", "python3.12"):
        found = shutil.which(name)
        if found:
            candidates.append(found)
    home = Path.home()
    for pattern in (
        str(home / ".pyenv/versions/3.1[2-9]*/bin/python3"),
        "/root/.pyenv/versions/3.1[2-9]*/bin/python3",
        "/usr/local/bin/python3.1[2-9]",
        "/usr/bin/python3.1[2-9]",
    ):
        candidates.extend(sorted(glob.glob(pattern), reverse=True))
    for candidate in candidates:
        version = _version_of(candidate)
        if version and version >= MINIMUM:
            return candidate
    sys.exit(
        "Dugnad needs Python 3.12 or newer and found none. "
        "Install one, or point DUGNAD_PYTHON at it."
    )


def _lock_hash() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "uv.lock"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def ensure_venv() -> None:
    """Create or update `.venv` so that it matches `uv.lock`."""
    if not VENV_PYTHON.exists() or (_version_of(str(VENV_PYTHON)) or (0, 0)) < MINIMUM:
        python = find_python()
        _say(f"creating .venv with {python}")
        if VENV.exists():
            shutil.rmtree(VENV)
        _run([python, "-m", "venv", str(VENV)])
    uv = VENV / "bin" / "uv"
    if not uv.exists():
        _say("installing uv into .venv")
        _run(
            [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"],
            stdout=subprocess.DEVNULL,
        )
    wanted = _lock_hash()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        _say("installing dependencies from uv.lock")
        env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(VENV), UV_PYTHON=str(VENV_PYTHON))
        command = [str(uv), "sync", "--frozen", "--no-python-downloads"]
        if os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production"):
            command.append("--no-dev")  # a server needs no test tools (deploy/README.md)
        _run(command, env=env)
        STAMP.write_text(wanted)


def ensure_environment() -> None:
    """Re-run the current script inside `.venv`, setting it up first if needed."""
    inside = Path(sys.prefix).resolve() == VENV.resolve()
    if inside and STAMP.exists() and STAMP.read_text() == _lock_hash():
        return
    ensure_venv()
    if not inside:
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
