"""A network's combined figures: the member centres' anonymised statistics summed, with every
count of people passed through `statistics.suppression`.

Every count of people is already rounded where it is stored (`statistics.rounding`), so every
figure here is a sum of rounded cells: a member that subtracts its own figures from the
network's learns only the others' rounded sum. Beyond that, two rules (docs/adr/0011):

- membership is fixed per year: a centre counts in the figures of a year only if it was a
  member on 1 January of that year (one that joins in June counts from the next year), so
  comparing the page before and after a centre joins shows no difference;
- a year's combined figures are shown only when at least MINIMUM_MEMBERS centres count in it.

Each count of people is suppressed as one table of member centres (and months or target
groups), shown with its totals, so no member's small count is shown and none can be
recovered by subtracting shown figures from a shown total. The network's totals, the lines
per month and the lines per member all come from the same table, so they agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.networks.contracts import (
    FigureValue,
    MemberFigures,
    MonthFigures,
    NetworkFigures,
    TargetGroupFigure,
)
from shared_apps.networks.models import TARGET_GROUP_LABELS, Network
from shared_apps.statistics import selectors as statistics
from shared_apps.statistics.contracts import TARGET_GROUPS
from shared_apps.statistics.suppression import Shown, suppress_line, suppress_table
from tenants.models import Centre

# Fewer members counted in a year than this: no combined figures for that year.
MINIMUM_MEMBERS = 3


def WITHHELD_NOTE() -> str:
    """Why a year has no combined figures (the page and the CSV say the same)."""
    return _(
        "Combined figures are shown for a year only when at least three centres were members "
        "of the network on 1 January of that year. A centre that joins during a year counts "
        "from the next year."
    )


def counted_members(*, network: Network, year: int) -> list[Centre]:
    """The centres whose figures count in the network's figures of `year`: those that were
    members on 1 January (in the platform's time zone), by name."""
    year_start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return list(
        Centre.objects.filter(
            pk__in=network.memberships.filter(added_at__lt=year_start).values("centre_id")
        ).order_by("name", "pk")
    )


def _value(figure: Shown) -> FigureValue:
    return FigureValue(number=figure.number, is_suppressed=figure.is_suppressed)


def _plain(number: Decimal | int) -> FigureValue:
    return FigureValue(number=number)


def year_months(year: int) -> list[datetime.date]:
    return [datetime.date(year, month, 1) for month in range(1, 13)]


def _sums(key: str, year: int, centre_ids: list[int], by: Sequence[str]) -> dict[tuple, Decimal]:
    return statistics.figure_sums(
        key=key,
        date_from=datetime.date(year, 1, 1),
        date_to=datetime.date(year, 12, 31),
        by=by,
        centre_ids=centre_ids,
    )


def _month_by_centre(key: str, year: int, centre_ids: list[int]) -> dict[tuple, Decimal]:
    """{(month, centre id): value} of a key without dimension (or summed over dimensions)."""
    return _sums(key, year, centre_ids, ("month", "centre"))


def _people_by_month(key: str, year: int, centre_ids: list[int]):
    """A people count suppressed as one table: months × member centres, with totals."""
    return suppress_table(
        _month_by_centre(key, year, centre_ids),
        rows=year_months(year),
        columns=centre_ids,
        is_people_count=True,
    )


def _line_total(values: dict[Hashable, Decimal]) -> Decimal:
    return sum(values.values(), Decimal(0))


def network_figures(*, network: Network, year: int, with_members: bool) -> NetworkFigures:
    """The combined figures of the network's member centres for one calendar year.

    `with_members` adds one line per member centre (the federation's pages); a centre's
    pages show only the combined figures.
    """
    members = counted_members(network=network, year=year)
    is_withheld = len(members) < MINIMUM_MEMBERS
    if is_withheld:
        members = []
    centre_ids = [centre.pk for centre in members]
    months = [] if is_withheld else year_months(year)

    # Hours and counts of activities: not people, shown as they are.
    hours = _month_by_centre("hours.total", year, centre_ids)
    activities = _month_by_centre("activities.running", year, centre_ids)
    sessions = _month_by_centre("sessions.held", year, centre_ids)
    activities_in_year = _sums("activities.running_in_year", year, centre_ids, ("centre",))

    # People. Active volunteers per month are not summed over the year (the year has its
    # own distinct count) and not shown per member: each month is one line of members.
    active_values = _month_by_centre("volunteers.active", year, centre_ids)
    active = {
        month: suppress_line(
            {centre_id: active_values.get((month, centre_id), 0) for centre_id in centre_ids}
        )[1]
        for month in months
    }
    # New volunteers and participants: months × members, shown by month, by member and in
    # total, so each is suppressed as one table.
    new = _people_by_month("volunteers.new", year, centre_ids)
    participants = _people_by_month("participants.total", year, centre_ids)
    active_in_year_values = _sums("volunteers.active_in_year", year, centre_ids, ("centre",))
    active_in_year_parts, active_in_year_total = suppress_line(
        {centre_id: active_in_year_values.get((centre_id,), 0) for centre_id in centre_ids},
        is_people_count=True,
    )
    by_group = _sums("participants.by_target_group", year, centre_ids, ("dimension", "centre"))
    groups = suppress_table(by_group, rows=TARGET_GROUPS, columns=centre_ids)

    def month_sum(values: dict[tuple, Decimal], month: datetime.date) -> Decimal:
        return sum(
            (value for (row_month, _centre), value in values.items() if row_month == month),
            Decimal(0),
        )

    def centre_sum(values: dict[tuple, Decimal], centre_id: int) -> Decimal:
        return sum((value for key, value in values.items() if key[-1] == centre_id), Decimal(0))

    month_lines = tuple(
        MonthFigures(
            month=month,
            hours=_plain(month_sum(hours, month)),
            active_volunteers=_value(active[month]),
            new_volunteers=_value(new.row_totals[month]),
            participants=_value(participants.row_totals[month]),
            activities_running=_plain(month_sum(activities, month)),
            sessions_held=_plain(month_sum(sessions, month)),
        )
        for month in months
    )
    member_lines: tuple[MemberFigures, ...] = ()
    if with_members:
        member_lines = tuple(
            MemberFigures(
                centre_id=centre.pk,
                centre_name=centre.name,
                hours=_plain(centre_sum(hours, centre.pk)),
                active_volunteers_in_year=_value(active_in_year_parts[centre.pk]),
                new_volunteers=_value(new.column_totals[centre.pk]),
                participants=_value(participants.column_totals[centre.pk]),
                activities_running=_plain(centre_sum(activities_in_year, centre.pk)),
            )
            for centre in members
        )
    target_groups = set(network.target_groups)
    if is_withheld:
        # Nothing of the year's figures, not even zeros.
        empty = FigureValue(number=None)
        return NetworkFigures(
            year=year,
            member_count=len(members),
            hours=empty,
            active_volunteers_in_year=empty,
            new_volunteers=empty,
            participants=empty,
            activities_running=empty,
            sessions_held=empty,
            participants_by_target_group=(),
            participants_by_target_group_total=empty,
            months=(),
            is_withheld=True,
        )
    return NetworkFigures(
        year=year,
        member_count=len(members),
        hours=_plain(_line_total(hours)),
        active_volunteers_in_year=_value(active_in_year_total),
        new_volunteers=_value(new.total),
        participants=_value(participants.total),
        activities_running=_plain(_line_total(activities_in_year)),
        sessions_held=_plain(_line_total(sessions)),
        participants_by_target_group=tuple(
            TargetGroupFigure(
                code=group,
                label=str(TARGET_GROUP_LABELS[group]),
                participants=_value(groups.row_totals[group]),
                is_network_target=group in target_groups,
            )
            for group in TARGET_GROUPS
        ),
        participants_by_target_group_total=_value(groups.total),
        months=month_lines,
        members=member_lines,
    )


def figures_year_choices(*, today: datetime.date, network: Network) -> list[int]:
    """Years a person can choose, newest first: from the network's start (at least five
    years back, for comparison) to this year."""
    first = today.year - 4
    if network.period_start:
        first = min(first, network.period_start.year)
    return list(range(today.year, first - 1, -1))


def default_year(*, today: datetime.date, network: Network) -> int:
    """The latest year with figures for the federation, within the network's period."""
    latest = statistics.latest_month(federation_id=network.federation_id)
    year = latest.year if latest else today.year
    if network.period_end and network.period_end.year < year:
        year = network.period_end.year
    return year


def figure_labels() -> dict[str, str]:
    """Column headings of the figures, in the active language (pages and the CSV agree)."""
    return {
        "month": _("Month"),
        "hours": _("Volunteer hours"),
        "active_volunteers": _("Active volunteers"),
        "new_volunteers": _("New volunteers"),
        "participants": _("Participants"),
        "activities_running": _("Activities running"),
        "sessions_held": _("Sessions held"),
    }
