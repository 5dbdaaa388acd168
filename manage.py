#!/usr/bin/env python3
"""Django's command-line utility for Dugnad.

Run it with any `python3`: it sets up `.venv` (Python >= 3.12, dependencies from
uv.lock) on first use and re-runs itself there. See platform/config/bootstrap.py.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The project package lives in platform/config and is imported as `config`; platform/
# itself has no __init__.py, so the standard library's `platform` module stays visible.
sys.path.insert(1, str(ROOT / "platform"))


def _needs_no_database(command: list[str]) -> bool:
    return command in ([], ["help"], ["--help"], ["-h"], ["version"], ["--version"])


def main() -> None:
    from config.bootstrap import ensure_environment

    ensure_environment()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    # Development without DATABASE_URL: start (or join) the embedded PostgreSQL here, not in
    # the settings, so that importing settings starts nothing; it stops when the last process
    # using it ends, Ctrl-C, SIGTERM and SIGHUP included (config/database.py).
    from config.database import embedded_database_wanted, start_embedded_database

    if embedded_database_wanted() and not _needs_no_database(sys.argv[1:2]):
        start_embedded_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
