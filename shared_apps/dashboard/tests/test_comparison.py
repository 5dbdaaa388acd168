"""One centre beside the median of similar centres: same ownership form and size band, or
every centre of that form when the band is too small; never another single centre's figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared_apps.dashboard.tables import size_bands
from shared_apps.dashboard.tests.helpers import (
    YEAR,
    extra_centre,
    give_figures,
    published,
    row,
    rows_by_label,
    tables_of,
)

URL = "/federation/statistics/comparison/"


def comparison_table(response) -> list[list[str]]:
    return tables_of(response.text)["comparison-caption"]


def test_quartiles_put_each_centre_in_a_size_band():
    hours = {number: Decimal(number * 10) for number in range(1, 9)}  # 10 … 80

    assert size_bands(hours, list(hours)) == {1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2, 7: 3, 8: 3}
    assert size_bands({1: Decimal(5)}, [1]) == {1: 0}


def test_with_few_of_the_same_size_the_centre_is_compared_with_its_ownership_form(
    admin, nfs, centre, other_centre
):
    give_figures(centre, row("hours.total", 100), row("volunteers.active_in_year", 3))
    give_figures(other_centre, row("hours.total", 200), row("volunteers.active_in_year", 6))
    for number, hours in enumerate((300, 400, 500, 600, 700, 800)):
        extra = extra_centre(nfs, other_centre.municipality)
        give_figures(extra, row("hours.total", hours), row("volunteers.active_in_year", 7 + number))
    for hours in (5000, 6000):  # another ownership form: never part of the median
        give_figures(
            extra_centre(nfs, other_centre.municipality, ownership_form="municipal"),
            row("hours.total", hours),
        )

    response = admin.get(URL, {"centre": centre.pk, "year": YEAR})

    assert response.status_code == 200
    table = comparison_table(response)
    assert table[0] == ["Figure", "Alpha Frivilligsentral", "Median of 7 similar centres"]
    figures = rows_by_label(table)
    assert figures["Volunteer hours"] == ["100", "500"]  # median of 200 … 800
    assert figures["Value of volunteer work (NOK)"] == ["50,000 NOK", "250,000 NOK"]
    # alpha's 3 left the centre rounded to 0 or 5; the median of 6 … 12 is 9
    alpha = published(centre, "volunteers.active_in_year", 3)
    assert alpha in (0, 5)
    assert figures["Active volunteers in the year"] == [str(alpha), "9"]
    assert figures["New volunteers"] == ["0", "0"]
    assert "too few of them are of the same size" in response.text
    # No other centre is named.
    assert "Beta" not in response.text.split("comparison-caption")[1].split("</table>")[0]


def test_with_enough_of_the_same_size_only_those_count(admin, nfs, centre, other_centre):
    give_figures(centre, row("hours.total", 145))
    for hours in range(10, 290, 10):  # 28 centres with 10 … 280 hours; beta has none
        give_figures(extra_centre(nfs, other_centre.municipality), row("hours.total", hours))

    response = admin.get(URL, {"centre": centre.pk, "year": YEAR})

    table = comparison_table(response)
    # Quartiles of the 30 centres: 72.5, 142.5 and 207.5 hours; alpha's band holds 150 … 200.
    assert table[0][2] == "Median of 6 similar centres"
    assert rows_by_label(table)["Volunteer hours"] == ["145", "175"]
    assert "between 143 and 208 volunteer hours in the year" in response.text


def test_too_few_similar_centres_show_no_median(admin, centre, other_centre):
    give_figures(centre, row("hours.total", 100))
    give_figures(other_centre, row("hours.total", 200))

    response = admin.get(URL, {"centre": centre.pk, "year": YEAR})

    figures = rows_by_label(comparison_table(response))
    assert figures["Volunteer hours"] == ["100", "–"]  # one peer: its median is its own figure
    assert "too few similar centres to show a median" in response.text


def test_a_centre_shows_the_same_rounded_figure_in_its_municipalitys_list_and_here(
    admin, nfs, centre
):
    # Alpha's 20 and a neighbour's 2 in Midtre Gauldal: the neighbour's is rounded, the same
    # on every page, and alpha's is shown as it is everywhere.
    neighbour = extra_centre(nfs, centre.municipality)
    give_figures(centre, row("volunteers.active_in_year", 20), row("hours.total", 10))
    give_figures(neighbour, row("volunteers.active_in_year", 2), row("hours.total", 10))
    small = published(neighbour, "volunteers.active_in_year", 2)

    listed = admin.get(
        "/federation/statistics/regions/centres/",
        {"key": "volunteers.active_in_year", "year": YEAR, "municipality": centre.municipality_id},
    )
    compared = admin.get(URL, {"centre": neighbour.pk, "year": YEAR})

    lines = rows_by_label(tables_of(listed.text)["centres-caption"])
    assert lines["Alpha Frivilligsentral"] == ["20", "0"]
    assert lines[neighbour.name] == [str(small), "0"]
    assert small in (0, 5)
    figures = rows_by_label(comparison_table(compared))
    assert figures["Active volunteers in the year"][0] == str(small)


@pytest.mark.parametrize("which", ["danish_centre", "nothing"])
def test_only_the_federations_own_centres_can_be_compared(request, admin, centre, which):
    give_figures(centre, row("hours.total", 100))
    centre_id = request.getfixturevalue(which).pk if which != "nothing" else 999_999

    assert admin.get(URL, {"centre": centre_id}).status_code == 404


def test_the_comparison_exports_the_same_table(admin, centre):
    give_figures(centre, row("hours.total", 100), row("volunteers.active_in_year", 4))
    alpha = published(centre, "volunteers.active_in_year", 4)

    page = admin.get(URL, {"centre": centre.pk, "year": YEAR})
    response = admin.get(
        "/federation/statistics/export/comparison/csv/", {"centre": centre.pk, "year": YEAR}
    )

    assert "test-nfs-comparison-alpha-2025.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Figure,Alpha Frivilligsentral,Median of similar centres"
    assert lines[1:4] == [
        "Volunteer hours,100,",
        "Value of volunteer work (NOK),50000,",
        f"Active volunteers in the year,{alpha},",
    ]
    assert len(lines) == len(comparison_table(page))
