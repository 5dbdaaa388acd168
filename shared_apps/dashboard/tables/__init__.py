"""The federation's figures as tables (each with a chart where one helps), ready to show on a
page or to export: the page and the export build the very same `Table`, so a downloaded file
holds exactly the numbers on screen.

Every count of people goes through `shared_apps.statistics.suppression` here, never later:
alone with `shown()`, in a list with its total with `suppress_line()` (complementary
suppression). The drill-down by county → municipality → centre is suppressed as one tree,
so that a figure hidden on one level cannot be recovered from the level below it (a hidden
parent hides the child list's total and at least one of its parts).
"""

from shared_apps.dashboard.tables.base import (
    CATEGORY_KEYS,
    EARLIEST,
    GROUP_KEYS,
    MONEY,
    SUMMARY_KEYS,
    Figure,
    Row,
    Table,
    money_text,
)
from shared_apps.dashboard.tables.breakdowns import (
    CENTRES,
    MUNICIPALITIES,
    REGIONS,
    NotFound,
    Place,
    dimension_table,
    geography_table,
    ownership_table,
    suppress_geography,
)
from shared_apps.dashboard.tables.comparison import (
    Comparison,
    comparison,
    median,
    quartile_cuts,
    size_bands,
)
from shared_apps.dashboard.tables.overview import OVERVIEW_QUERY_KEYS, Overview, overview

__all__ = [
    "CATEGORY_KEYS",
    "CENTRES",
    "EARLIEST",
    "GROUP_KEYS",
    "MONEY",
    "MUNICIPALITIES",
    "OVERVIEW_QUERY_KEYS",
    "REGIONS",
    "SUMMARY_KEYS",
    "Comparison",
    "Figure",
    "NotFound",
    "Overview",
    "Place",
    "Row",
    "Table",
    "comparison",
    "dimension_table",
    "geography_table",
    "median",
    "money_text",
    "overview",
    "ownership_table",
    "quartile_cuts",
    "size_bands",
    "suppress_geography",
]
