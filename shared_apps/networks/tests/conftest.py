"""Networks tests: federation staff of the Norwegian test federation read English pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from shared_apps.accounts.models import FederationMembership
from shared_apps.networks import services
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.facade import centre_figures_replace
from tenants.models import Centre, CentreStatus, Federation
from tests.plugin import host_client, in_english, sign_in

YEAR = 2025


@pytest.fixture
def nfs(db):
    return Federation.objects.get(slug="test-nfs")


@pytest.fixture
def frise(db):
    return Federation.objects.get(slug="test-frise")


@pytest.fixture
def platform_member(make_user):
    """platform_member(federation, role) -> (user, English client on the platform host)."""

    def make(federation, role):
        user = make_user(full_name=f"{role.title()} of {federation.slug}")
        FederationMembership.objects.create(user=user, federation=federation, role=role)
        return user, in_english(sign_in(host_client(settings.PLATFORM_DOMAIN), user))

    return make


@pytest.fixture
def admin_client(federation_client):
    return in_english(federation_client)


@pytest.fixture
def analyst(platform_member, nfs):
    return platform_member(nfs, "federation_analyst")


@pytest.fixture
def analyst_client(analyst):
    return analyst[1]


@pytest.fixture
def third_centre(nfs, centre):
    """Delta: a third centre of test-nfs (a row only: figures live in the shared schema)."""
    return Centre.objects.create(
        name="Delta Frivilligsentral",
        slug="delta",
        schema_name="c_delta",
        federation=nfs,
        municipality=centre.municipality,
        status=CentreStatus.ACTIVE,
        status_changed_at=timezone.now(),
    )


def members_since(network, moment: datetime.datetime) -> None:
    """Date every membership of the network back to `moment`."""
    network.memberships.update(added_at=moment)


@pytest.fixture
def network(federation_admin, nfs, centre, other_centre, third_centre):
    """ "Mobilising against loneliness" of test-nfs, with alpha, beta and delta as members
    since December 2024 (so all three count in the figures of 2025)."""
    network = services.network_create(
        actor=federation_admin,
        federation=nfs,
        name="Mobilising against loneliness",
        theme="Loneliness in small municipalities",
        goal="Reach young adults and seniors with immigrant background.",
        target_groups=["young_adults", "seniors", "immigrant_background"],
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    for member in (centre, other_centre, third_centre):
        services.network_member_add(actor=federation_admin, network=network, centre=member)
    members_since(network, timezone.make_aware(datetime.datetime(2024, 12, 15)))
    return network


def month(number: int) -> datetime.date:
    return datetime.date(YEAR, number, 1)


@pytest.fixture
def member_figures(centre, other_centre, third_centre, danish_centre):
    """Figures of alpha, beta and delta for 2025 (and of gamma, which is in no network); no
    count of people from 1 to 4, so rounding leaves them all as they are:

    hours 120.5 + 80 (alpha), 30 (beta) and 10 (delta); active volunteers in the year 12, 6
    and 5; new volunteers 6 + 7 and 5; participants 40, 8 and 5; participants by target
    group: young adults 10 and 6, seniors 8 and 7, immigrant background 5 (alpha);
    activities running in the year 5 and 2; sessions 9 and 3.
    """
    year_start = month(1)
    rows = {
        centre.pk: [
            AggregateRow("hours.total", month(3), Decimal("120.5")),
            AggregateRow("hours.total", month(4), Decimal("80")),
            AggregateRow("volunteers.active_in_year", year_start, 12),
            AggregateRow("volunteers.active", month(3), 10),
            AggregateRow("volunteers.active", month(4), 9),
            AggregateRow("volunteers.new", month(3), 6),
            AggregateRow("volunteers.new", month(4), 7),
            AggregateRow("participants.total", month(3), 40),
            AggregateRow("participants.by_target_group", month(3), 10, "young_adults"),
            AggregateRow("participants.by_target_group", month(3), 8, "seniors"),
            AggregateRow("participants.by_target_group", month(3), 5, "immigrant_background"),
            AggregateRow("activities.running_in_year", year_start, 5, "other"),
            AggregateRow("activities.running", month(3), 4, "other"),
            AggregateRow("sessions.held", month(3), 9, "other"),
        ],
        other_centre.pk: [
            AggregateRow("hours.total", month(3), Decimal("30")),
            AggregateRow("volunteers.active_in_year", year_start, 6),
            AggregateRow("volunteers.active", month(3), 6),
            AggregateRow("volunteers.new", month(3), 5),
            AggregateRow("participants.total", month(3), 8),
            AggregateRow("participants.by_target_group", month(3), 6, "young_adults"),
            AggregateRow("participants.by_target_group", month(3), 7, "seniors"),
            AggregateRow("activities.running_in_year", year_start, 2, "other"),
            AggregateRow("activities.running", month(3), 2, "other"),
            AggregateRow("sessions.held", month(3), 3, "other"),
        ],
        third_centre.pk: [
            AggregateRow("hours.total", month(3), Decimal("10")),
            AggregateRow("volunteers.active_in_year", year_start, 5),
            AggregateRow("volunteers.active", month(3), 5),
            AggregateRow("participants.total", month(3), 5),
        ],
        danish_centre.pk: [
            AggregateRow("hours.total", month(3), Decimal("1000")),
            AggregateRow("volunteers.active_in_year", year_start, 50),
            AggregateRow("participants.total", month(3), 300),
        ],
    }
    for centre_id, centre_rows in rows.items():
        centre_figures_replace(centre_id=centre_id, rows=centre_rows)
    return rows
