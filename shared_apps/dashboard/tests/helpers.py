"""Figures set up through the statistics facade, and the dashboard's tables read back from a
page the way a person reads them (caption, rows of cells)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from itertools import count

from django.utils import timezone

from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from shared_apps.statistics.rounding import rounded_cell
from tenants.models import Centre, CentreStatus

YEAR = 2025
PREVIOUS = 2024


def month(number: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, number, 1)


def row(key: str, value, *, on: datetime.date | None = None, dimension: str = "") -> AggregateRow:
    return AggregateRow(key=key, month=on or month(1), value=value, dimension=dimension)


def published(centre, key: str, value, *, on: datetime.date | None = None, dimension: str = ""):
    """What a figure of the centre leaves it as: counts of people 1–4 rounded to 0 or 5."""
    return rounded_cell(
        centre_id=centre.pk, key=key, dimension=dimension, month=on or month(1), value=value
    )


def give_figures(centre, *rows: AggregateRow) -> None:
    """Replace every figure of the centre (and keep the federation rollup current)."""
    centre_figures_replace(centre_id=centre.pk, rows=list(rows))


_numbers = count(1)


def extra_centre(federation, municipality, *, ownership_form: str = "association") -> Centre:
    """A centre row without a schema: enough for figures, which live in the shared schema."""
    number = next(_numbers)
    return Centre.objects.create(
        name=f"Extra {number:03d} Frivilligsentral",
        slug=f"extra-{number}",
        schema_name=f"c_extra_{number}",
        federation=federation,
        municipality=municipality,
        ownership_form=ownership_form,
        status=CentreStatus.ACTIVE,
        status_changed_at=timezone.now(),
    )


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption_id = ""
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False
        self._caption_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self._rows = []
            self._caption_text = []
        elif tag == "caption":
            self._in_caption = True
            self._caption_id = attributes.get("id", "")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption_id] = self._rows
            self.tables[" ".join("".join(self._caption_text).split())] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption_text.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def tables_of(html: str) -> dict[str, list[list[str]]]:
    """Every table of the page, by its caption's id and by its caption's text: rows of cells
    (header row first, total row last)."""
    reader = _TableReader()
    reader.feed(html)
    return reader.tables


def rows_by_label(table: list[list[str]]) -> dict[str, list[str]]:
    return {cells[0]: cells[1:] for cells in table[1:]}
