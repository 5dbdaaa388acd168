"""Differencing attacks, one per route of issue 10: build the figures, read every page the
role can read (real GETs, numbers parsed out of the HTML and CSV), do the subtraction an
outsider would do, and fail to get the small count back.

Counts of people leave a centre rounded (`shared_apps.statistics.rounding`, docs/adr/0011):
a count from 1 to 4 is published as 0 or 5, and every figure is a sum of rounded cells. So
each attack below recovers at best the *rounded* value of the cell it aims at — never the
count itself. Each test asserts exactly that: the subtraction gives the published (rounded)
value, which is not the real one, and no page ever shows a number from 1 to 4.
"""

from __future__ import annotations

import datetime
import html as html_module
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from shared_apps.dashboard.tests.helpers import extra_centre, rows_by_label, tables_of
from shared_apps.networks import services as network_services
from shared_apps.reports.contracts import AnnualReportNarrative
from shared_apps.reports.facade import annual_report_submit
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from shared_apps.statistics.rounding import rounded_cell
from tenants.models import Centre, OwnershipForm
from tests.plugin import in_english

pytestmark = pytest.mark.django_db

YEAR = 2025
JANUARY = datetime.date(YEAR, 1, 1)


def month(number: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, number, 1)


def number(text: str) -> int:
    """A figure as a page writes it ("1,234", "0"); "<5" would be a hidden figure."""
    text = html_module.unescape(text).strip()
    assert text != "<5", "figures are rounded now, never hidden"
    return int(Decimal(text.replace(",", "")))


def published(centre, key: str, value: int, when: datetime.date, dimension: str = "") -> int:
    return int(
        rounded_cell(centre_id=centre.pk, key=key, dimension=dimension, month=when, value=value)
    )


def assert_no_small_number(values) -> None:
    """No count of people from 1 to 4 on the page."""
    small = [value for value in values if 0 < value < 5]
    assert not small, f"a small count is shown: {small}"


def key_facts(html: str) -> dict[str, str]:
    """`<dt>label</dt><dd>value</dd>` pairs of a page."""
    return {
        html_module.unescape(label).strip(): value.strip()
        for label, value in re.findall(r"<dt>([^<]*)</dt>\s*<dd>([^<]*)</dd>", html)
    }


def attack_failed(*, recovered: int, real: int, rounded: int) -> None:
    """The subtraction gave the rounded value (0 or 5), not the real small count."""
    assert 0 < real < 5
    assert rounded in (0, 5)
    assert recovered == rounded
    assert recovered != real


@pytest.fixture
def neighbour(centre):
    """A second centre in alpha's municipality (Midtre Gauldal)."""
    return extra_centre(centre.federation, centre.municipality)


# --- Municipality: one centre's trend -------------------------------------------------------


def test_municipality_year_total_minus_the_months_shown_gives_no_hidden_month(
    municipality_client, centre
):
    """Route: the year's total on /municipality/centres/<slug>/ minus the months shown."""
    centre_figures_replace(
        centre_id=centre.pk,
        rows=[
            AggregateRow("participants.total", month(1), 3),  # the month to recover
            AggregateRow("participants.total", month(2), 20),
            AggregateRow("participants.total", month(3), 12),
            AggregateRow("hours.total", month(1), 40),
        ],
    )
    client = in_english(municipality_client)

    page = client.get(f"/municipality/centres/{centre.slug}/?year={YEAR}").text

    year_total = number(key_facts(page)["Participants"])
    trend = rows_by_label(tables_of(page)["trend-caption"])
    months = {label: number(cells[2]) for label, cells in trend.items()}
    recovered = year_total - sum(value for label, value in months.items() if label != "January")
    attack_failed(
        recovered=recovered,
        real=3,
        rounded=published(centre, "participants.total", 3, month(1)),
    )
    assert_no_small_number([year_total, *months.values()])


# --- Municipality: home page against a centre page ------------------------------------------


