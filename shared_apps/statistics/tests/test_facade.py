"""Only allow-listed aggregates cross into the shared schema."""

import datetime

import pytest

from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import FigureRefused, centre_figures_replace
from shared_apps.statistics.models import CentreFigure, FederationFigure

MARCH = datetime.date(2025, 3, 1)


@pytest.mark.parametrize(
    "row",
    [
        AggregateRow("volunteers.names", MARCH, 1),  # not an allowed key
        AggregateRow("hours.by_category", MARCH, 2, "Kari's garden"),  # free text
        AggregateRow("help_requests.opened", MARCH, 1, "kari-nordmann"),  # not a known type
        AggregateRow("participants.by_age_band", MARCH, 1, "34"),  # not an age band
        AggregateRow("hours.total", datetime.date(2025, 3, 14), 2),  # not a month
        AggregateRow("volunteers.active_in_year", MARCH, 9),  # yearly key, not 1 January
        AggregateRow("hours.total", MARCH, -1),  # negative
        AggregateRow("hours.total", MARCH, "12"),  # not a number
    ],
)
def test_a_row_outside_the_allow_list_is_refused_and_nothing_is_written(centre, row):
    centre_figures_replace(centre_id=centre.pk, rows=[AggregateRow("hours.total", MARCH, 5)])

    with pytest.raises(FigureRefused):
        centre_figures_replace(
            centre_id=centre.pk, rows=[AggregateRow("hours.total", MARCH, 7), row]
        )

    assert list(CentreFigure.objects.filter(centre=centre).values_list("value", flat=True)) == [5]


def test_the_federation_sums_follow_each_replacement(centre, other_centre):
    centre_figures_replace(centre_id=centre.pk, rows=[AggregateRow("hours.total", MARCH, 5)])
    centre_figures_replace(
        centre_id=other_centre.pk,
        rows=[AggregateRow("hours.total", MARCH, 7), AggregateRow("volunteers.new", MARCH, 2)],
    )
    centre_figures_replace(centre_id=centre.pk, rows=[AggregateRow("hours.total", MARCH, 1)])
    centre_figures_replace(centre_id=other_centre.pk, rows=[AggregateRow("hours.total", MARCH, 7)])

    rollup = {
        (row.key, row.month): row.value
        for row in FederationFigure.objects.filter(federation_id=centre.federation_id)
    }
    assert rollup == {("hours.total", MARCH): 8}  # volunteers.new went back to 0 and away


def test_a_category_outside_the_federations_taxonomy_is_refused(centre, danish_centre):
    centre_figures_replace(
        centre_id=centre.pk, rows=[AggregateRow("sessions.held", MARCH, 3, "events")]
    )
    with pytest.raises(FigureRefused):
        centre_figures_replace(
            centre_id=centre.pk, rows=[AggregateRow("sessions.held", MARCH, 3, "knitting-club")]
        )
