"""What the help-request app reports to the federation's statistics: requests opened,
matched with a volunteer and closed per month, by the federation's request types. Counts
only: no participant, note or reason leaves the centre.

One SQL statement for the three figures: the pipeline runs this in every centre."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from shared_apps.statistics.contracts import AggregateRow, CollectContext

# Months in the centre's time zone, as pages show them.
_SQL = """
SELECT figure, date_trunc('month', moment AT TIME ZONE %(zone)s)::date AS period, t.code,
       COUNT(*) AS requests
FROM (
    SELECT 'help_requests.opened' AS figure, opened_at AS moment, request_type_id
    FROM helprequests_helprequest
    UNION ALL
    SELECT 'help_requests.matched', matched_at, request_type_id
    FROM helprequests_helprequest WHERE matched_at IS NOT NULL
    UNION ALL
    SELECT 'help_requests.closed', closed_at, request_type_id
    FROM helprequests_helprequest WHERE closed_at IS NOT NULL
) moments
JOIN helprequests_requesttype t ON t.id = moments.request_type_id
GROUP BY 1, 2, 3
"""


def collect_help_requests(context: CollectContext) -> list[AggregateRow]:
    """Help requests opened, matched and closed per month and request type."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"zone": timezone.get_current_timezone_name()})
        result = cursor.fetchall()
    counts: dict = {}
    for key, month, code, requests in result:
        slot = (key, month, context.request_type(code))
        counts[slot] = counts.get(slot, 0) + requests
    return [AggregateRow(key, month, value, code) for (key, month, code), value in counts.items()]