def test_municipality_home_total_minus_the_neighbours_page_gives_no_small_centre(
    municipality_client, centre, neighbour
):
    """Route: /municipality/ total minus /municipality/centres/<neighbour>/."""
    centre_figures_replace(
        centre_id=centre.pk, rows=[AggregateRow("volunteers.active_in_year", JANUARY, 3)]
    )
    centre_figures_replace(
        centre_id=neighbour.pk, rows=[AggregateRow("volunteers.active_in_year", JANUARY, 40)]
    )
    client = in_english(municipality_client)

    home = client.get(f"/municipality/?year={YEAR}").text
    neighbour_page = client.get(f"/municipality/centres/{neighbour.slug}/?year={YEAR}").text

    table = next(iter(t for key, t in tables_of(home).items() if key.startswith("key-figures")))
    column = table[0].index("Active volunteers in the year")
    total = number(table[-1][column - 2])  # the total row's label spans three columns
    shown_for_neighbour = number(key_facts(neighbour_page)["Active volunteers in the year"])
    attack_failed(
        recovered=total - shown_for_neighbour,
        real=3,
        rounded=published(centre, "volunteers.active_in_year", 3, JANUARY),
    )
    lines = rows_by_label(table)
    assert number(lines[centre.name][column - 1]) == total - shown_for_neighbour
    assert_no_small_number([total, shown_for_neighbour])


# --- Experience networks: a member reads the others ------------------------------------------


def _network(federation_admin, *members, since: datetime.datetime):
    network = network_services.network_create(
        actor=federation_admin,
        federation=members[0].federation,
        name=f"Loneliness {'-'.join(member.slug for member in members)}",
        theme="Theme",
        goal="Goal",
        target_groups=["seniors"],
        period_start=datetime.date(YEAR - 1, 1, 1),
        period_end=datetime.date(YEAR + 2, 12, 31),
    )
    for member in members:
        network_services.network_member_add(actor=federation_admin, network=network, centre=member)
    network.memberships.update(added_at=since)
    return network


def _network_cells(html: str) -> dict[str, int]:
    return {
        cell_id: number(value)
        for cell_id, value in re.findall(r'id="(figure-[^"]+)">([^<]*)</td>', html)
    }


def test_a_member_of_a_two_centre_network_reads_no_combined_figures(
    coordinator_client, federation_admin, centre, other_centre
):
    """Route: combined figures − own figures = the other member's, in a network of two."""
    network = _network(
        federation_admin,
        centre,
        other_centre,
        since=timezone.make_aware(datetime.datetime(YEAR - 1, 6, 1)),
    )
    centre_figures_replace(
        centre_id=other_centre.pk, rows=[AggregateRow("participants.total", month(3), 2)]
    )
    centre_figures_replace(
        centre_id=centre.pk, rows=[AggregateRow("participants.total", month(3), 30)]
    )

    page = in_english(coordinator_client).get(f"/networks/{network.pk}/?year={YEAR}").text

    assert 'id="figures-withheld"' in page
    assert _network_cells(page) == {}  # nothing to subtract from


def test_a_member_subtracting_its_own_exact_figures_gets_only_rounded_ones(
    coordinator_client, federation_admin, centre, other_centre
):
    """Route: with three members, alpha takes its own exact figures (which it knows) from
    the combined ones; the third member has none, so what is left is beta's — rounded."""
    third = extra_centre(centre.federation, centre.municipality)
    network = _network(
        federation_admin,
        centre,
        other_centre,
        third,
        since=timezone.make_aware(datetime.datetime(YEAR - 1, 6, 1)),
    )
    own = {"participants": 30, "new": 7}
    centre_figures_replace(
        centre_id=centre.pk,
        rows=[
            AggregateRow("participants.total", month(3), own["participants"]),
            AggregateRow("volunteers.new", month(3), own["new"]),
        ],
    )
    centre_figures_replace(
        centre_id=other_centre.pk,
        rows=[
            AggregateRow("participants.total", month(3), 2),
            AggregateRow("volunteers.new", month(3), 4),
        ],
    )

    page = in_english(coordinator_client).get(f"/networks/{network.pk}/?year={YEAR}").text
    cells = _network_cells(page)

    attack_failed(
        recovered=cells["figure-participants"] - own["participants"],
        real=2,
        rounded=published(other_centre, "participants.total", 2, month(3)),
    )
    attack_failed(
        recovered=cells["figure-new-volunteers"] - own["new"],
        real=4,
        rounded=published(other_centre, "volunteers.new", 4, month(3)),
    )
    assert "member-figures-" not in page  # a centre sees no line per member
    assert_no_small_number(cells.values())


