"""`manage.py statistics_update [--full] [--enqueue]`: run the statistics pipeline now.

Without options it recomputes only the centres whose data changed since their last run;
`--full` rebuilds every centre's figures (with a progress bar); `--enqueue` hands the run to
the background worker instead (what the scheduled timer does, see deploy/systemd/).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from shared_apps.statistics.pipeline import StatisticsBusy, statistics_update
from shared_apps.statistics.tasks import update_statistics


class ProgressBar:
    """A one-line bar on a terminal; a line per tenth of the work otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, stream, *, is_terminal: bool) -> None:
        self.stream = stream
        self.is_terminal = is_terminal
        self.last_tenth = -1

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.is_terminal:
            filled = self.WIDTH * done // total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {done}/{total} {label[:30]:<30}")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = 10 * done // total
        if tenth != self.last_tenth:
            self.last_tenth = tenth
            self.stream.write(f"{done}/{total} centres ({100 * done // total} %)\n")


class Command(BaseCommand):
    help = "Recompute the federation statistics of centres whose data changed (or all)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--full", action="store_true", help="Rebuild the figures of every centre."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the background worker instead of running it here.",
        )

    def handle(self, *args, full: bool, enqueue: bool, **options) -> None:
        if enqueue:
            result = update_statistics.enqueue(full=full)
            self.stdout.write(f"Statistics run enqueued ({result.id}).")
            return
        progress = ProgressBar(self.stderr._out, is_terminal=sys.stderr.isatty())
        try:
            result = statistics_update(full=full, progress=progress)
        except StatisticsBusy as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{result.kind}: {result.centres_recomputed} of {result.centres_checked} centres "
            f"recomputed, {result.rows_written} figures written in {result.seconds:.2f} s."
        )
