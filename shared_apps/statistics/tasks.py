"""Background entry points of the statistics pipeline (Django tasks, django-tasks-db)."""

from __future__ import annotations

from django.tasks import task

from shared_apps.statistics.pipeline import StatisticsBusy, statistics_update


@task
def update_statistics(full: bool = False) -> dict:
    """Recompute the figures of the centres that changed (all of them with full=True)."""
    try:
        result = statistics_update(full=full)
    except StatisticsBusy:
        # The run in progress will be followed by the next scheduled one.
        return {"skipped": True}
    return {
        "kind": result.kind,
        "centres_recomputed": result.centres_recomputed,
        "rows_written": result.rows_written,
        "seconds": round(result.seconds, 3),
    }
