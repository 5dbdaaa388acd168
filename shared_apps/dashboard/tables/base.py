"""Figures, rows and tables: what every dashboard page shows and exports."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from shared_apps.dashboard.charts import BARS, HIDDEN, Chart, Series
from shared_apps.dashboard.numbers import number_text
from shared_apps.statistics.contracts import HOURS, KEYS, PEOPLE
from shared_apps.statistics.suppression import SUPPRESSED_LABEL, Shown, shown
from tenants.models import Federation
from toolkit.filenames import file_part

MONEY = "money"
EARLIEST = datetime.date(1900, 1, 1)

# Figures of the whole year, each the sum of its dimension values.
SUMMARY_KEYS = (
    "hours.total",
    "volunteers.active_in_year",
    "volunteers.new",
    "activities.running_in_year",
    "sessions.held",
    "participants.total",
    "help_requests.opened",
    "help_requests.matched",
    "help_requests.closed",
)
CATEGORY_KEYS = ("hours.by_category", "activities.running_in_year", "sessions.held")
GROUP_KEYS = (
    "participants.by_target_group",
    "participants.by_age_band",
    "volunteers.active_in_year_by_age_band",
)

# --- Figures, rows and tables ---------------------------------------------------------------


def rounded(value: Decimal | int, measure: str) -> Decimal | int:
    """As shown and exported: hours to one decimal, money and counts whole."""
    value = Decimal(value)
    if measure == HOURS:
        value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return int(value) if value == value.to_integral_value() else value
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def measure_of(key: str) -> str:
    return KEYS[key].measure


@dataclass(frozen=True)
class Figure:
    """One figure as it may be shown: hidden ("<5"), missing, or a rounded number."""

    shown: Shown
    measure: str
    currency: str = ""

    @property
    def is_suppressed(self) -> bool:
        return self.shown.is_suppressed

    @property
    def number(self) -> Decimal | int | None:
        if self.shown.is_suppressed or self.shown.value is None:
            return None
        return rounded(self.shown.value, self.measure)

    @property
    def export_value(self) -> Decimal | int | str:
        """What a CSV or Excel file holds: the number, "<5", or nothing."""
        if self.shown.is_suppressed:
            return SUPPRESSED_LABEL
        number = self.number
        return "" if number is None else number

    @property
    def chart_value(self):
        if self.shown.is_suppressed:
            return HIDDEN
        return self.number

    def __str__(self) -> str:
        if self.shown.is_suppressed:
            return SUPPRESSED_LABEL
        number = self.number
        if number is None:
            return "–"
        text = number_text(number)
        if self.currency:
            return _("%(amount)s %(currency)s") % {"amount": text, "currency": self.currency}
        return text


def money_text(value: Decimal, currency: str) -> str:
    """An amount with its currency, two decimals only when it has øre or cents."""
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    text = number_text(value, decimals=decimals)
    return _("%(amount)s %(currency)s") % {"amount": text, "currency": currency}


def figure(value, *, key: str | None = None, measure: str | None = None, **extra) -> Figure:
    """A figure standing alone: a people count of 1–4 is hidden."""
    measure = measure or measure_of(key)
    return Figure(shown(value, is_people_count=measure == PEOPLE), measure, **extra)


@dataclass(frozen=True)
class Row:
    label: str
    figures: tuple[Figure, ...]
    link_query: str = ""


@dataclass(frozen=True)
class Table:
    slug: str  # the export's name for it
    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    file_stem: str  # federation slug, what, key and year
    total: Row | None = None
    link_url_name: str = ""  # rows with a link_query link to this page
    chart: Chart | None = None
    notes: tuple[str, ...] = ()

    @property
    def has_suppressed(self) -> bool:
        rows = (*self.rows, self.total) if self.total else self.rows
        return any(f.is_suppressed for row in rows for f in row.figures)


# What an export holds, as its file is named in the reader's language; other parts (figure
# keys, years, slugs) stay as they are.
FILE_WORDS = {
    "regions": pgettext_lazy("export file name", "regions"),
    "municipalities": pgettext_lazy("export file name", "municipalities"),
    "centres": pgettext_lazy("export file name", "centres"),
    "ownership-forms": pgettext_lazy("export file name", "ownership-forms"),
    "groups": pgettext_lazy("export file name", "groups"),
    "categories": pgettext_lazy("export file name", "categories"),
    "comparison": pgettext_lazy("export file name", "comparison"),
    "key-figures": pgettext_lazy("export file name", "key-figures"),
    "monthly-hours": pgettext_lazy("export file name", "monthly-hours"),
    "monthly-volunteers": pgettext_lazy("export file name", "monthly-volunteers"),
    "yearly": pgettext_lazy("export file name", "yearly"),
}


def file_stem(federation: Federation, *parts: object) -> str:
    words = (FILE_WORDS.get(part, part) if isinstance(part, str) else part for part in parts)
    return "-".join([federation.slug, *(file_part(word) for word in words)])


def bar_chart(table_slug: str, title: str, rows: Sequence[Row], columns: Sequence[str], unit: str):
    # Every breakdown shows a year beside the year before.
    description = _(
        "Bars for each line of the table below, %(first)s beside %(second)s. "
        "The table gives the same figures."
    ) % {"first": columns[0], "second": columns[-1]}
    return Chart(
        kind=BARS,
        slug=f"chart-{table_slug}",
        title=title,
        description=description,
        labels=[row.label for row in rows],
        series=[
            Series(name=column, values=[row.figures[index].chart_value for row in rows])
            for index, column in enumerate(columns)
        ],
        unit=unit,
    )


def unit_of(measure: str) -> str:
    return {HOURS: _("Hours"), PEOPLE: _("People")}.get(measure, _("Number"))


def nordic_sort_key(text: str) -> str:
    """Sort Æ, Ø and Å after Z, as Norwegian and Danish do."""
    return text.lower().translate(str.maketrans({"æ": "z{", "ø": "z|", "å": "z}"}))


def year_span(*years: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(min(years), 1, 1), datetime.date(max(years), 12, 31)


def year_of(value) -> int:
    return value.year


def money_figure(hours: Decimal, hour_value: Decimal, currency: str) -> Figure:
    return Figure(Shown(hours * hour_value), MONEY, currency=currency)


def suppression_notes(is_people: bool) -> tuple[str, ...]:
    if not is_people:
        return ()
    return (
        _(
            "Counts of people are rounded so that no one can be recognised: a count from 1 "
            "to 4 is shown as 0 or 5, and every total is the sum of rounded counts."
        ),
    )
