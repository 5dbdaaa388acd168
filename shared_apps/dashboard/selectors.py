"""Reads of the federation dashboard: whose federation, its settings and centres.

Figures themselves come from `shared_apps.statistics.selectors`: sums of stored figures, in
which every count of people is already rounded (docs/adr/0011).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from shared_apps.accounts.models import FederationMembership, User
from shared_apps.accounts.roles import Role
from shared_apps.dashboard.models import (
    DEFAULT_HOUR_VALUES,
    FALLBACK_HOUR_VALUE,
    DashboardSettings,
)
from shared_apps.statistics import selectors as figures
from shared_apps.statistics.contracts import OTHER
from tenants.models import Centre, Federation


@dataclass(frozen=True)
class FederationChoice:
    federation: Federation
    is_admin: bool
    hour_value: Decimal  # what an hour of volunteer work is worth there


@dataclass(frozen=True)
class CentreInfo:
    """What the dashboard needs of a centre: where it is and what kind it is, no people."""

    id: int
    name: str
    slug: str
    municipality_id: int
    municipality_name: str
    municipality_number: str
    county: str
    ownership_form: str


def federation_choices(*, user: User) -> list[FederationChoice]:
    """The federations the person works for (administrator or analyst), by name, each with
    its hour value (one query)."""
    memberships = (
        FederationMembership.objects.filter(user=user)
        .select_related("federation")
        .annotate(
            hour_value=Subquery(
                DashboardSettings.objects.filter(federation=OuterRef("federation")).values(
                    "hour_value"
                )[:1]
            )
        )
        .order_by("federation__name", "federation__slug")
    )
    return [
        FederationChoice(
            federation=membership.federation,
            is_admin=membership.role == Role.FEDERATION_ADMIN,
            hour_value=(
                membership.hour_value
                if membership.hour_value is not None
                else default_hour_value(federation=membership.federation)
            ),
        )
        for membership in memberships
    ]


def default_hour_value(*, federation: Federation) -> Decimal:
    return DEFAULT_HOUR_VALUES.get(federation.currency, FALLBACK_HOUR_VALUE)


def hour_value_of(*, federation: Federation) -> Decimal:
    """What an hour of volunteer work is worth for the federation (its setting, else the
    default for its currency)."""
    value = (
        DashboardSettings.objects.filter(federation=federation)
        .values_list("hour_value", flat=True)
        .first()
    )
    return value if value is not None else default_hour_value(federation=federation)


def federation_centres(*, federation_id: int) -> list[CentreInfo]:
    """The federation's centres with their municipality, county and ownership form."""
    rows = (
        Centre.objects.filter(federation_id=federation_id)
        .order_by("name", "pk")
        .values_list(
            "pk",
            "name",
            "slug",
            "municipality_id",
            "municipality__name",
            "municipality__number",
            "municipality__county",
            "ownership_form",
        )
    )
    return [CentreInfo(*row) for row in rows]


def activity_category_labels(*, federation_id: int) -> dict[str, str]:
    """The federation's activity categories (code → name in the current language), in the
    federation's order, with "other" last."""
    labels = figures.category_names(federation_id=federation_id)
    other = labels.pop(OTHER, None)
    labels[OTHER] = other or _("Other")
    return labels


def years_with_figures(*, federation_id: int) -> tuple[int, ...]:
    """Years with figures of the federation (for the year picker), latest last."""
    latest = figures.latest_month(federation_id=federation_id)
    if latest is None:
        return ()
    by_year = figures.federation_sums(
        federation_id=federation_id,
        key="hours.total",
        date_from=datetime.date(1900, 1, 1),
        date_to=latest.replace(month=12, day=31),
        by=("year",),
    )
    return tuple(sorted({key[0].year for key in by_year} | {latest.year}))