def test_reading_the_network_before_and_after_a_centre_joins_gives_nothing(
    coordinator_client, federation_admin, centre, other_centre
):
    """Route: the page before a centre joins, against the page after: the newcomer's months.
    A member counts from the 1 January after it joined, so both pages are the same."""
    this_year = timezone.localdate().year
    third = extra_centre(centre.federation, centre.municipality)
    newcomer = extra_centre(centre.federation, centre.municipality)
    network = _network(
        federation_admin,
        centre,
        other_centre,
        third,
        since=timezone.make_aware(datetime.datetime(this_year - 1, 6, 1)),
    )
    for member, value in ((centre, 20), (other_centre, 9), (third, 6)):
        centre_figures_replace(
            centre_id=member.pk,
            rows=[AggregateRow("participants.total", month(1, this_year), value)],
        )
    centre_figures_replace(
        centre_id=newcomer.pk,
        rows=[
            AggregateRow("participants.total", month(1, this_year), 3),
            AggregateRow("hours.total", month(1, this_year), 12),
        ],
    )
    client = in_english(coordinator_client)
    url = f"/networks/{network.pk}/?year={this_year}"
    before = _network_cells(client.get(url).text)

    network_services.network_member_add(actor=federation_admin, network=network, centre=newcomer)
    after = _network_cells(client.get(url).text)

    assert before == after
    assert before["figure-participants"] == 35
    assert_no_small_number(after.values())


# --- Federation staff: drill-down against a network --------------------------------------------


def test_federation_drill_down_total_minus_a_network_of_the_neighbour_gives_no_small_centre(
    federation_client, federation_admin, centre, neighbour, other_centre
):
    """Route: the drill-down's municipality total minus the figure of a network made of only
    the other centre of that municipality (or a network whose member lines show it)."""
    centre_figures_replace(
        centre_id=centre.pk, rows=[AggregateRow("volunteers.active_in_year", JANUARY, 3)]
    )
    centre_figures_replace(
        centre_id=neighbour.pk, rows=[AggregateRow("volunteers.active_in_year", JANUARY, 40)]
    )
    since = timezone.make_aware(datetime.datetime(YEAR - 1, 6, 1))
    alone = _network(federation_admin, neighbour, since=since)
    third = extra_centre(centre.federation, other_centre.municipality)
    with_lines = _network(federation_admin, neighbour, other_centre, third, since=since)
    client = in_english(federation_client)

    drill_down = client.get(
        "/federation/statistics/regions/municipalities/",
        {"key": "volunteers.active_in_year", "year": YEAR, "county": "Trøndelag"},
    ).text
    centres = client.get(
        "/federation/statistics/regions/centres/",
        {"key": "volunteers.active_in_year", "year": YEAR, "municipality": centre.municipality_id},
    ).text
    alone_page = client.get(f"/networks/{alone.pk}/?year={YEAR}").text
    lines_page = client.get(f"/networks/{with_lines.pk}/report.csv?year={YEAR}")

    municipalities = rows_by_label(
        next(iter(t for key, t in tables_of(drill_down).items() if key.endswith("-caption")))
    )
    municipality_total = number(
        next(
            cells[0]
            for label, cells in municipalities.items()
            if label.startswith(centre.municipality.name)
        )
    )
    assert 'id="figures-withheld"' in alone_page and not _network_cells(alone_page)
    csv_lines = lines_page.content.decode("utf-8-sig").splitlines()
    neighbour_line = next(line for line in csv_lines if line.startswith(neighbour.name))
    neighbour_in_network = number(neighbour_line.split(",")[2])
    attack_failed(
        recovered=municipality_total - neighbour_in_network,
        real=3,
        rounded=published(centre, "volunteers.active_in_year", 3, JANUARY),
    )
    listed = rows_by_label(tables_of(centres)["centres-caption"])
    assert number(listed[centre.name][0]) == municipality_total - neighbour_in_network
    assert_no_small_number([municipality_total, neighbour_in_network])


