"""What the activities app reports to the federation's statistics: activities running and
sessions held per month by category, and the anonymous attendance counts by age band and
target group; and the centre's public activities for the municipality portal."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from shared_apps.statistics.contracts import (
    TARGET_GROUPS,
    AggregateRow,
    CollectContext,
    PublicActivity,
)

# Two statements instead of one ORM query per figure: the pipeline runs this in every
# centre (477 in the benchmark), where each round trip and plan counts.
_SESSIONS_SQL = """
SELECT period_kind, period, code,
       COUNT(DISTINCT activity_id) AS activities, COUNT(*) AS sessions
FROM (
    SELECT 'month' AS period_kind, date_trunc('month', s.date)::date AS period,
           c.code, s.activity_id
    FROM activities_session s
    JOIN activities_activity a ON a.id = s.activity_id
    JOIN activities_activitycategory c ON c.id = a.category_id
    WHERE NOT s.is_cancelled AND s.date <= %(today)s
    UNION ALL
    SELECT 'year', date_trunc('year', s.date)::date, c.code, s.activity_id
    FROM activities_session s
    JOIN activities_activity a ON a.id = s.activity_id
    JOIN activities_activitycategory c ON c.id = a.category_id
    WHERE NOT s.is_cancelled AND s.date <= %(today)s
) held
GROUP BY period_kind, period, code
"""
_ATTENDANCE_SQL = """
SELECT date_trunc('month', s.date)::date AS period, at.age_band, at.target_group,
       SUM(at.count) AS people
FROM activities_attendance at
JOIN activities_session s ON s.id = at.session_id
WHERE NOT s.is_cancelled AND s.date <= %(today)s
GROUP BY 1, 2, 3
"""


def _add(counts: dict, slot: tuple, value) -> None:
    counts[slot] = counts.get(slot, 0) + value


def collect_activities(context: CollectContext) -> list[AggregateRow]:
    """Activities, sessions and participants of the current centre, per month and year;
    only sessions that took place (not cancelled, not in the future) count."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(_SESSIONS_SQL, {"today": today})
        held = cursor.fetchall()
        cursor.execute(_ATTENDANCE_SQL, {"today": today})
        attendance = cursor.fetchall()

    counts: dict = {}
    for kind, period, code, activities, sessions in held:
        category = context.category(code)
        if kind == "month":
            _add(counts, ("activities.running", period, category), activities)
            _add(counts, ("sessions.held", period, category), sessions)
        else:
            _add(counts, ("activities.running_in_year", period, category), activities)
    for period, age_band, target_group, people in attendance:
        people = people or 0
        _add(counts, ("participants.total", period, ""), people)
        _add(counts, ("participants.by_age_band", period, context.age_band(age_band)), people)
        if target_group in TARGET_GROUPS:
            _add(counts, ("participants.by_target_group", period, target_group), people)
    return [
        AggregateRow(key, month, value, dimension)
        for (key, month, dimension), value in counts.items()
    ]


_PUBLIC_SQL = """
SELECT a.name, c.code, a.place, a.recurrence, a.first_date, a.last_date, a.start_time,
       a.end_time,
       (SELECT MIN(s.date) FROM activities_session s
        WHERE s.activity_id = a.id AND s.date >= %(today)s AND NOT s.is_cancelled)
FROM activities_activity a
JOIN activities_activitycategory c ON c.id = a.category_id
WHERE a.is_public AND a.is_active AND (a.last_date IS NULL OR a.last_date >= %(today)s)
ORDER BY a.name
"""


def public_activities(context: CollectContext) -> list[PublicActivity]:
    """The running activities the centre shows on its public pages, with their next date."""
    with connection.cursor() as cursor:
        cursor.execute(_PUBLIC_SQL, {"today": timezone.localdate()})
        result = cursor.fetchall()
    return [
        PublicActivity(
            name=name,
            category=context.category(code),
            place=place,
            recurrence=recurrence,
            first_date=first_date,
            last_date=last_date,
            start_time=start_time,
            end_time=end_time,
            next_date=next_date,
        )
        for (
            name,
            code,
            place,
            recurrence,
            first_date,
            last_date,
            start_time,
            end_time,
            next_date,
        ) in result
    ]
