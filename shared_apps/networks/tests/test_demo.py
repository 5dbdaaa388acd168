"""The demo network: created once in the Norwegian demo federation, with up to 16 centres
(Midtre Gauldal first), a few posts and a meeting note."""

from __future__ import annotations

import pytest
from django.utils import timezone

from shared_apps.networks.demo import load_networks_demo
from shared_apps.networks.models import Network
from tenants.models import Centre, Federation, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_federation(db):
    """The demo federation with 18 centre rows (no schemas needed for the network)."""
    federation = Federation.objects.create(
        name="Norges Frivilligsentraler",
        slug="nfs",
        country="NO",
        default_language="nb",
        currency="NOK",
        time_zone="Europe/Oslo",
    )
    municipality = Municipality.objects.get(country="NO", number="5027")
    slugs = [f"demo-{index:02d}" for index in range(17)] + ["midtre-gauldal"]
    for slug in slugs:
        Centre.objects.create(
            name=f"{slug} Frivilligsentral",
            slug=slug,
            schema_name=f"c_{slug.replace('-', '_')}",
            federation=federation,
            municipality=municipality,
            ownership_form="association",
            status="active",
            status_changed_at=timezone.now(),
        )
    return federation


def test_the_demo_network_is_created_once(demo_federation):
    lines: list[str] = []

    load_networks_demo(write=lines.append)
    load_networks_demo(write=lines.append)

    network = Network.objects.get(federation=demo_federation)
    assert network.name == "Mobilising against loneliness"
    assert network.target_groups == ["young_adults", "seniors", "immigrant_background"]
    members = set(network.memberships.values_list("centre__slug", flat=True))
    assert len(members) == 16
    assert "midtre-gauldal" in members
    assert network.posts.count() == 3
    assert network.posts.filter(centre__slug="midtre-gauldal").count() == 1
    assert network.meeting_notes.count() == 1
    assert lines.count("  created network 'Mobilising against loneliness'") == 1


def test_without_the_demo_federation_nothing_is_made(db):
    lines: list[str] = []

    load_networks_demo(write=lines.append)

    assert not Network.objects.exists()
    assert lines == ["  no federation 'nfs': no demo network"]
