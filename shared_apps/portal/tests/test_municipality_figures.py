"""The municipality portal's figures: its centres' key figures and trends, anonymised,
their public activities; never another municipality's centre, never a write."""

from __future__ import annotations

import datetime

import pytest

from shared_apps.accounts.models import MunicipalityViewer
from shared_apps.reports.contracts import AnnualReportNarrative
from shared_apps.reports.facade import annual_report_submit
from shared_apps.statistics.contracts import AggregateRow, PublicActivity
from shared_apps.statistics.facade import centre_figures_replace, public_activities_replace
from shared_apps.statistics.rounding import rounded_cell
from tests.plugin import in_english

YEAR = 2025
MARCH = datetime.date(YEAR, 3, 1)
APRIL = datetime.date(YEAR, 4, 1)


@pytest.fixture
def viewer(municipality_client):
    return in_english(municipality_client)


@pytest.fixture
def figures(centre, other_centre):
    centre_figures_replace(
        centre_id=centre.pk,
        rows=[
            AggregateRow("hours.total", MARCH, 120),
            AggregateRow("hours.total", APRIL, 80),
            AggregateRow("volunteers.active", MARCH, 3),
            AggregateRow("volunteers.active", APRIL, 12),
            AggregateRow("volunteers.active_in_year", datetime.date(YEAR, 1, 1), 14),
            AggregateRow("participants.total", MARCH, 40),
            AggregateRow("help_requests.opened", MARCH, 2, "transport"),
        ],
    )
    centre_figures_replace(
        centre_id=other_centre.pk, rows=[AggregateRow("hours.total", MARCH, 999)]
    )


def published(centre, key, month, value, dimension=""):
    """The value a count of people leaves the centre as (statistics.rounding)."""
    return rounded_cell(centre_id=centre.pk, key=key, dimension=dimension, month=month, value=value)


def test_the_viewer_sees_its_centres_key_figures_with_small_counts_rounded(viewer, figures, centre):
    text = viewer.get(f"/municipality/?year={YEAR}").text
    transport = published(centre, "help_requests.opened", MARCH, 2, "transport")

    assert "Volunteer hours" in text
    row = text.split("Alpha Frivilligsentral", 1)[1].split("</tr>", 1)[0]
    assert ">200<" in row  # hours of March and April
    assert ">14<" in row  # active volunteers in the year
    assert ">40<" in row  # participants
    # two help requests: a count of people below 5, shown rounded to 0 or 5
    assert transport in (0, 5) and f">{transport}<" in row and ">2<" not in row
    assert "999" not in text  # beta lies in another municipality


def test_the_centre_page_shows_the_trend_with_small_monthly_counts_rounded(viewer, figures, centre):
    response = viewer.get(f"/municipality/centres/alpha/?year={YEAR}")
    active = published(centre, "volunteers.active", MARCH, 3)

    assert response.status_code == 200
    text = response.text
    march = text.split(">March<", 1)[1].split("</tr>", 1)[0]
    april = text.split(">April<", 1)[1].split("</tr>", 1)[0]
    assert active in (0, 5)
    assert ">120<" in march and f">{active}<" in march and ">3<" not in march  # 3 rounded
    assert ">80<" in april and ">12<" in april
    assert "<svg" in text and "Volunteer hours per month, 2025" in text


def test_the_viewer_sees_public_activities_of_its_centres(viewer, centre):
    public_activities_replace(
        centre_id=centre.pk,
        activities=[
            PublicActivity(
                name="Språkkafé",
                category="social-meeting-places",
                place="Biblioteket",
                recurrence="weekly",
                first_date=datetime.date(YEAR, 1, 6),
                last_date=None,
                start_time=datetime.time(17),
                end_time=datetime.time(19),
                next_date=datetime.date(YEAR, 12, 1),
            )
        ],
    )

    text = viewer.get("/municipality/centres/alpha/").text

    assert "Språkkafé" in text and "Biblioteket" in text and "17:00–19:00" in text
    assert "Social meeting places" in text


def test_a_centre_in_another_municipality_is_not_found(viewer, other_centre, danish_centre):
    assert viewer.get("/municipality/centres/beta/").status_code == 404
    assert viewer.get("/municipality/centres/gamma/").status_code == 404


def test_a_viewer_of_two_municipalities_gets_a_total_row_suppressed_as_a_line(
    viewer, municipality_viewer, centre, other_centre, figures
):
    # Beta is in the viewer's other municipality: each municipality has its own table
    MunicipalityViewer.objects.create(
        user=municipality_viewer, municipality=other_centre.municipality
    )

    text = viewer.get(f"/municipality/?year={YEAR}").text

    assert ">999<" in text and ">200<" in text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_centre_page_refuses_every_write(viewer, method, figures):
    assert getattr(viewer, method)("/municipality/centres/alpha/").status_code == 403


def test_the_viewer_finds_submitted_annual_reports_with_their_pdf(viewer, centre, other_centre):
    for submitted in (centre, other_centre):
        annual_report_submit(
            centre_id=submitted.pk,
            year=YEAR,
            submitted_by_user_id=None,
            language="nb",
            narrative=AnnualReportNarrative(
                summary="Et godt år.", highlights="", cooperation="", plans="", partners=()
            ),
            figures=[AggregateRow("hours.total", MARCH, 120)],
        )

    home = viewer.get("/municipality/").text
    page = viewer.get("/municipality/centres/alpha/").text

    for text in (home, page):
        section = text.split("Submitted annual reports", 1)[1].split("</table>", 1)[0]
        assert "Alpha Frivilligsentral" in section and str(YEAR) in section
        assert f"/reports/centre/alpha/{YEAR}/pdf/" in section
        assert "Beta" not in section  # another municipality's centre
