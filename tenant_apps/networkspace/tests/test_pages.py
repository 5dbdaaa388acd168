"""A centre's networks, on the centre's host: staff of a member centre read and write in
the network; a centre that is not a member gets 404 for the network and its files."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shared_apps.networks import services
from shared_apps.networks.models import (
    MAX_POST_LENGTH,
    MeetingNote,
    Network,
    NetworkFile,
    NetworkPost,
)
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from shared_apps.statistics.rounding import rounded_cell
from tenants.models import Centre, CentreStatus, Federation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def network(federation_admin, centre):
    """A network of test-nfs with alpha as its only member."""
    network = services.network_create(
        actor=federation_admin,
        federation=Federation.objects.get(slug="test-nfs"),
        name="Mobilising against loneliness",
        theme="Loneliness in small municipalities",
        goal="Reach young adults and seniors.",
        target_groups=["young_adults", "seniors"],
    )
    services.network_member_add(actor=federation_admin, network=network, centre=centre)
    return network


@pytest.fixture
def shared_file(federation_admin, network):
    return services.network_file_upload(
        uploader=federation_admin,
        network=network,
        name="Plan.pdf",
        content=io.BytesIO(PDF),
        size=len(PDF),
    )


@pytest.fixture
def beta_coordinator_client(other_centre, member_of, client_of):
    return client_of(other_centre, member_of(other_centre, "coordinator"))


@pytest.fixture
def alpha_coordinator_client(centre, member_of, client_of):
    return client_of(centre, member_of(centre, "coordinator", full_name="Cora Coordinator"))


def test_staff_of_a_member_centre_see_the_network(alpha_coordinator_client, network):
    listing = alpha_coordinator_client.get("/networks/")
    assert listing.status_code == 200
    assert f'<a href="/networks/{network.pk}/">Mobilising against loneliness</a>' in listing.text
    assert "Test NFS · 1 member centre" in listing.text

    detail = alpha_coordinator_client.get(f"/networks/{network.pk}/")
    assert detail.status_code == 200
    assert "Loneliness in small municipalities" in detail.text
    assert '<th scope="row">Alpha Frivilligsentral</th>' in detail.text
    # No management on the centre's side
    assert "/remove/" not in detail.text and "Add to the network" not in detail.text


def test_the_staff_menu_links_to_the_networks(alpha_coordinator_client):
    html = alpha_coordinator_client.get("/staff/").text
    assert '<a href="/networks/">Experience networks</a>' in html


def test_staff_of_a_member_centre_post_and_write_meeting_notes(
    alpha_coordinator_client, network, centre
):
    posted = alpha_coordinator_client.post(
        f"/networks/{network.pk}/posts/", {"text": "Our language café has a walking group now."}
    )
    noted = alpha_coordinator_client.post(
        f"/networks/{network.pk}/notes/",
        {"meeting_date": "2025-05-06", "title": "Spring meeting", "text": "Shared ideas."},
    )

    assert posted.status_code == 302 and noted.status_code == 302
    post = NetworkPost.objects.get()
    assert (post.centre, post.federation, post.author.full_name) == (
        centre,
        None,
        "Cora Coordinator",
    )
    assert MeetingNote.objects.get().meeting_date == datetime.date(2025, 5, 6)
    html = alpha_coordinator_client.get(f"/networks/{network.pk}/").text
    assert "<p>Our language café has a walking group now.</p>" in html
    assert "Cora Coordinator, Alpha Frivilligsentral" in html
    assert "Spring meeting" in html


def test_a_post_over_the_length_limit_is_refused_with_the_form_error(
    alpha_coordinator_client, network
):
    response = alpha_coordinator_client.post(
        f"/networks/{network.pk}/posts/", {"text": "x" * (MAX_POST_LENGTH + 1)}
    )

    assert response.status_code == 400
    assert (
        f"Ensure this value has at most {MAX_POST_LENGTH} characters "
        f"(it has {MAX_POST_LENGTH + 1})." in response.text
    )
    assert f'maxlength="{MAX_POST_LENGTH}"' in response.text
    assert not NetworkPost.objects.exists()


def test_staff_of_a_member_centre_upload_and_download_files(alpha_coordinator_client, network):
    uploaded = alpha_coordinator_client.post(
        f"/networks/{network.pk}/files/",
        {"file": SimpleUploadedFile("Invitation.pdf", PDF, content_type="application/pdf")},
    )

    assert uploaded.status_code == 302
    shared = NetworkFile.objects.get()
    download = alpha_coordinator_client.get(f"/networks/{network.pk}/files/{shared.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_wrong_file_type_is_refused_on_the_centre_host(alpha_coordinator_client, network):
    response = alpha_coordinator_client.post(
        f"/networks/{network.pk}/files/",
        {"file": SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")},
    )

    assert response.status_code == 400
    assert "Files of this type cannot be shared." in response.text
    assert not NetworkFile.objects.exists()


def test_a_centre_that_is_not_a_member_gets_404(beta_coordinator_client, network, shared_file):
    # Beta is in the same federation, but not in the network
    listing = beta_coordinator_client.get("/networks/")
    assert "Mobilising against loneliness" not in listing.text
    assert "not a member of any experience network yet" in listing.text

    assert beta_coordinator_client.get(f"/networks/{network.pk}/").status_code == 404
    url = f"/networks/{network.pk}/files/{shared_file.pk}/"
    assert beta_coordinator_client.get(url).status_code == 404
    assert beta_coordinator_client.get(f"{url}delete/").status_code == 404
    assert beta_coordinator_client.post(f"{url}delete/").status_code == 404
    assert NetworkFile.objects.filter(pk=shared_file.pk).exists()

    posted = beta_coordinator_client.post(f"/networks/{network.pk}/posts/", {"text": "Hi"})
    noted = beta_coordinator_client.post(
        f"/networks/{network.pk}/notes/",
        {"meeting_date": "2025-05-06", "title": "T", "text": "N"},
    )
    uploaded = beta_coordinator_client.post(
        f"/networks/{network.pk}/files/",
        {"file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
    )
    assert (posted.status_code, noted.status_code, uploaded.status_code) == (404, 404, 404)
    assert not NetworkPost.objects.exists() and not MeetingNote.objects.exists()
    assert NetworkFile.objects.count() == 1


def test_a_member_cannot_reach_another_networks_file_through_its_own_network(
    alpha_coordinator_client, federation_admin, network, other_centre
):
    other = services.network_create(
        actor=federation_admin,
        federation=network.federation,
        name="Beta's network",
        theme="T",
        goal="G",
    )
    services.network_member_add(actor=federation_admin, network=other, centre=other_centre)
    secret = services.network_file_upload(
        uploader=federation_admin, network=other, name="s.pdf", content=io.BytesIO(PDF), size=4
    )

    assert alpha_coordinator_client.get(f"/networks/{other.pk}/").status_code == 404
    response = alpha_coordinator_client.get(f"/networks/{network.pk}/files/{secret.pk}/")
    assert response.status_code == 404


def test_a_volunteer_is_refused(volunteer_client, network):
    assert volunteer_client.get("/networks/").status_code == 403
    assert volunteer_client.get(f"/networks/{network.pk}/").status_code == 403


def test_the_uploader_deletes_their_file(alpha_coordinator_client, network):
    alpha_coordinator_client.post(
        f"/networks/{network.pk}/files/",
        {"file": SimpleUploadedFile("Mine.pdf", PDF, content_type="application/pdf")},
    )
    shared = NetworkFile.objects.get()

    assert (
        "Delete Mine.pdf?"
        in alpha_coordinator_client.get(f"/networks/{network.pk}/files/{shared.pk}/delete/").text
    )
    response = alpha_coordinator_client.post(f"/networks/{network.pk}/files/{shared.pk}/delete/")

    assert response.status_code == 302
    assert not NetworkFile.objects.exists()


def test_a_closed_network_is_read_only_for_its_members(
    alpha_coordinator_client, federation_admin, network
):
    services.network_close(actor=federation_admin, network=network)

    page = alpha_coordinator_client.get(f"/networks/{network.pk}/").text
    assert "This network is closed" in page
    response = alpha_coordinator_client.post(f"/networks/{network.pk}/posts/", {"text": "Hi"})
    assert response.status_code == 400
    assert "This network is closed: nothing new can be added." in response.text
    assert not NetworkPost.objects.exists()


def test_members_see_the_combined_figures_with_small_counts_rounded(
    alpha_coordinator_client, federation_admin, network, centre, other_centre
):
    third = Centre.objects.create(
        name="Delta Frivilligsentral",
        slug="delta",
        schema_name="c_delta",
        federation=centre.federation,
        municipality=centre.municipality,
        status=CentreStatus.ACTIVE,
        status_changed_at=timezone.now(),
    )
    for member in (other_centre, third):
        services.network_member_add(actor=federation_admin, network=network, centre=member)
    # Members since before 2025, so all three count in 2025 (membership is fixed per year).
    network.memberships.update(added_at=timezone.make_aware(datetime.datetime(2024, 12, 1)))
    year_start = datetime.date(2025, 1, 1)
    march = datetime.date(2025, 3, 1)
    centre_figures_replace(
        centre_id=centre.pk,
        rows=[
            AggregateRow("hours.total", march, Decimal("100")),
            AggregateRow("volunteers.active_in_year", year_start, 20),
            AggregateRow("participants.by_target_group", march, 3, "young_adults"),
        ],
    )
    centre_figures_replace(
        centre_id=other_centre.pk,
        rows=[
            AggregateRow("hours.total", march, Decimal("25.5")),
            AggregateRow("volunteers.active_in_year", year_start, 9),
        ],
    )
    young_adults = rounded_cell(
        centre_id=centre.pk,
        key="participants.by_target_group",
        dimension="young_adults",
        month=march,
        value=3,
    )

    html = alpha_coordinator_client.get(f"/networks/{network.pk}/?year=2025").text

    def cell(cell_id):
        return re.search(rf'id="{cell_id}">([^<]*)</td>', html).group(1)

    assert cell("figure-hours") == "125.5"
    assert cell("figure-active-volunteers") == "29"
    # Alpha's 3 left the centre as 0 or 5; that is what its own staff see too.
    assert young_adults in (0, 5)
    assert cell("figure-group-young_adults") == str(young_adults)
    assert cell("figure-groups-total") == str(young_adults)
    # A centre sees the network's combined figures, not a line per member centre
    assert "member-figures-" not in html


def test_a_network_of_two_members_shows_no_combined_figures(
    alpha_coordinator_client, federation_admin, network, other_centre
):
    services.network_member_add(actor=federation_admin, network=network, centre=other_centre)
    network.memberships.update(added_at=timezone.make_aware(datetime.datetime(2024, 12, 1)))
    centre_figures_replace(
        centre_id=other_centre.pk,
        rows=[AggregateRow("hours.total", datetime.date(2025, 3, 1), Decimal("25.5"))],
    )

    html = alpha_coordinator_client.get(f"/networks/{network.pk}/?year=2025").text

    assert 'id="figures-withheld"' in html
    assert "25.5" not in html and 'id="figure-hours"' not in html


def test_the_network_of_another_federation_is_never_shown(alpha_coordinator_client, danish_centre):
    network = Network.objects.create(
        federation=danish_centre.federation, name="Netværk", theme="T", goal="G"
    )

    assert alpha_coordinator_client.get(f"/networks/{network.pk}/").status_code == 404


def test_a_post_is_shown_as_text_never_as_markup(alpha_coordinator_client, network):
    alpha_coordinator_client.post(
        f"/networks/{network.pk}/posts/", {"text": '<script>alert("x")</script>'}
    )

    html = alpha_coordinator_client.get(f"/networks/{network.pk}/").text
    assert "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>" in html
    assert '<script>alert("x")' not in html
