"""Stand-in statistics collectors with known rows, registered by the `collected` fixture in
place of settings.STATISTICS_COLLECTORS, so the tests know every figure exactly."""

from __future__ import annotations

from shared_apps.statistics.contracts import AggregateRow, CollectContext

ROWS: dict[str, list[AggregateRow]] = {"hours": [], "people": []}
CONTEXTS: list[CollectContext] = []


def collect_hours(context: CollectContext) -> list[AggregateRow]:
    CONTEXTS.append(context)
    return list(ROWS["hours"])


def collect_people(context: CollectContext) -> list[AggregateRow]:
    return list(ROWS["people"])
