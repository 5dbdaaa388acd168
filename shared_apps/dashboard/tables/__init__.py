"""The federation's figures as tables (each with a chart where one helps), ready to show on a
page or to export: the page and the export build the very same `Table`, so a downloaded file
holds exactly the numbers on screen.

Every count of people read here is already rounded where it is stored
(`shared_apps.statistics.rounding`, docs/adr/0011): each is a sum of rounded cells, so no
subtraction between tables or pages gives a small count back. It still goes through
`shared_apps.statistics.suppression` (`shown()`, `suppress_line()`, the drill-down as one
tree) as a second line; on rounded counts that hides nothing, since no sum is from 1 to 4.
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
