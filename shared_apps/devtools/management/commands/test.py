"""Every check CI runs, in one command: `./manage.py test [pytest arguments]`.

Static checks first (ruff lint and format, import contracts, migrations in step with the
models, translations compile), then the pytest suite, whose summary is the last line.
Arguments after `test` go to pytest, e.g. `./manage.py test -k routing -x`.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

ROOT = Path(__file__).resolve().parents[4]
BIN = Path(sys.executable).parent


def ensure_chromium(write) -> bool:
    """The browser test drives Debian's chromium; install it when missing (browser downloads
    such as `playwright install` cannot reach their servers here)."""
    if shutil.which("chromium"):
        return True
    if os.geteuid() != 0:
        write("chromium is missing: install Debian's `chromium` package (needs root)")
        return False
    write("installing Debian's chromium for the browser test …")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False, **quiet)
    return shutil.which("chromium") is not None


class Command(BaseCommand):
    help = "Run ruff, import-linter, the migrations check and the whole pytest suite."

    def add_arguments(self, parser):
        parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")
        parser.add_argument(
            "--no-static", action="store_true", help="skip ruff, import-linter, migrations check"
        )

    def handle(self, *args, **options):
        env = dict(
            os.environ,
            PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
            # manage.py set the development settings for itself; the checks and tests use
            # the test settings (two-factor required, as in production).
            DJANGO_SETTINGS_MODULE="config.settings.test",
        )
        manage = [sys.executable, str(ROOT / "manage.py")]
        steps = [
            (
                "translations compile",
                [*manage, "compilemessages", "--ignore=.venv", "--ignore=.var", "-v", "0"],
            ),
        ]
        if not options["no_static"]:
            steps = [
                ("ruff lint", [str(BIN / "ruff"), "check", "."]),
                ("ruff format", [str(BIN / "ruff"), "format", "--check", "."]),
                ("import contracts", [str(BIN / "lint-imports"), "--no-cache"]),
                ("migrations match models", [*manage, "makemigrations", "--check", "--dry-run"]),
                *steps,
            ]
        failed = []
        if not ensure_chromium(self.stdout.write):
            failed.append("chromium for the browser test")
        for name, command in steps:
            started = time.monotonic()
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            seconds = time.monotonic() - started
            if result.returncode == 0:
                self.stdout.write(f"ok      {name} ({seconds:.1f} s)")
            else:
                failed.append(name)
                self.stdout.write(self.style.ERROR(f"FAILED  {name} ({seconds:.1f} s)"))
                self.stdout.write(result.stdout[-4000:] + result.stderr[-4000:])
        self.stdout.flush()
        pytest = subprocess.run(
            [sys.executable, "-m", "pytest", *options["pytest_args"]], cwd=ROOT, env=env
        )
        if failed:
            raise CommandError(f"static checks failed: {', '.join(failed)}")
        if pytest.returncode != 0:
            sys.exit(pytest.returncode)
