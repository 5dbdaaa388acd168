"""The network's combined figures: sums over its member centres only, every count of people a
sum of rounded cells (statistics.rounding)."""

from __future__ import annotations

import re

import pytest

from shared_apps.networks.figures import network_figures
from shared_apps.networks.tests.conftest import YEAR, month
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from shared_apps.statistics.rounding import rounded_cell

pytestmark = pytest.mark.django_db


def cell(html: str, cell_id: str) -> str:
    match = re.search(rf'id="{cell_id}">([^<]*)</td>', html)
    assert match, f"no cell {cell_id}"
    return match.group(1)


def member_line(html: str, centre) -> list[str]:
    match = re.search(rf'<tr id="member-figures-{centre.pk}">(.*?)</tr>', html, re.S)
    assert match, f"no line for {centre.name}"
    return re.findall(r"<td[^>]*>([^<]*)</td>", match.group(1))


def test_combined_figures_are_the_sums_over_the_member_centres_only(network, member_figures):
    figures = network_figures(network=network, year=YEAR, with_members=True)

    # alpha 120.5 + 80, beta 30, delta 10; gamma's 1,000 hours are in no network of test-nfs
    assert figures.hours.text == "240.5"
    assert figures.participants.text == "53"
    assert figures.activities_running.text == "7"
    assert figures.sessions_held.text == "12"
    assert figures.active_volunteers_in_year.text == "23"
    assert figures.new_volunteers.text == "18"
    assert figures.participants_by_target_group_total.text == "36"
    march = figures.months[2]
    assert (march.hours.text, march.participants.text, march.active_volunteers.text) == (
        "160.5",
        "53",
        "21",
    )
    assert [member.hours.text for member in figures.members] == ["200.5", "30", "10"]


def test_a_federation_admin_sees_the_combined_figures_of_a_year(
    admin_client, network, member_figures
):
    html = admin_client.get(f"/networks/{network.pk}/?year={YEAR}").text

    assert "Combined figures 2025" in html
    assert cell(html, "figure-hours") == "240.5"
    assert cell(html, "figure-active-volunteers") == "23"
    assert cell(html, "figure-new-volunteers") == "18"
    assert cell(html, "figure-participants") == "53"
    assert cell(html, "figure-activities") == "7"
    assert cell(html, "figure-sessions") == "12"


def test_small_counts_of_people_are_shown_rounded_and_the_sums_agree(
    admin_client, network, member_figures, centre, other_centre
):
    """Alpha's 2 participants of immigrant background and beta's 3 new volunteers in April
    leave their centres rounded to 0 or 5; every line and total is a sum of rounded cells."""
    rows = [*member_figures[centre.pk]]
    rows = [row for row in rows if row.dimension != "immigrant_background"]
    rows.append(AggregateRow("participants.by_target_group", month(3), 2, "immigrant_background"))
    centre_figures_replace(centre_id=centre.pk, rows=rows)
    centre_figures_replace(
        centre_id=other_centre.pk,
        rows=[*member_figures[other_centre.pk], AggregateRow("volunteers.new", month(4), 3)],
    )
    immigrant = rounded_cell(
        centre_id=centre.pk,
        key="participants.by_target_group",
        dimension="immigrant_background",
        month=month(3),
        value=2,
    )
    beta_april = rounded_cell(
        centre_id=other_centre.pk, key="volunteers.new", dimension="", month=month(4), value=3
    )

    html = admin_client.get(f"/networks/{network.pk}/?year={YEAR}").text

    assert immigrant in (0, 5) and beta_april in (0, 5)
    assert cell(html, "figure-group-immigrant_background") == str(immigrant)
    assert cell(html, "figure-groups-total") == str(31 + immigrant)
    assert cell(html, "figure-new-volunteers") == str(18 + beta_april)
    assert member_line(html, other_centre)[2] == str(5 + beta_april)
    assert "&lt;5" not in html


def test_the_network_target_groups_are_highlighted(admin_client, network, member_figures):
    html = admin_client.get(f"/networks/{network.pk}/?year={YEAR}").text

    highlighted = re.findall(r'<tr class="network-target">\s*<th scope="row">([^<]*)', html)
    assert [label.strip() for label in highlighted] == [
        "Young adults 18–29",
        "Seniors 60+",
        "Immigrant background",
    ]
    assert html.count("the network's target group") == 3


def test_another_year_without_figures_shows_zeros(admin_client, network, member_figures):
    html = admin_client.get(f"/networks/{network.pk}/?year=2026").text

    assert "Combined figures 2026" in html
    assert cell(html, "figure-hours") == "0"
    assert cell(html, "figure-active-volunteers") == "0"


def test_a_year_before_the_members_joined_has_no_combined_figures(
    admin_client, network, member_figures
):
    """The members joined in December 2024: none of them counts in 2024."""
    html = admin_client.get(f"/networks/{network.pk}/?year=2024").text

    assert "Combined figures 2024" in html
    assert 'id="figures-withheld"' in html
    assert 'id="figure-hours"' not in html
