"""The figures of a year, computed live from the centre's own data by the same statistics
collectors that feed the federation (settings.STATISTICS_COLLECTORS), so the report and the
federation's figures agree; and the partner associations of the year's activities."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from shared_apps.reports import facade
from shared_apps.statistics.contracts import KEYS, YEAR, AggregateRow
from tenant_apps.activities.models import Activity, ActivityCategory

PARTNER_SEPARATORS = re.compile(r"[,;\n]")


def _in_year(row: AggregateRow, year: int) -> bool:
    spec = KEYS.get(row.key)
    if spec is not None and spec.period == YEAR:
        return row.month == datetime.date(year, 1, 1)
    return row.month.year == year


def year_rows(*, centre_id: int, year: int) -> list[AggregateRow]:
    """Every collector's rows of `year` (month rows of its months, year rows of the year),
    in a stable order. Runs inside the centre's schema."""
    context = facade.annual_report_collect_context(centre_id=centre_id)
    rows: list[AggregateRow] = []
    for path in getattr(settings, "STATISTICS_COLLECTORS", ()):
        rows.extend(row for row in import_string(path)(context) if _in_year(row, year))
    rows.sort(key=lambda row: (row.key, row.month, row.dimension))
    return rows


def category_names() -> dict[str, str]:
    """The centre's activity category names by code, in its order, in the active language."""
    return {category.code: category.name for category in ActivityCategory.objects.all()}


def partners_of_year(year: int) -> tuple[str, ...]:
    """The partner associations named on activities that held a session in `year` (up to
    today), each once, alphabetically. A field may name several, separated by commas."""
    last_day = min(datetime.date(year, 12, 31), timezone.localdate())
    values = (
        Activity.objects.filter(
            sessions__date__range=(datetime.date(year, 1, 1), last_day),
            sessions__is_cancelled=False,
        )
        .exclude(partner_associations="")
        .values_list("partner_associations", flat=True)
        .distinct()
    )
    names: dict[str, str] = {}
    for value in values:
        for part in PARTNER_SEPARATORS.split(value):
            name = " ".join(part.split())
            if name:
                names.setdefault(name.casefold(), name)
    return tuple(sorted(names.values(), key=str.casefold))
