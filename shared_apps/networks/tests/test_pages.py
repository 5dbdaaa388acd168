"""The federation's network pages: administrators create networks and choose member centres
of their own federation; analysts read and write posts; nobody else gets in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shared_apps.accounts.models import FederationMembership
from shared_apps.networks import services
from shared_apps.networks.models import Network, NetworkMembership, NetworkPost
from tests.plugin import host_client, sign_in
from toolkit.errors import ApplicationError

pytestmark = pytest.mark.django_db

NEW_NETWORK = {
    "federation": "",
    "name": "Mobilising against loneliness",
    "theme": "Loneliness in small municipalities",
    "goal": "Reach young adults and seniors with immigrant background.",
    "target_groups": ["young_adults", "seniors", "immigrant_background"],
    "period_start": "2025-01-01",
    "period_end": "2026-12-31",
}


def members_of(network) -> set[str]:
    return set(
        NetworkMembership.objects.filter(network=network).values_list("centre__slug", flat=True)
    )


def test_a_federation_admin_creates_a_network_and_adds_its_own_centres_only(
    admin_client, nfs, centre, other_centre, danish_centre
):
    # Given the network form
    form = admin_client.get("/networks/new/")
    assert form.status_code == 200
    assert 'name="target_groups" value="young_adults"' in form.text

    # When the administrator creates the network
    response = admin_client.post("/networks/new/", {**NEW_NETWORK, "federation": nfs.pk})

    # Then it exists in the federation, with its theme, goal, target groups and period
    network = Network.objects.get(name="Mobilising against loneliness")
    assert response.status_code == 302
    assert response["Location"] == f"/networks/{network.pk}/"
    assert network.federation == nfs
    assert network.target_groups == ["young_adults", "seniors", "immigrant_background"]
    assert str(network.period_start) == "2025-01-01"

    # When alpha and beta are added
    for member in (centre, other_centre):
        added = admin_client.post(f"/networks/{network.pk}/members/add/", {"centre": member.pk})
        assert added.status_code == 302
    # Then both are members, listed on the network's page
    assert members_of(network) == {"alpha", "beta"}
    page = admin_client.get(f"/networks/{network.pk}/").text
    assert '<th scope="row">Alpha Frivilligsentral</th>' in page
    assert '<th scope="row">Beta Frivilligsentral</th>' in page
    # and gamma, of the Danish federation, is never offered
    assert "Gamma" not in page

    # When the administrator tries to add gamma anyway
    refused = admin_client.post(
        f"/networks/{network.pk}/members/add/", {"centre": danish_centre.pk}
    )
    # Then it is refused with a message, and gamma is not a member
    assert refused.status_code == 400
    assert "Choose one of the federation&#x27;s own centres that is not a member yet." in (
        refused.text
    )
    assert members_of(network) == {"alpha", "beta"}


def test_the_network_list_shows_the_federations_networks(admin_client, network, frise):
    other = Network.objects.create(federation=frise, name="Dansk netværk", theme="Tema", goal="Mål")

    html = admin_client.get("/networks/").text

    assert f'<a href="/networks/{network.pk}/">Mobilising against loneliness</a>' in html
    assert "Young adults 18–29, Seniors 60+, Immigrant background" in html
    assert other.name not in html
    assert 'href="/networks/new/"' in html


def test_a_duplicate_name_is_refused_on_the_field(admin_client, nfs, network):
    response = admin_client.post("/networks/new/", {**NEW_NETWORK, "federation": nfs.pk})

    assert response.status_code == 400
    assert "The federation already has a network with this name." in response.text
    assert Network.objects.filter(federation=nfs).count() == 1


def test_an_analyst_reads_but_cannot_create_or_manage(analyst_client, nfs, network, centre):
    listing = analyst_client.get("/networks/")
    assert listing.status_code == 200
    assert "Mobilising against loneliness" in listing.text
    assert 'href="/networks/new/"' not in listing.text

    assert analyst_client.get("/networks/new/").status_code == 403
    created = analyst_client.post("/networks/new/", {**NEW_NETWORK, "name": "Another"})
    assert created.status_code == 403
    assert not Network.objects.filter(name="Another").exists()

    detail = analyst_client.get(f"/networks/{network.pk}/")
    assert detail.status_code == 200
    assert f"/networks/{network.pk}/members/{centre.pk}/remove/" not in detail.text
    removal = analyst_client.post(f"/networks/{network.pk}/members/{centre.pk}/remove/")
    assert removal.status_code == 403
    assert members_of(network) == {"alpha", "beta", "delta"}


def test_an_admin_who_is_only_analyst_of_another_federation_cannot_manage_its_networks(
    platform_member, frise, nfs, network
):
    # An administrator of the Danish federation who is an analyst in the Norwegian one
    user, client = platform_member(frise, "federation_admin")
    FederationMembership.objects.create(user=user, federation=nfs, role="federation_analyst")

    assert client.get(f"/networks/{network.pk}/").status_code == 200
    assert client.get(f"/networks/{network.pk}/edit/").status_code == 403
    response = client.post("/networks/new/", {**NEW_NETWORK, "federation": nfs.pk, "name": "X"})
    assert response.status_code == 400
    assert not Network.objects.filter(name="X").exists()


def test_another_federation_gets_404_for_the_network(platform_member, frise, network):
    _user, client = platform_member(frise, "federation_admin")

    assert client.get("/networks/").text.count("Mobilising against loneliness") == 0
    assert client.get(f"/networks/{network.pk}/").status_code == 404
    assert client.get(f"/networks/{network.pk}/report/").status_code == 404
    assert client.post(f"/networks/{network.pk}/posts/", {"text": "Hei"}).status_code == 404
    assert not NetworkPost.objects.exists()


def test_a_municipality_viewer_is_refused(municipality_client, network):
    for url in ("/networks/", f"/networks/{network.pk}/", f"/networks/{network.pk}/report/"):
        assert municipality_client.get(url).status_code == 403, url
    assert (
        municipality_client.post(f"/networks/{network.pk}/posts/", {"text": "x"}).status_code == 403
    )


def test_a_centre_manager_has_no_access_on_the_platform_host(centre, member_of, network):
    client = sign_in(host_client(settings.PLATFORM_DOMAIN), member_of(centre, "centre_admin"))
    assert client.get(f"/networks/{network.pk}/").status_code == 403


def test_removing_a_member_asks_for_confirmation_first(admin_client, network, centre):
    # When the administrator follows the remove link
    confirm = admin_client.get(f"/networks/{network.pk}/members/{centre.pk}/remove/")

    # Then a page asks, and alpha is still a member
    assert confirm.status_code == 200
    assert "Remove Alpha Frivilligsentral from Mobilising against loneliness?" in confirm.text
    assert '<button type="submit" class="network-danger">Remove from the network</button>' in (
        confirm.text
    )
    assert members_of(network) == {"alpha", "beta", "delta"}

    # When the administrator confirms
    removed = admin_client.post(f"/networks/{network.pk}/members/{centre.pk}/remove/")

    # Then alpha is no longer a member
    assert removed.status_code == 302
    assert members_of(network) == {"beta", "delta"}
    page = admin_client.get(removed["Location"]).text
    assert "Alpha Frivilligsentral is no longer a member." in page


def test_removing_a_centre_that_is_not_a_member_is_404(admin_client, network, danish_centre):
    response = admin_client.get(f"/networks/{network.pk}/members/{danish_centre.pk}/remove/")
    assert response.status_code == 404


def test_federation_staff_post_and_write_meeting_notes(analyst_client, analyst, network):
    posted = analyst_client.post(
        f"/networks/{network.pk}/posts/", {"text": "Welcome to the network!"}
    )
    noted = analyst_client.post(
        f"/networks/{network.pk}/notes/",
        {"meeting_date": "2025-03-04", "title": "Kick-off", "text": "We agreed to start."},
    )

    assert posted.status_code == 302 and noted.status_code == 302
    html = analyst_client.get(f"/networks/{network.pk}/").text
    assert "<p>Welcome to the network!</p>" in html
    assert "Federation_Analyst of test-nfs, Test NFS" in html
    assert "Kick-off" in html and "<p>We agreed to start.</p>" in html
    post = NetworkPost.objects.get(network=network)
    assert (post.author, post.federation.slug, post.centre) == (analyst[0], "test-nfs", None)


def test_an_empty_post_shows_an_error(admin_client, network):
    response = admin_client.post(f"/networks/{network.pk}/posts/", {"text": "   "})

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not NetworkPost.objects.exists()


def test_a_closed_network_takes_no_new_posts(admin_client, federation_admin, network):
    confirm = admin_client.get(f"/networks/{network.pk}/close/")
    assert "Close Mobilising against loneliness?" in confirm.text
    assert admin_client.post(f"/networks/{network.pk}/close/").status_code == 302

    page = admin_client.get(f"/networks/{network.pk}/").text
    assert "This network is closed" in page
    assert 'name="text"' not in page

    network.refresh_from_db()
    with pytest.raises(ApplicationError, match="This network is closed"):
        services.network_post_create(author=federation_admin, network=network, text="Hello")
    response = admin_client.post(f"/networks/{network.pk}/posts/", {"text": "Hello"})
    assert response.status_code == 400
    assert not NetworkPost.objects.exists()

    assert admin_client.post(f"/networks/{network.pk}/reopen/").status_code == 302
    assert admin_client.post(f"/networks/{network.pk}/posts/", {"text": "Hi"}).status_code == 302


def test_an_admin_edits_the_network(admin_client, network):
    response = admin_client.post(
        f"/networks/{network.pk}/edit/",
        {**NEW_NETWORK, "goal": "A sharper goal.", "target_groups": ["lonely"]},
    )

    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.goal, network.target_groups) == ("A sharper goal.", ["lonely"])


def test_a_period_that_ends_before_it_starts_is_refused(admin_client, nfs):
    response = admin_client.post(
        "/networks/new/",
        {**NEW_NETWORK, "federation": nfs.pk, "period_start": "2027-01-01"},
    )

    assert response.status_code == 400
    assert "The period cannot end before it starts." in response.text
    assert not Network.objects.exists()


def test_the_network_page_reads_a_fixed_number_of_queries(
    admin_client, federation_admin, network, centre, member_of
):
    coordinator = member_of(centre, "coordinator")

    def write(count: int) -> None:
        for index in range(count):
            services.network_post_create(author=federation_admin, network=network, text=f"{index}")
            services.network_post_create(
                author=coordinator, network=network, text=f"c{index}", centre_id=centre.pk
            )
            services.meeting_note_create(
                author=coordinator,
                network=network,
                meeting_date=network.period_start,
                title=f"Meeting {index}",
                text="Notes",
                centre_id=centre.pk,
            )

    write(1)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(f"/networks/{network.pk}/").status_code == 200
    write(5)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(f"/networks/{network.pk}/").status_code == 200

    assert len(many.captured_queries) == len(few.captured_queries)
