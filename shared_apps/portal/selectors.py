"""What federation staff and municipality viewers may see: always scoped by the person's own
memberships, and never people of a centre (only centres, and invitations the federation
itself is responsible for). Platform operators see the manager appointments that wait for
them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    User,
)
from shared_apps.accounts.roles import Role
from shared_apps.accounts.selectors import invitations_awaiting_approval
from shared_apps.dashboard.tables.base import SUMMARY_KEYS
from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.labels import dimension_label
from shared_apps.statistics.models import CentreFigure, PublicActivityListing
from shared_apps.statistics.selectors import category_names, figure_sums, public_activities
from shared_apps.statistics.suppression import shown, suppress_line
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
    """Municipalities whose viewers the federation may invite: those where it has centres."""
    return (
        Municipality.objects.filter(country=federation.country, centres__federation=federation)
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class AppointmentToDecide:
    """A federation's manager appointment that waits for a platform operator."""

    invitation: Invitation
    managers: list[User]  # the centre's managers now


def appointments_awaiting_approval() -> list[AppointmentToDecide]:
    """Manager appointments waiting for a platform operator, with each centre's managers."""
    invitations = list(invitations_awaiting_approval())
    managers: dict[int, list[User]] = {}
    for membership in (
        CentreMembership.objects.filter(
            centre_id__in={invitation.centre_id for invitation in invitations},
            role=Role.CENTRE_ADMIN,
        )
        .select_related("user")
        .order_by("user__email")
    ):
        managers.setdefault(membership.centre_id, []).append(membership.user)
    return [
        AppointmentToDecide(invitation=invitation, managers=managers.get(invitation.centre_id, []))
        for invitation in invitations
    ]


def appointment_awaiting_approval(*, invitation_id: int) -> AppointmentToDecide | None:
    """One appointment waiting for a platform operator, or None."""
    for appointment in appointments_awaiting_approval():
        if appointment.invitation.pk == invitation_id:
            return appointment
    return None


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


# --- Municipality portal: figures of the viewer's centres -----------------------------

# The key figures a municipality sees per centre, in the dashboard's order: how help requests
# are followed up is the federation's business, how many there are is the municipality's.
MUNICIPALITY_KEY_FIGURES = tuple(
    key for key in SUMMARY_KEYS if key not in ("help_requests.matched", "help_requests.closed")
)


@dataclass(frozen=True)
class CentreFigures:
    """One centre's key figures for a year, as a municipality may see them."""

    centre: Centre
    values: dict  # key -> suppression.Shown


@dataclass(frozen=True)
class MunicipalityFigures:
    year: int
    keys: tuple[str, ...]
    rows: list[CentreFigures]
    totals: dict  # key -> suppression.Shown


def viewable_centres(*, user: User) -> QuerySet[Centre]:
    """The centres in the municipalities the person may look into."""
    return (
        Centre.objects.filter(municipality__viewers__user=user)
        .select_related("municipality", "federation")
        .distinct()
        .order_by("name")
    )


def viewable_centre(*, user: User, slug: str) -> Centre | None:
    """The centre with this slug if it lies in one of the person's municipalities."""
    return viewable_centres(user=user).filter(slug=slug).first()


def _year_range(year: int):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 1)


def centres_key_figures(*, centres: list[Centre], year: int) -> MunicipalityFigures:
    """Key figures of these centres for a year, people counts suppressed (a total row too)."""

    date_from, date_to = _year_range(year)
    ids = [centre.pk for centre in centres]
    values: dict[str, dict] = {}
    totals: dict = {}
    for key in MUNICIPALITY_KEY_FIGURES:
        sums = figure_sums(
            key=key, date_from=date_from, date_to=date_to, by=("centre",), centre_ids=ids
        )
        parts, total = suppress_line(
            {centre_id: sums.get((centre_id,), 0) for centre_id in ids},
            is_people_count=KEYS[key].is_people_count,
        )
        values[key] = parts
        totals[key] = total
    rows = [
        CentreFigures(
            centre=centre,
            values={key: values[key][centre.pk] for key in MUNICIPALITY_KEY_FIGURES},
        )
        for centre in centres
    ]
    return MunicipalityFigures(year=year, keys=MUNICIPALITY_KEY_FIGURES, rows=rows, totals=totals)


def centre_monthly_trend(*, centre: Centre, year: int) -> list[dict]:
    """Per month of a year: the centre's hours, active volunteers and participants (people
    counts suppressed), for the municipality's trend table and chart."""

    date_from, date_to = _year_range(year)
    keys = ("hours.total", "volunteers.active", "participants.total")
    sums = {
        key: figure_sums(
            key=key, date_from=date_from, date_to=date_to, by=("month",), centre_ids=[centre.pk]
        )
        for key in keys
    }
    months = [datetime.date(year, number, 1) for number in range(1, 13)]
    return [
        {
            "month": month,
            **{
                key.replace(".", "_"): shown(
                    sums[key].get((month,), 0), is_people_count=KEYS[key].is_people_count
                )
                for key in keys
            },
        }
        for month in months
    ]


def latest_figure_year(*, centres: list[Centre]) -> int:
    """The latest year with any figure for these centres (this year if none)."""

    latest = CentreFigure.objects.filter(centre__in=centres).aggregate(latest=Max("month"))[
        "latest"
    ]
    return latest.year if latest else timezone.localdate().year


def centre_public_activities(*, centre: Centre) -> list[PublicActivityListing]:
    """The centre's public activities, soonest first, each with `category_label` in the
    reader's language (the federation's name for the category, else the shared one)."""
    names = category_names(federation_id=centre.federation_id)
    activities = public_activities(centre_ids=[centre.pk])
    for activity in activities:
        activity.category_label = names.get(activity.category) or dimension_label(activity.category)
    return activities
