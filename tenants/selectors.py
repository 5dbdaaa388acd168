"""Reads of the tenancy model used by more than one caller."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tenants.models import Centre, Domain, Federation


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
