"""The statistics pipeline: inside each centre that changed, run the tenant apps' collectors
and hand their rows to the facade.

Which centres changed: every centre schema has a change mark that database triggers raise on
each write to counted data (tenant_apps.changetracking); the pipeline keeps the mark it last
read per centre (`CentreWatermark`) and recomputes a centre only when the two differ. The mark
is read before the collectors run, so a write that lands meanwhile is picked up next time.

Collectors and publishers are named in settings (`STATISTICS_COLLECTORS`,
`STATISTICS_PUBLISHERS`) as dotted paths, like the provisioning steps: shared code never
imports tenant code, it only calls what the settings list, inside the centre's schema.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import get_public_schema_name, schema_context

from shared_apps.statistics import facade
from shared_apps.statistics.contracts import AggregateRow, CollectContext, PublicActivity
from shared_apps.statistics.models import CentreWatermark, StatisticsRun
from tenants.models import Centre
from tenants.schema_clone import quote_schema

# One pipeline at a time (a scheduled run and an operator's rebuild must not interleave
# their rollup updates): a PostgreSQL advisory lock, released when the run ends.
LOCK_ID = 0x5_7A7_1571C5

Progress = Callable[[int, int, str], None]


class StatisticsBusy(RuntimeError):
    """Another statistics run holds the lock."""


@dataclass(frozen=True)
class RunResult:
    kind: str
    centres_checked: int
    centres_recomputed: int
    rows_written: int
    seconds: float


@dataclass(frozen=True)
class _CentreRef:
    id: int
    schema_name: str
    federation_id: int


@cache
def _collectors() -> tuple[Callable[[CollectContext], list[AggregateRow]], ...]:
    return tuple(import_string(path) for path in settings.STATISTICS_COLLECTORS)


@cache
def _publishers() -> tuple[Callable[[CollectContext], list[PublicActivity]], ...]:
    return tuple(import_string(path) for path in settings.STATISTICS_PUBLISHERS)


def _centres(centre_ids) -> list[_CentreRef]:
    queryset = Centre.objects.exclude(
        schema_name__in=[get_public_schema_name(), settings.TENANT_BASE_SCHEMA]
    )
    if centre_ids is not None:
        queryset = queryset.filter(pk__in=list(centre_ids))
    return [
        _CentreRef(*row)
        for row in queryset.order_by("pk").values_list("pk", "schema_name", "federation_id")
    ]


def change_versions(centres: list[_CentreRef]) -> dict[int, int]:
    """Every centre's change mark, in one query over their schemas."""
    if not centres:
        return {}
    parts = [
        f"SELECT {int(centre.id)} AS centre_id, version "
        f"FROM {quote_schema(centre.schema_name)}.changetracking_changemark"
        for centre in centres
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())


def collect_centre(
    centre: _CentreRef, *, categories: frozenset[str]
) -> tuple[list[AggregateRow], list[PublicActivity]]:
    """Run every collector and publisher inside the centre's schema."""
    context = CollectContext(centre_id=centre.id, category_codes=categories)
    rows: list[AggregateRow] = []
    activities: list[PublicActivity] = []
    with schema_context(centre.schema_name):
        for collector in _collectors():
            rows.extend(collector(context))
        for publisher in _publishers():
            activities.extend(publisher(context))
    return rows, activities


def _workers(centres: int) -> int:
    """Threads for a run: settings.STATISTICS_WORKERS (0 = one per core), never more than
    there are centres. Tests use 1: other threads could not see a test's open transaction."""
    configured = getattr(settings, "STATISTICS_WORKERS", 0) or os.cpu_count() or 1
    return max(1, min(configured, centres))


def _recompute(
    centre: _CentreRef, *, categories: frozenset[str], version: int, keep_rollup: bool
) -> int:
    """Collect one centre and store its figures, public activities and watermark in one
    transaction; returns the figures stored."""
    rows, activities = collect_centre(centre, categories=categories)
    with transaction.atomic(), connection.cursor() as cursor:
        # Figures are derived data, recomputed if lost: no need to wait for the disk.
        cursor.execute("SET LOCAL synchronous_commit = off")
        written = facade.centre_figures_replace(
            centre_id=centre.id, rows=rows, categories=categories, keep_rollup=keep_rollup
        )
        facade.public_activities_replace(centre_id=centre.id, activities=activities)
        CentreWatermark.objects.bulk_create(
            [
                CentreWatermark(
                    centre_id=centre.id, source_version=version, computed_at=timezone.now()
                )
            ],
            update_conflicts=True,
            unique_fields=["centre"],
            update_fields=["source_version", "computed_at"],
        )
    return written


def statistics_update(
    *,
    full: bool = False,
    centre_ids=None,
    progress: Progress | None = None,
) -> RunResult:
    """Recompute the figures of every centre that changed since its last run (or of all
    centres with `full=True`); returns what was done. Raises StatisticsBusy if a run is on."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
        if not cursor.fetchone()[0]:
            raise StatisticsBusy("A statistics run is already in progress.")
    try:
        return _run(full=full, centre_ids=centre_ids, progress=progress, started=started)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


def _run(*, full, centre_ids, progress, started) -> RunResult:
    kind = StatisticsRun.Kind.FULL if full else StatisticsRun.Kind.INCREMENTAL
    run = StatisticsRun.objects.create(kind=kind, started_at=timezone.now())
    centres = _centres(centre_ids)
    versions = change_versions(centres)
    if full:
        todo = centres
    else:
        known = dict(CentreWatermark.objects.values_list("centre_id", "source_version"))
        todo = [centre for centre in centres if known.get(centre.id) != versions[centre.id]]

    categories_of = {
        federation_id: facade.category_codes(federation_id=federation_id)
        for federation_id in {centre.federation_id for centre in todo}
    }
    workers = _workers(len(todo))
    rows_written = 0
    done = 0
    if workers == 1:
        for centre in todo:
            rows_written += _recompute(
                centre,
                categories=categories_of[centre.federation_id],
                version=versions[centre.id],
                keep_rollup=not full,
            )
            done += 1
            if progress is not None:
                progress(done, len(todo), centre.schema_name)
    else:
        # Each worker thread has its own database connection (Django's are per thread), so
        # both cores work: the collectors' queries are most of the time.
        results: queue.SimpleQueue = queue.SimpleQueue()

        def work(share: list[_CentreRef]) -> None:
            try:
                for centre in share:
                    written = _recompute(
                        centre,
                        categories=categories_of[centre.federation_id],
                        version=versions[centre.id],
                        keep_rollup=not full,
                    )
                    results.put((centre, written))
            finally:
                connection.close()  # back to the pool, search_path reset

        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(work, todo[index::workers]) for index in range(workers)]
            while done < len(todo):
                if all(future.done() for future in futures) and results.empty():
                    break
                try:
                    centre, written = results.get(timeout=0.2)
                except queue.Empty:
                    continue
                rows_written += written
                done += 1
                if progress is not None:
                    progress(done, len(todo), centre.schema_name)
            for future in futures:
                future.result()  # a worker's error ends the run here
    if full:
        facade.rollup_rebuild()

    run.finished_at = timezone.now()
    run.centres_checked = len(centres)
    run.centres_recomputed = len(todo)
    run.rows_written = rows_written
    run.save(update_fields=["finished_at", "centres_checked", "centres_recomputed", "rows_written"])
    return RunResult(
        kind=kind,
        centres_checked=len(centres),
        centres_recomputed=len(todo),
        rows_written=rows_written,
        seconds=time.perf_counter() - started,
    )
