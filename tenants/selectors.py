"""Reads of the tenancy model used by more than one caller."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from tenants.models import Centre, CentreStatusChange, Domain, Federation

# The host -> centre lookup runs on every request (tenants.middleware); its answer is kept in
# the cache for CENTRE_HOST_CACHE_SECONDS and dropped when a Domain, Centre or Federation
# changes (tenants.signals). With more than one web process the cache must be shared (Redis),
# or a suspension reaches the other processes only when their entry expires. 0 turns it off.
CENTRE_HOST_CACHE_PREFIX = "public:centre_for_host:"


def centre_host_cache_key(hostname: str) -> str:
    return f"{CENTRE_HOST_CACHE_PREFIX}{hostname.lower()}"


def centre_for_host(hostname: str) -> Centre | None:
    """The centre served on this host name, or None if no centre has it."""
    hostname = hostname.lower()
    timeout = getattr(settings, "CENTRE_HOST_CACHE_SECONDS", 0)
    if timeout:
        cached = cache.get(centre_host_cache_key(hostname))
        if cached is not None:
            return cached
    domain = (
        Domain.objects.select_related("tenant__federation", "tenant__municipality")
        .filter(domain=hostname)
        .first()
    )
    if domain is None:
        return None  # not cached: unknown names are unbounded, and a new Domain must work
    if timeout:
        cache.set(centre_host_cache_key(hostname), domain.tenant, timeout)
    return domain.tenant


def centre_host_cache_forget(hostnames) -> None:
    """Drop the cached lookups of these host names (tenants.signals calls it)."""
    keys = [centre_host_cache_key(name) for name in hostnames]
    if keys:
        cache.delete_many(keys)


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
