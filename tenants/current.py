"""The centre whose schema the connection is in: its time zone, local moments and address.

Centre apps keep local dates and times (what people see on the notice board, e.g. an
activity's sessions); the centre's federation's time zone turns them into moments for
"has it started?" and reminders. Imports only `tenants` and Django, so any app may use it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from tenants.models import Centre, Domain


def current_centre() -> Centre:
    """The centre of the current schema (the request's centre, or looked up by schema)."""
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Centre) and tenant.schema_name == connection.schema_name:
        return tenant
    return Centre.objects.select_related("federation").get(schema_name=connection.schema_name)


def centre_time_zone(centre: Centre | None = None) -> ZoneInfo:
    """The time zone of the centre (default: the current one), from its federation."""
    centre = centre or current_centre()
    return ZoneInfo(centre.federation.time_zone or settings.TIME_ZONE)


def local_moment(day: date, at: time, time_zone: ZoneInfo) -> datetime:
    """A local date and time (e.g. a session's) as an aware moment."""
    return datetime.combine(day, at, tzinfo=time_zone)


def centre_base_url(centre: Centre) -> str:
    """https://<the centre's primary host> (http while developing)."""
    domain = (
        Domain.objects.filter(tenant=centre).order_by("-is_primary", "id").first()
        or f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
    )
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{getattr(domain, 'domain', domain)}"
