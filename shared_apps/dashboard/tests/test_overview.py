"""The main page: national totals that add up to the centres' own figures, only of the
person's own federation, small counts of people rounded, a bounded number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shared_apps.dashboard.tests.helpers import (
    PREVIOUS,
    YEAR,
    extra_centre,
    give_figures,
    month,
    published,
    row,
    rows_by_label,
    tables_of,
)
from shared_apps.statistics.models import StatisticsRun
from tests.plugin import host_client, sign_in

HOME = "/federation/statistics/"


@pytest.fixture
def figures(centre, other_centre, danish_centre):
    """Alpha and beta (test-nfs) with figures in both years; gamma (test-frise) with large,
    easily recognised ones that must never reach test-nfs."""
    give_figures(
        centre,
        row("hours.total", 100, on=month(1)),
        row("hours.total", Decimal("50.5"), on=month(2)),
        row("hours.total", 40, on=month(3, PREVIOUS)),
        row("volunteers.active", 9, on=month(1)),
        row("volunteers.active", 3, on=month(2)),
        row("volunteers.active_in_year", 12, on=month(1)),
        row("volunteers.active_in_year", 10, on=month(1, PREVIOUS)),
        row("volunteers.new", 6, on=month(2)),
        row("activities.running_in_year", 3, dimension="social-meeting-places"),
        row("sessions.held", 10, on=month(1), dimension="social-meeting-places"),
        row("participants.total", 40, on=month(1)),
        row("help_requests.opened", 3, on=month(1), dimension="transport"),
        row("help_requests.matched", 2, on=month(1), dimension="transport"),
    )
    give_figures(
        other_centre,
        row("hours.total", 30, on=month(1)),
        row("hours.total", 20, on=month(6, PREVIOUS)),
        row("volunteers.active", 8, on=month(1)),
        row("volunteers.active_in_year", 8, on=month(1)),
        row("volunteers.active_in_year", 7, on=month(1, PREVIOUS)),
        row("volunteers.new", 7, on=month(3)),
        row("activities.running_in_year", 2, dimension="events"),
        row("sessions.held", 5, on=month(2), dimension="events"),
        row("participants.total", 25, on=month(2)),
        row("help_requests.opened", 4, on=month(1), dimension="shopping"),
        row("help_requests.matched", 1, on=month(2), dimension="shopping"),
    )
    give_figures(
        danish_centre,
        row("hours.total", 9999, on=month(1)),
        row("volunteers.active_in_year", 777, on=month(1)),
        row("participants.total", 8888, on=month(1)),
    )


def test_the_federation_admin_sees_totals_that_add_up_to_its_centres_figures(
    admin, figures, centre, other_centre
):
    response = admin.get(HOME)
    # Help requests are counts of people: 3 and 4 received, 2 and 1 matched, each rounded
    received = published(centre, "help_requests.opened", 3, dimension="transport") + published(
        other_centre, "help_requests.opened", 4, dimension="shopping"
    )
    matched = published(centre, "help_requests.matched", 2, dimension="transport") + published(
        other_centre, "help_requests.matched", 1, on=month(2), dimension="shopping"
    )

    assert response.status_code == 200
    key_figures = rows_by_label(tables_of(response.text)["key-figures-caption"])
    # alpha + beta, this year beside last year
    assert key_figures == {
        "Volunteer hours": ["180.5", "60"],  # 100 + 50.5 + 30 | 40 + 20
        "Value of volunteer work (NOK)": ["90,250 NOK", "30,000 NOK"],  # × NOK 500 an hour
        "Active volunteers in the year": ["20", "17"],  # 12 + 8 | 10 + 7
        "New volunteers": ["13", "0"],
        "Activities running in the year": ["5", "0"],
        "Sessions held": ["15", "0"],
        "Participants": ["65", "0"],
        "Help requests received": [str(received), "0"],
        "Help requests matched with a volunteer": [str(matched), "0"],
        "Help requests completed": ["0", "0"],
    }
    assert "Key figures 2025" in response.text
    # Nothing of the Danish federation.
    for danish in ("9,999", "9999", "777", "8,888", "8888", "Test FriSe", "Gamma"):
        assert danish not in response.text


def test_the_monthly_and_yearly_tables_hold_the_same_sums(admin, figures, centre):
    tables = tables_of(admin.get(HOME).text)
    alpha_february = published(centre, "volunteers.active", 3, on=month(2))

    hours = rows_by_label(tables["monthly-hours-caption"])
    assert hours["January"] == ["130", "0"]
    assert hours["February"] == ["50.5", "0"]
    assert hours["March"] == ["0", "40"]
    assert hours["June"] == ["–", "20"]  # not computed yet: the latest figures are of March
    assert hours["Year"] == ["180.5", "60"]
    volunteers = rows_by_label(tables["monthly-volunteers-caption"])
    assert volunteers["January"] == ["17", "0"]
    assert alpha_february in (0, 5)
    assert volunteers["February"] == [str(alpha_february), "0"]  # only alpha's 3, rounded
    yearly = rows_by_label(tables["yearly-caption"])
    assert yearly == {
        str(PREVIOUS): ["60", "30,000 NOK", "17"],
        str(YEAR): ["180.5", "90,250 NOK", "20"],
    }


def test_a_person_of_several_federations_starts_with_the_first_and_may_pick(
    staff_of, nfs, frise, figures
):
    client = staff_of(nfs, frise)

    first = client.get(HOME)
    picked = client.get(HOME, {"federation": "test-nfs"})

    assert "Statistics for Test FriSe" in first.text  # by name: FriSe before NFS
    assert rows_by_label(tables_of(first.text)["key-figures-caption"])["Volunteer hours"] == [
        "9,999",
        "0",
    ]
    assert "Statistics for Test NFS" in picked.text
    assert '<option value="test-nfs" selected>Test NFS</option>' in picked.text


def test_another_federations_figures_cannot_be_asked_for(admin, figures):
    for url in (
        HOME,
        "/federation/statistics/regions/",
        "/federation/statistics/export/key-figures/csv/",
        "/federation/statistics/export/regions/xlsx/",
    ):
        response = admin.get(url, {"federation": "test-frise"})
        assert response.status_code == 404, url
        assert "9999" not in response.text and "9,999" not in response.text


def test_a_small_national_count_of_people_shows_rounded(admin, centre):
    give_figures(centre, row("volunteers.active_in_year", 3), row("hours.total", 12))
    alpha = published(centre, "volunteers.active_in_year", 3)

    key_figures = rows_by_label(tables_of(admin.get(HOME).text)["key-figures-caption"])

    assert alpha in (0, 5)
    assert key_figures["Active volunteers in the year"] == [str(alpha), "0"]
    assert key_figures["Volunteer hours"] == ["12", "0"]  # hours are not people


@pytest.mark.parametrize(
    "client_fixture", ["municipality_client", "centre_admin_client", "volunteer_client"]
)
def test_municipality_viewers_and_centre_people_are_refused(request, client_fixture, figures):
    client = request.getfixturevalue(client_fixture)
    for url in (HOME, "/federation/statistics/regions/", "/federation/statistics/comparison/"):
        response = client.get(url)
        # Platform host: refused by the access rules; a centre's host has no such page.
        assert response.status_code in (403, 404), (client_fixture, url)
        assert "Volunteer hours" not in response.text


def test_centre_managers_signed_in_on_the_platform_host_are_refused(centre, member_of, figures):
    user = member_of(centre, "centre_admin")
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), user)

    assert client.get(HOME).status_code == 403
    assert client.get("/federation/statistics/export/key-figures/csv/").status_code == 403


def test_without_figures_the_page_says_so_and_when_figures_were_computed(admin):
    response = admin.get(HOME)

    assert response.status_code == 200
    assert "There are no figures for Test NFS yet." in response.text
    assert "The figures have not been computed yet." in response.text
    assert "<svg" not in response.text

    StatisticsRun.objects.create(
        kind="incremental",
        started_at=timezone.make_aware(datetime.datetime(2026, 3, 4, 5, 0)),
        finished_at=timezone.make_aware(datetime.datetime(2026, 3, 4, 5, 1)),
    )
    response = admin.get(HOME)
    assert "There are no figures for Test NFS yet." in response.text
    assert "Figures last computed: March 4, 2026" in response.text


def test_the_page_in_norwegian_formats_money_and_numbers_the_norwegian_way(
    federation_client, centre
):
    give_figures(centre, row("hours.total", 2500))

    federation_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = federation_client.get(HOME)

    key_figures = tables_of(response.text)["key-figures-caption"]
    assert key_figures[1][1:] == ["2 500", "0"]
    assert key_figures[2][1:] == ["1 250 000 NOK", "0 NOK"]
    # Grouped with no-break spaces, so a number never wraps.
    assert ">2\xa0500<" in response.text
    assert ">1\xa0250\xa0000 NOK<" in response.text


def test_charts_are_images_with_a_text_alternative_and_no_inline_style(admin, figures):
    text = admin.get(HOME).text

    assert text.count('role="img"') == 3
    assert (
        '<title id="chart-monthly-hours-title">Volunteer hours per month, 2025 and 2024</title>'
        in text
    )
    assert 'id="chart-monthly-hours-desc"' in text
    assert 'aria-labelledby="chart-monthly-hours-title chart-monthly-hours-desc"' in text
    assert "style=" not in text
    assert text.count('<details class="dashboard-table-view"') == 3  # a table beside each chart


def _main_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def test_the_main_page_reads_a_few_queries_whatever_the_number_of_centres(
    admin, nfs, centre, other_centre, django_assert_max_num_queries
):
    give_figures(centre, row("hours.total", 10), row("volunteers.active_in_year", 6))
    give_figures(other_centre, row("hours.total", 20), row("volunteers.active_in_year", 6))
    with_two = _main_page_queries(admin)

    for number in range(10):
        extra = extra_centre(nfs, centre.municipality)
        give_figures(
            extra,
            row("hours.total", 5 + number, on=month(1 + number)),
            row("volunteers.active_in_year", 7),
            row("sessions.held", 2, dimension="events", on=month(2, PREVIOUS)),
        )
    with_twelve = _main_page_queries(admin)

    assert with_twelve == with_two
    # Nine: session, account, two-factor device, roles (two), memberships with their hour
    # value, the last run and two reads of the rollup; django-tenants sets the search path
    # before each one, and those statements count too.
    with django_assert_max_num_queries(18):
        response = admin.get(HOME)
    assert rows_by_label(tables_of(response.text)["key-figures-caption"])["Volunteer hours"][0] == (
        "125"  # 10 + 20 + (5 + … + 14)
    )
