"""Reads of the tenancy model used by more than one caller."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tenants.models import Centre, CentreStatusChange, Domain, Federation


def centre_for_host(hostname: str) -> Centre | None:
    """The centre served on this host name, or None if no centre has it."""
    domain = (
        Domain.objects.select_related("tenant__federation", "tenant__municipality")
        .filter(domain=hostname.lower())
        .first()
    )
    return domain.tenant if domain else None


def federations_with_centres() -> QuerySet[Federation]:
    """Federations with their centres (and each centre's municipality and primary domain)."""
    centres = Centre.objects.select_related("municipality").prefetch_related(
        Prefetch("domains", queryset=Domain.objects.filter(is_primary=True), to_attr="primary")
    )
    return Federation.objects.prefetch_related(Prefetch("centres", queryset=centres))


def manageable_centres(*, user) -> QuerySet[Centre]:
    """The centres whose status this person may change: every centre for a platform
    operator, the centres of their federations for a federation administrator."""
    from shared_apps.accounts.models import FederationMembership
    from shared_apps.accounts.roles import Role

    centres = Centre.objects.select_related("federation", "municipality").order_by(
        "federation__name", "name"
    )
    if user.is_staff:
        return centres
    federations = FederationMembership.objects.filter(user=user, role=Role.FEDERATION_ADMIN).values(
        "federation"
    )
    return centres.filter(federation__in=federations)


def centre_status_history(*, centre: Centre) -> QuerySet[CentreStatusChange]:
    """A centre's lifecycle, newest first, with who made each step."""
    return (
        CentreStatusChange.objects.filter(centre=centre)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )
