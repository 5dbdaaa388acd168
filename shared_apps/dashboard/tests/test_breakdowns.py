"""Drill-downs (county → municipality → centre, ownership form, activity category, target
group and age) of rounded counts of people, and exports holding exactly the figures shown."""

from __future__ import annotations

import csv
import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from shared_apps.dashboard.tests.helpers import (
    PREVIOUS,
    YEAR,
    give_figures,
    month,
    published,
    row,
    rows_by_label,
    tables_of,
)

BASE = "/federation/statistics/"


def only_table(response) -> list[list[str]]:
    tables = {k: v for k, v in tables_of(response.text).items() if k.endswith("-caption")}
    assert len(tables) == 1, list(tables)
    return next(iter(tables.values()))


@pytest.fixture
def volunteers(centre, other_centre, danish_centre):
    """Alpha (Midtre Gauldal, Trøndelag) has 3 active volunteers, beta (Sør-Varanger,
    Finnmark) 40: alpha's leaves the centre rounded to 0 or 5, so 43 − 40 is never shown."""
    give_figures(centre, row("volunteers.active_in_year", 3), row("hours.total", 100))
    give_figures(
        other_centre,
        row("volunteers.active_in_year", 40),
        row("volunteers.active_in_year", 12, on=month(1, PREVIOUS)),
        row("hours.total", 250),
    )
    give_figures(danish_centre, row("volunteers.active_in_year", 500))


def test_regions_show_a_small_count_rounded_and_the_total_as_the_sum(admin, volunteers, centre):
    alpha = published(centre, "volunteers.active_in_year", 3)
    response = admin.get(BASE + "regions/", {"key": "volunteers.active_in_year", "year": YEAR})

    assert response.status_code == 200
    table = only_table(response)
    assert table[0] == ["County or region", str(YEAR), str(PREVIOUS)]
    assert alpha in (0, 5)
    assert table[1:] == [
        ["Finnmark", "40", "12"],
        ["Trøndelag", str(alpha), "0"],
        ["Total", str(40 + alpha), "12"],
    ]
    # (the chart's bar for Finnmark is 500.0 wide: look for the Danish 500 as a number)
    assert "Region Sjælland" not in response.text and ">500<" not in response.text


def test_below_a_county_the_figures_are_the_same_rounded_cells(admin, volunteers):
    municipalities = admin.get(
        BASE + "regions/municipalities/",
        {"key": "volunteers.active_in_year", "year": YEAR, "county": "Finnmark"},
    )
    centres = admin.get(
        BASE + "regions/centres/",
        {"key": "volunteers.active_in_year", "year": YEAR, "municipality": 0},
    )

    assert only_table(municipalities)[1:] == [
        ["Sør-Varanger (5605)", "40", "12"],
        ["Total for Finnmark", "40", "12"],
    ]
    assert centres.status_code == 404


def test_the_centres_of_a_municipality_are_listed_with_their_own_figures(
    admin, volunteers, other_centre
):
    response = admin.get(
        BASE + "regions/centres/",
        {"key": "hours.total", "year": YEAR, "municipality": other_centre.municipality_id},
    )

    assert only_table(response)[1:] == [
        ["Beta Frivilligsentral", "250", "0"],
        ["Total for Sør-Varanger (5605)", "250", "0"],
    ]
    assert "Alpha" not in response.text


def test_a_county_or_municipality_without_the_federations_centres_is_not_found(
    admin, volunteers, danish_centre
):
    assert (
        admin.get(BASE + "regions/municipalities/", {"county": "Region Sjælland"}).status_code
        == 404
    )
    response = admin.get(BASE + "regions/centres/", {"municipality": danish_centre.municipality_id})
    assert response.status_code == 404


def test_a_small_age_band_is_rounded_and_the_total_is_the_sum(admin, centre, other_centre):
    give_figures(
        centre,
        row("participants.by_age_band", 3, dimension="0_17"),
        row("participants.by_age_band", 10, dimension="18_29"),
        row("participants.by_age_band", 20, dimension="30_59"),
    )
    give_figures(other_centre, row("participants.by_age_band", 5, dimension="30_59"))

    response = admin.get(BASE + "groups/", {"key": "participants.by_age_band", "year": YEAR})

    # 3 left alpha as 0 or 5; the total is the sum of what is shown, so total − 10 − 25
    # gives back the rounded value, never the 3.
    under_18 = published(centre, "participants.by_age_band", 3, dimension="0_17")
    assert under_18 in (0, 5)
    assert only_table(response)[1:] == [
        ["Under 18", str(under_18), "0"],
        ["18–29", "10", "0"],
        ["30–59", "25", "0"],
        ["60–79", "0", "0"],
        ["80 and over", "0", "0"],
        ["Not given", "0", "0"],
        ["Total", str(35 + under_18), "0"],
    ]


def test_target_groups_are_counted_per_group_with_a_total(admin, centre):
    give_figures(
        centre,
        row("participants.by_target_group", 30, dimension="seniors"),
        row("participants.by_target_group", 8, dimension="lonely"),
    )

    response = admin.get(BASE + "groups/", {"key": "participants.by_target_group", "year": YEAR})

    table = rows_by_label(only_table(response))
    assert table["Seniors 60+"] == ["30", "0"]
    assert table["People experiencing loneliness"] == ["8", "0"]
    assert table["Total"] == ["38", "0"]


def test_categories_carry_the_federations_names_in_the_readers_language(
    admin, federation_client, centre, other_centre
):
    give_figures(
        centre,
        row("hours.by_category", 12, dimension="social-meeting-places"),
        row("hours.by_category", 3, dimension="other"),
    )
    give_figures(other_centre, row("hours.by_category", 5, dimension="events"))

    english = only_table(admin.get(BASE + "categories/", {"year": YEAR}))
    federation_client.cookies["django_language"] = "nb"
    norwegian = rows_by_label(only_table(federation_client.get(BASE + "categories/")))

    assert english[1] == ["Social meeting places", "12", "0"]
    assert ["Events", "5", "0"] in english
    assert english[-2] == ["Other", "3", "0"]  # always last
    assert english[-1] == ["Total", "20", "0"]
    assert norwegian["Sosiale møteplasser"] == ["12", "0"]
    assert norwegian["Annet"] == ["3", "0"]


def test_ownership_forms_list_every_form(admin, volunteers):
    response = admin.get(BASE + "ownership-forms/", {"key": "hours.total", "year": YEAR})

    assert only_table(response)[1:] == [
        ["Municipal", "0", "0"],
        ["Association", "350", "0"],
        ["Foundation", "0", "0"],
        ["Cooperative", "0", "0"],
        ["Total", "350", "0"],
    ]


def test_the_csv_export_holds_exactly_the_table_on_screen(admin, volunteers, centre):
    query = {"federation": "test-nfs", "key": "volunteers.active_in_year", "year": YEAR}
    page = admin.get(BASE + "regions/", query)

    response = admin.get(BASE + "export/regions/csv/", query)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="test-nfs-regions-volunteers.active_in_year-2025.csv"'
    )
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == only_table(page)
    alpha = published(centre, "volunteers.active_in_year", 3)
    assert text.splitlines()[1:3] == ["Finnmark,40,12", f"Trøndelag,{alpha},0"]
    assert (
        f"export/regions/csv/?federation=test-nfs&amp;year={YEAR}&amp;key=volunteers.active_in_year"
        in page.text
    )


def test_the_excel_export_holds_the_same_figures(admin, volunteers):
    query = {"key": "volunteers.active_in_year", "year": YEAR, "county": "Finnmark"}
    page = admin.get(BASE + "regions/municipalities/", query)

    response = admin.get(BASE + "export/municipalities/xlsx/", query)

    assert response.status_code == 200
    assert (
        "test-nfs-municipalities-finnmark-volunteers.active_in_year-2025.xlsx"
        in (response["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [
        [str(value) for value in cells]
        for cells in sheet.iter_rows(min_row=3, max_row=5, values_only=True)
    ]
    assert rows == only_table(page)
    assert sheet.cell(row=1, column=1).value == (
        "Active volunteers in the year in the municipalities of Finnmark, 2025"
    )


def test_the_main_pages_tables_export_too(admin, volunteers, centre):
    response = admin.get(BASE + "export/key-figures/csv/", {"year": YEAR})

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["Figure", "2025", "2024"]
    assert ["Volunteer hours", "350", "0"] in lines
    assert ["Value of volunteer work (NOK)", "175000", "0"] in lines
    alpha = published(centre, "volunteers.active_in_year", 3)
    assert ["Active volunteers in the year", str(40 + alpha), "12"] in lines
    assert "test-nfs-key-figures-2025.csv" in response["Content-Disposition"]


def test_export_files_are_named_in_the_reader_language(admin, volunteers):
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = admin.get(BASE + "export/key-figures/csv/", {"year": YEAR})

    assert 'filename="test-nfs-nokkeltall-2025.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines()[0] == "Tall;2025;2024"


def test_an_unknown_export_is_not_found(admin, volunteers):
    assert admin.get(BASE + "export/nothing/csv/").status_code == 404
    assert admin.get(BASE + "export/regions/pdf/").status_code == 404


def test_drill_down_pages_without_figures_say_so(admin):
    response = admin.get(BASE + "regions/")

    assert response.status_code == 200
    assert "There are no figures for Test NFS yet." in response.text
