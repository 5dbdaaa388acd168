"""Reads of the tenancy model used by more than one caller."""

from __future__ import annotations

import pickle
import time
import uuid
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.models import Centre, CentreStatusChange, Domain, Federation

# The host -> centre lookup runs on every request (tenants.middleware). Each process keeps
# the centres it has served in memory (host -> Centre with its federation and municipality),
# so that a request is routed without a database query and without unpickling a centre. What
# keeps them true is the routing generation: a token in the shared cache that tenants.signals
# replaces whenever a Domain, Centre or Federation changes. Every lookup reads it (one small
# cache read), and a process that finds a new one forgets every centre it kept, so that a
# suspension or a moved domain shows at the next request in every process. This needs a cache
# that all web processes share (Redis in production); with per-process memory another process
# sees a change only when its entries expire, after CENTRE_HOST_CACHE_SECONDS. 0 turns the
# memory off: every request asks the database.
ROUTING_GENERATION_KEY = "centre_routing_generation"
_HOSTS_KEPT_AT_MOST = 10_000  # more host names than centres: something is wrong; start over


class _KeptCentres:
    """This process's memory of host -> centre, valid for one routing generation."""

    def __init__(self) -> None:
        self.generation: str | None = None
        # host -> (the pickled centre, when to look it up again): unpickling gives every
        # request a copy of its own, related rows included, in about 30 µs.
        self.centres: dict[str, tuple[bytes, float]] = {}

    def current(self) -> None:
        """Forget everything if the routing changed since the centres were kept."""
        with _public_schema():  # never set, or evicted: a new generation starts
            generation = cache.get_or_set(ROUTING_GENERATION_KEY, _new_generation, timeout=None)
        if generation != self.generation or len(self.centres) > _HOSTS_KEPT_AT_MOST:
            self.generation = generation
            self.centres = {}


_kept = _KeptCentres()


def centre_for_host(hostname: str) -> Centre | None:
    """The centre served on this host name, or None if no centre has it. Each call returns
    a copy of its own: what a request sets on its centre stays in that request."""
    hostname = hostname.lower()
    seconds = getattr(settings, "CENTRE_HOST_CACHE_SECONDS", 0)
    if seconds:
        _kept.current()
        kept = _kept.centres.get(hostname)
        if kept is not None and kept[1] > time.monotonic():
            return pickle.loads(kept[0])
    domain = (
        Domain.objects.select_related("tenant__federation", "tenant__municipality")
        .filter(domain=hostname)
        .first()
    )
    if domain is None:
        return None  # not kept: unknown names are unbounded, and a new Domain must work
    if seconds:
        _kept.centres[hostname] = (pickle.dumps(domain.tenant), time.monotonic() + seconds)
    return domain.tenant


def centre_routing_changed() -> None:
    """Make every process forget the centres it kept (tenants.signals calls it)."""
    with _public_schema():
        cache.set(ROUTING_GENERATION_KEY, _new_generation(), timeout=None)


def _new_generation() -> str:
    return uuid.uuid4().hex


def _public_schema():
    """The cache puts the connection's schema in every key: the generation is the public
    schema's, whichever schema the change or the lookup happens in. (The middleware looks
    centres up in the public schema already: no schema change there.)"""
    public = get_public_schema_name()
    return nullcontext() if connection.schema_name == public else schema_context(public)


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
