"""Property tests of small count rounding (docs/adr/0011) on random small tables: a few
centres × months of counts of people, with an age-band breakdown and its total.

For every table hypothesis makes:
- no count from 1 to 4 is published, neither as a cell nor as any total;
- every published figure is the sum of the published cells below it (tables stay additive);
- no small cell is determined by what is published: the table with every small cell
  replaced by its published value (0 or 5) — a different table — publishes exactly the same
  figures, on every view the product has (brute force over the real selectors).

Hypothesis is pinned in pyproject.toml and runs derandomized (same examples every run).
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from itertools import combinations

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared_apps.dashboard.tests.helpers import extra_centre
from shared_apps.networks.contracts import FigureValue
from shared_apps.networks.figures import network_figures
from shared_apps.networks.models import Network, NetworkMembership
from shared_apps.portal.selectors import centre_monthly_trend, centres_key_figures
from shared_apps.statistics import selectors
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from shared_apps.statistics.rounding import BASE, rounded_cells
from shared_apps.statistics.suppression import Shown
from tenants.models import Federation

YEAR = 2025
MONTHS = [datetime.date(YEAR, number, 1) for number in (1, 2, 3)]
BANDS = ("18_29", "60_79", "unknown")
PINNED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A table: centre index → month index → band → count (mostly small, some large).
counts = st.integers(min_value=0, max_value=4) | st.integers(min_value=0, max_value=12)
tables = st.lists(
    st.lists(st.tuples(*(counts for _band in BANDS)), min_size=len(MONTHS), max_size=len(MONTHS)),
    min_size=3,
    max_size=4,
)


def cells_of(table) -> list[dict]:
    """Per centre: the inner cells of the table (bands, their total, new volunteers)."""
    result = []
    for months in table:
        cells = {}
        for month, bands in zip(MONTHS, months, strict=True):
            for band, value in zip(BANDS, bands, strict=True):
                cells[("participants.by_age_band", band, month)] = Decimal(value)
            cells[("participants.total", "", month)] = Decimal(sum(bands))
            cells[("volunteers.new", "", month)] = Decimal(bands[0])
        result.append(cells)
    return result


def small_replaced(cells: dict, published: dict) -> dict:
    """The same table with every small inner cell replaced by its published value, and the
    totals made to match their (new) breakdown."""
    other = {
        cell: (published[cell] if 0 < value < BASE else value)
        for cell, value in cells.items()
        if cell[0] != "participants.total"
    }
    for month in MONTHS:
        other[("participants.total", "", month)] = sum(
            other[("participants.by_age_band", band, month)] for band in BANDS
        )
    return other


# --- Without the database: the rounding itself ---------------------------------------------


@PINNED
@given(table=tables)
def test_rounded_tables_publish_no_small_count_and_stay_additive(table):
    for centre_id, cells in enumerate(cells_of(table), start=1):
        published = rounded_cells(centre_id=centre_id, cells=cells)

        for cell, value in cells.items():
            shown = published[cell]
            assert not 0 < shown < BASE, cell
            if cell[0] != "participants.total" and (value == 0 or value >= BASE):
                assert shown == value  # only small counts move
        for month in MONTHS:
            parts = [published[("participants.by_age_band", band, month)] for band in BANDS]
            assert published[("participants.total", "", month)] == sum(parts)
        # Any sum of published cells (every total a page can show) is 0 or at least 5.
        values = list(published.values())
        for size in (2, 3):
            for group in combinations(values, size):
                assert not 0 < sum(group) < BASE

        # Brute force: a different table publishes the same cells, so no small cell is
        # determined by the published ones or by any sum of them.
        other = small_replaced(cells, published)
        if other != cells:
            assert rounded_cells(centre_id=centre_id, cells=other) == published


def test_the_rounding_is_unbiased_over_many_cells():
    """Up with probability value / 5: the sum over many cells of 2 is close to the truth."""
    month = MONTHS[0]
    total = sum(
        rounded_cells(centre_id=centre_id, cells={("volunteers.new", "", month): Decimal(2)})[
            ("volunteers.new", "", month)
        ]
        for centre_id in range(1, 2001)
    )
    assert 3600 <= total <= 4400  # expected 4,000; ± 4.5 standard deviations


# --- Through the product: every view, two different tables, the same figures --------------


def _numbers(value, path: str = "") -> list[tuple[str, Decimal | None]]:
    """Every number in a selector's answer with where it is, in a stable order."""
    if isinstance(value, Shown):
        assert not value.is_suppressed  # rounded counts are never hidden
        return [(path, value.value)]
    if isinstance(value, FigureValue):
        return [(path, value.number)]
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return [(path, Decimal(value))]
    if isinstance(value, dict):
        return [
            item for key in sorted(value, key=str) for item in _numbers(value[key], f"{path}/{key}")
        ]
    if isinstance(value, list | tuple):
        return [
            item for index, entry in enumerate(value) for item in _numbers(entry, f"{path}/{index}")
        ]
    if dataclasses.is_dataclass(value):
        return [
            item
            for field in dataclasses.fields(value)
            if field.name not in ("centre", "centre_name", "centre_id", "label", "member_count")
            for item in _numbers(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return []


def _views(centres, network) -> list:
    """What every page above a single centre reads, for these centres."""
    ids = [centre.pk for centre in centres]
    views = []
    for key in ("participants.total", "participants.by_age_band", "volunteers.new"):
        for by in ((), ("month",), ("centre",), ("centre", "month"), ("dimension", "centre")):
            views.append(
                selectors.figure_sums(
                    key=key,
                    date_from=MONTHS[0],
                    date_to=MONTHS[-1],
                    by=by,
                    centre_ids=ids,
                )
            )
        views.append(
            selectors.federation_sums(
                federation_id=centres[0].federation_id,
                key=key,
                date_from=MONTHS[0],
                date_to=MONTHS[-1],
                by=("month", "dimension"),
            )
        )
    views.append(centres_key_figures(centres=centres, year=YEAR))
    views.extend(centre_monthly_trend(centre=centre, year=YEAR) for centre in centres)
    views.append(network_figures(network=network, year=YEAR, with_members=True))
    return views


def _publish(centres, tables_of_cells) -> None:
    for centre, cells in zip(centres, tables_of_cells, strict=True):
        centre_figures_replace(
            centre_id=centre.pk,
            rows=[
                AggregateRow(key=key, month=month, value=value, dimension=dimension)
                for (key, dimension, month), value in cells.items()
            ],
        )


@pytest.fixture
def four_centres(db, centre):
    federation = Federation.objects.get(slug="test-nfs")
    centres = [extra_centre(federation, centre.municipality) for _index in range(4)]
    network = Network.objects.create(federation=federation, name="N", theme="T", goal="G")
    for member in centres:
        NetworkMembership.objects.create(network=network, centre=member)
    network.memberships.update(added_at=timezone.make_aware(datetime.datetime(YEAR - 1, 6, 1)))
    return centres, network


@settings(PINNED, max_examples=12)
@given(table=tables)
def test_no_view_of_the_product_tells_two_tables_apart(four_centres, table):
    centres_all, network = four_centres
    centres = centres_all[: len(table)]
    for extra in centres_all[len(table) :]:
        centre_figures_replace(centre_id=extra.pk, rows=[])
    cells = cells_of(table)
    published = [
        rounded_cells(centre_id=centre.pk, cells=centre_cells)
        for centre, centre_cells in zip(centres, cells, strict=True)
    ]

    _publish(centres, cells)
    seen = _numbers(_views(centres, network))
    _publish(centres, [small_replaced(c, p) for c, p in zip(cells, published, strict=True)])
    seen_other = _numbers(_views(centres, network))

    # Two tables that differ in every small cell, and not one figure differs.
    assert seen == seen_other
    assert seen
    for where, value in seen:
        assert value is None or not 0 < value < BASE, where
    # Additive: the network's total is the sum of its month lines and of its member lines.
    figures = network_figures(network=network, year=YEAR, with_members=True)
    if not figures.is_withheld:
        assert figures.participants.number == sum(
            line.participants.number for line in figures.months
        )
        assert figures.participants.number == sum(
            line.participants.number for line in figures.members
        )
