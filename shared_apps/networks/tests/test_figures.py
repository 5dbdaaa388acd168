"""The network's combined figures: sums over its member centres only, with counts of people
below 5 (and whatever would let one be worked out) shown as "<5"."""

from __future__ import annotations

import re

import pytest

from shared_apps.networks.figures import network_figures
from shared_apps.networks.tests.conftest import YEAR

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

    # alpha 120.5 + 80, beta 30; gamma's 1,000 hours are in no network of test-nfs
    assert figures.hours.text == "230.5"
    assert figures.participants.text == "48"
    assert figures.activities_running.text == "7"
    assert figures.sessions_held.text == "12"
    assert figures.active_volunteers_in_year.text == "15"
    assert figures.new_volunteers.text == "8"
    assert figures.participants_by_target_group_total.text == "33"
    march = figures.months[2]
    assert (march.hours.text, march.participants.text, march.active_volunteers.text) == (
        "150.5",
        "48",
        "13",
    )
    assert [member.hours.text for member in figures.members] == ["200.5", "30"]


def test_a_federation_admin_sees_the_combined_figures_of_a_year(
    admin_client, network, member_figures
):
    html = admin_client.get(f"/networks/{network.pk}/?year={YEAR}").text

    assert "Combined figures 2025" in html
    assert cell(html, "figure-hours") == "230.5"
    assert cell(html, "figure-active-volunteers") == "15"
    assert cell(html, "figure-new-volunteers") == "8"
    assert cell(html, "figure-participants") == "48"
    assert cell(html, "figure-activities") == "7"
    assert cell(html, "figure-sessions") == "12"


def test_small_counts_of_people_are_shown_as_less_than_five(
    admin_client, network, member_figures, centre, other_centre
):
    html = admin_client.get(f"/networks/{network.pk}/?year={YEAR}").text

    # Participants by target group: immigrant background 2 is hidden, and seniors (8 + 7)
    # too, or 33 − 16 − 15 would give the hidden 2 away.
    assert cell(html, "figure-group-young_adults") == "16"
    assert cell(html, "figure-group-seniors") == "&lt;5"
    assert cell(html, "figure-group-immigrant_background") == "&lt;5"
    assert cell(html, "figure-groups-total") == "33"
    # Per member: beta's 3 active volunteers are hidden, and so are alpha's 12 (15 − 12 = 3);
    # new volunteers 7 and 1 likewise. Hours and participants above 4 are shown.
    assert member_line(html, centre) == ["200.5", "&lt;5", "&lt;5", "40", "5"]
    assert member_line(html, other_centre) == ["30", "&lt;5", "&lt;5", "8", "2"]


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
    html = admin_client.get(f"/networks/{network.pk}/?year=2024").text

    assert "Combined figures 2024" in html
    assert cell(html, "figure-hours") == "0"
    assert cell(html, "figure-active-volunteers") == "0"
