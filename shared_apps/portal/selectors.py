"""What federation staff and municipality viewers may see: always scoped by the person's own
memberships, and never people of a centre (only centres, and invitations the federation
itself is responsible for)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from shared_apps.accounts.models import (
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    User,
)
from shared_apps.accounts.roles import Role
from tenants.models import Centre, Federation, Municipality


@dataclass(frozen=True)
class FederationOverview:
    federation: Federation
    is_admin: bool
    centres: list[Centre]
    # Only for administrators: the invitations the federation sent that are still open.
    pending_invitations: list[Invitation] = field(default_factory=list)


@dataclass(frozen=True)
class MunicipalityOverview:
    municipality: Municipality
    centres: list[Centre]


def _centres_with_municipality() -> QuerySet[Centre]:
    return Centre.objects.select_related("municipality").order_by("name")


def pending_invitations_of_federation(*, federation: Federation) -> QuerySet[Invitation]:
    """Open invitations the federation answers for: managers of its centres, its own staff,
    and municipality viewers that its administrators invited."""
    return (
        Invitation.objects.select_related("centre", "federation", "municipality")
        .filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .filter(
            Q(centre__federation=federation, role=Role.CENTRE_ADMIN)
            | Q(federation=federation)
            | Q(
                municipality__country=federation.country,
                role=Role.MUNICIPALITY_VIEWER,
                invited_by__federation_memberships__federation=federation,
            )
        )
        .distinct()
        .order_by("-created_at", "-pk")
    )


def federation_overviews(*, user: User) -> list[FederationOverview]:
    """The federations the person works for, each with its centres (and, for its
    administrators, the open invitations)."""
    memberships = (
        FederationMembership.objects.filter(user=user)
        .select_related("federation")
        .prefetch_related(Prefetch("federation__centres", queryset=_centres_with_municipality()))
        .order_by("federation__name")
    )
    overviews = []
    for membership in memberships:
        federation = membership.federation
        is_admin = membership.role == Role.FEDERATION_ADMIN
        overviews.append(
            FederationOverview(
                federation=federation,
                is_admin=is_admin,
                centres=list(federation.centres.all()),
                pending_invitations=(
                    list(pending_invitations_of_federation(federation=federation))
                    if is_admin
                    else []
                ),
            )
        )
    return overviews


def administered_federation(*, user: User, slug: str) -> Federation | None:
    """The federation with this slug if the person is one of its administrators."""
    membership = (
        FederationMembership.objects.select_related("federation")
        .filter(user=user, federation__slug=slug, role=Role.FEDERATION_ADMIN)
        .first()
    )
    return membership.federation if membership else None


def invitable_centres(*, federation: Federation) -> QuerySet[Centre]:
    """Centres whose managers the federation may invite: its own."""
    return Centre.objects.filter(federation=federation).order_by("name")


def invitable_municipalities(*, federation: Federation) -> QuerySet[Municipality]:
    """Municipalities whose viewers the federation may invite: those of its country."""
    return Municipality.objects.filter(country=federation.country).order_by("name")


def municipality_overviews(*, user: User) -> list[MunicipalityOverview]:
    """The municipalities the person may look into, each with the centres in it."""
    access = (
        MunicipalityViewer.objects.filter(user=user)
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "municipality__centres",
                queryset=Centre.objects.select_related("federation").order_by("name"),
            )
        )
        .order_by("municipality__name")
    )
    return [
        MunicipalityOverview(
            municipality=row.municipality, centres=list(row.municipality.centres.all())
        )
        for row in access
    ]
