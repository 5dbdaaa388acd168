from __future__ import annotations

import pytest
from django.conf import settings

from shared_apps.accounts.models import FederationMembership
from tenants.models import Federation
from tests.plugin import host_client, in_english, sign_in


@pytest.fixture
def nfs(db):
    return Federation.objects.get(slug="test-nfs")


@pytest.fixture
def frise(db):
    return Federation.objects.get(slug="test-frise")


@pytest.fixture
def admin(federation_client):
    """The Norwegian federation's administrator, reading English."""
    return in_english(federation_client)


@pytest.fixture
def staff_of(make_user):
    """staff_of(federation, role="federation_analyst", *more) -> an English client on the
    platform host of a person with that role in each federation given."""

    def make(*federations, role: str = "federation_analyst"):
        user = make_user()
        for federation in federations:
            FederationMembership.objects.create(user=user, federation=federation, role=role)
        return in_english(sign_in(host_client(settings.PLATFORM_DOMAIN), user))

    return make


@pytest.fixture
def analyst(staff_of, nfs):
    return staff_of(nfs)
