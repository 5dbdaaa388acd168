"""What the people app reports to the federation's statistics: how many volunteers started
each month. A count only; no volunteer leaves the centre."""

from __future__ import annotations

from django.db import connection

from shared_apps.statistics.contracts import AggregateRow, CollectContext

_SQL = """
SELECT date_trunc('month', start_date)::date, COUNT(*)
FROM people_volunteer
WHERE status <> 'applied'
GROUP BY 1
"""


def collect_volunteers(context: CollectContext) -> list[AggregateRow]:
    """New volunteers per month (by their start date); offers not yet accepted do not count."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL)
        return [AggregateRow("volunteers.new", month, people) for month, people in cursor]