def test_the_median_of_similar_centres_is_never_a_small_count(federation_client, centre):
    """Route: "median of similar centres" equal to a hidden peer's value (3)."""
    # The five peers below are the only centres similar to this one (same ownership form),
    # whatever centres other tests have left in the federation.
    Centre.objects.filter(federation=centre.federation).exclude(pk=centre.pk).update(
        ownership_form=OwnershipForm.MUNICIPAL
    )
    Centre.objects.filter(pk=centre.pk).update(ownership_form=OwnershipForm.ASSOCIATION)
    peers = [extra_centre(centre.federation, centre.municipality) for _index in range(5)]
    centre_figures_replace(
        centre_id=centre.pk,
        rows=[
            AggregateRow("hours.total", month(1), 100),
            AggregateRow("volunteers.active_in_year", JANUARY, 30),
        ],
    )
    for peer, volunteers in zip(peers, (1, 2, 3, 4, 3), strict=True):
        centre_figures_replace(
            centre_id=peer.pk,
            rows=[
                AggregateRow("hours.total", month(1), 100),
                AggregateRow("volunteers.active_in_year", JANUARY, volunteers),
            ],
        )

    page = in_english(federation_client).get(
        "/federation/statistics/comparison/", {"centre": centre.pk, "year": YEAR}
    )

    line = rows_by_label(tables_of(page.text)["comparison-caption"])[
        "Active volunteers in the year"
    ]
    rounded_peers = sorted(
        published(peer, "volunteers.active_in_year", value, JANUARY)
        for peer, value in zip(peers, (1, 2, 3, 4, 3), strict=True)
    )
    assert html_module.unescape(line[1]) not in {"1", "2", "3", "4"}
    assert number(line[1]) == rounded_peers[2]  # the median of the rounded peers
    assert number(line[1]) != 3


# --- Annual reports against the statistics ----------------------------------------------------


def test_a_report_total_minus_its_parts_or_the_dashboard_gives_no_small_count(
    federation_client, municipality_client, centre
):
    """Route: the submitted report's people counts (total and parts) against each other and
    against the federation's figures of the same centre."""
    rows = [
        AggregateRow("help_requests.opened", month(2), 2, "transport"),
        AggregateRow("help_requests.opened", month(2), 9, "shopping"),
        AggregateRow("volunteers.active_in_year", JANUARY, 12),
        AggregateRow("volunteers.active_in_year_by_age_band", JANUARY, 3, "18_29"),
        AggregateRow("volunteers.active_in_year_by_age_band", JANUARY, 9, "60_79"),
    ]
    centre_figures_replace(centre_id=centre.pk, rows=rows)
    annual_report_submit(
        centre_id=centre.pk,
        year=YEAR,
        submitted_by_user_id=None,
        language="nb",
        narrative=AnnualReportNarrative(summary="Et år."),
        figures=rows,
    )

    url = f"/reports/centre/{centre.slug}/{YEAR}/"
    for client in (in_english(federation_client), in_english(municipality_client)):
        page = client.get(url).text
        facts = key_facts(page)
        tables = tables_of(page)
        by_age = rows_by_label(tables["Active volunteers in the year by age"])
        young = rounded_cell(
            centre_id=centre.pk,
            key="volunteers.active_in_year_by_age_band",
            dimension="18_29",
            month=JANUARY,
            value=3,
        )
        attack_failed(
            recovered=number(facts["Active volunteers in the year"]) - number(by_age["60–79"][0]),
            real=3,
            rounded=int(young),
        )
        help_table = rows_by_label(tables["Help requests by type of help"])
        attack_failed(
            recovered=number(help_table["Total"][0]) - number(help_table["Shopping"][0]),
            real=2,
            rounded=published(centre, "help_requests.opened", 2, month(2), "transport"),
        )
    # and the dashboard's figure of the centre is the report's
    drill = in_english(federation_client).get(
        "/federation/statistics/regions/centres/",
        {"key": "volunteers.active_in_year", "year": YEAR, "municipality": centre.municipality_id},
    )
    listed = rows_by_label(tables_of(drill.text)["centres-caption"])
    assert number(listed[centre.name][0]) == 9 + int(young)
