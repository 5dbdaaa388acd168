"""Every check CI runs, in one command: `./manage.py test [pytest arguments]`.

Static checks first (ruff lint and format, import contracts, migrations in step with the
models, translations compile), then the pytest suite, whose summary is the last line.
Arguments after `test` go to pytest, e.g. `./manage.py test -k routing -x`.

The suite runs on all cores with pytest-xdist (`-n auto --dist loadfile`: each worker has its
own test database and session centres, a file's tests stay on one worker). Files are handed
out in collection order (`--no-loadscope-reorder`; xdist's default puts files with many tests
first), so the long browser walks in tests/ start first, on different workers, instead of
being left to run alone at the end. `-n 0`, `-p no:xdist`, `--pdb`, `--trace`, `-s` run it
in one process.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

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


# This command's own options; every other argument goes to pytest, in the order given.
OWN_OPTIONS = {"--no-static", "-h", "--help"}
PARALLEL = ["-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder"]
# pytest arguments after which the suite runs in one process: the user chose the workers, or
# wants a debugger or the tests' output on the terminal (workers cannot give either).
SERIAL = {"-n", "--numprocesses", "--pdb", "--trace", "-s", "--capture=no", "no:xdist"}


def pytest_arguments(given: list[str]) -> list[str]:
    """The user's pytest arguments, run on all cores unless they say otherwise. pyproject's
    addopts already has `-q`; another `-q` would hide the summary line CI reads, so it is
    dropped."""
    given = [argument for argument in given if argument not in ("-q", "-qq", "--quiet")]
    serial = any(
        argument in SERIAL
        or argument.startswith(("--numprocesses=", "-pno:xdist"))
        or (argument.startswith("-n") and argument[2:].isdigit())
        for argument in given
    )
    return given if serial else [*PARALLEL, *given]


class Command(BaseCommand):
    help = "Run ruff, import-linter, the migrations check and the whole pytest suite."

    def add_arguments(self, parser):
        parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")
        parser.add_argument(
            "--no-static", action="store_true", help="skip ruff, import-linter, migrations check"
        )

    def run_from_argv(self, argv):
        # argparse would take pytest's options (-k, -x, -n …) for options of this command and
        # refuse them: only this command's own options stay before "--", the rest go after it.
        given = argv[2:]
        own = [argument for argument in given if argument in OWN_OPTIONS]
        rest = [argument for argument in given if argument not in OWN_OPTIONS]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        super().run_from_argv([*argv[:2], *own, "--", *rest])

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
        if failed:
            # Said before the tests run, so that pytest's summary stays the last line.
            self.stdout.write(self.style.ERROR(f"static checks failed: {', '.join(failed)}"))
        self.stdout.flush()
        pytest = subprocess.run(
            [sys.executable, "-m", "pytest", *pytest_arguments(options["pytest_args"])],
            cwd=ROOT,
            env=env,
        )
        if pytest.returncode != 0 or failed:
            sys.exit(pytest.returncode or 1)
