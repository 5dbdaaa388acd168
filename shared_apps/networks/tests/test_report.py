"""The network report: printable HTML with theme, goal, members, the year's figures by
month and the activity in the network; and the figures as CSV."""

from __future__ import annotations

import pytest

from shared_apps.networks import services
from shared_apps.networks.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_the_report_shows_the_network_its_members_figures_and_activity(
    admin_client, federation_admin, network, member_figures
):
    services.network_post_create(author=federation_admin, network=network, text="Welcome!")
    services.network_post_create(author=federation_admin, network=network, text="Reminder")

    response = admin_client.get(f"/networks/{network.pk}/report/?year={YEAR}")

    html = response.text
    assert response.status_code == 200
    assert "Network report 2025: Mobilising against loneliness" in html
    assert "Loneliness in small municipalities" in html
    assert "Reach young adults and seniors with immigrant background." in html
    assert "Alpha Frivilligsentral" in html and "Beta Frivilligsentral" in html
    assert "By month, 2025" in html
    assert '<th scope="row">March</th>\n          <td class="network-number">160.5</td>' in html
    assert '<dd id="report-posts">2</dd>' in html
    assert '<dd id="report-notes">0</dd>' in html
    assert f'href="/networks/{network.pk}/report.csv?year=2025"' in html


def test_the_figures_download_as_csv(admin_client, network, member_figures):
    response = admin_client.get(f"/networks/{network.pk}/report.csv?year={YEAR}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="network-{network.pk}-2025.csv"'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Month,Volunteer hours,Active volunteers,New volunteers,Participants,"
        "Activities running,Sessions held"
    )
    assert lines[1] == "2025-01,0,0,0,0,0,0"
    assert lines[3] == "2025-03,160.5,21,11,53,6,12"
    assert lines[4] == "2025-04,80,9,7,0,0,0"
    assert lines[13] == "2025,240.5,23,18,53,7,12"
    assert lines[15] == "Target group,Participants,Network target group"
    assert lines[16:19] == [
        "Young adults 18–29,16,yes",
        "Seniors 60+,15,yes",
        "Immigrant background,5,yes",
    ]
    assert lines[22] == "All target groups,36,"
    assert lines[25] == "Alpha Frivilligsentral,200.5,12,13,40,5"
    assert lines[26] == "Beta Frivilligsentral,30,6,5,8,2"
    assert lines[27] == "Delta Frivilligsentral,10,5,0,5,0"


def test_an_analyst_may_open_the_report(analyst_client, network):
    assert analyst_client.get(f"/networks/{network.pk}/report/").status_code == 200
    assert analyst_client.get(f"/networks/{network.pk}/report.csv").status_code == 200
