"""What may leave a centre for the federation's statistics: plain data, no Django imports.

A centre's collectors (`tenant_apps.<app>.stats`) return `AggregateRow`s; the pipeline hands
them to `facade.centre_figures_replace`, which refuses any key that is not listed in `KEYS`
and any dimension value outside that key's closed list. Nothing else crosses: no name,
contact, free text or identifier of a person, only counts and sums per centre and month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

# What a figure measures. Counts of people leave a centre rounded (see `rounding`).
PEOPLE = "people"
HOURS = "hours"
COUNT = "count"

# The period a row covers: a calendar month (`month` = its first day) or a calendar year
# (`month` = 1 January). Distinct people in a year cannot be summed from months.
MONTH = "month"
YEAR = "year"

# Closed lists of dimension values. Activity categories are the federation's taxonomy codes
# (checked against the shared schema by the facade); anything a centre made up is "other".
NO_DIMENSION = ""
OTHER = "other"
AGE_BANDS = ("0_17", "18_29", "30_59", "60_79", "80_plus", "unknown")
TARGET_GROUPS = (
    "young_adults",
    "seniors",
    "immigrant_background",
    "disability",
    "families",
    "lonely",
)
REQUEST_TYPES = (
    "visiting-friend",
    "transport",
    "shopping",
    "digital-help",
    "garden",
    "walks",
    OTHER,
)

# Dimension kinds
NONE = "none"
ACTIVITY_CATEGORY = "activity_category"
AGE_BAND = "age_band"
TARGET_GROUP = "target_group"
REQUEST_TYPE = "request_type"

CLOSED_DIMENSIONS: dict[str, tuple[str, ...]] = {
    NONE: (NO_DIMENSION,),
    AGE_BAND: AGE_BANDS,
    TARGET_GROUP: TARGET_GROUPS,
    REQUEST_TYPE: REQUEST_TYPES,
}


@dataclass(frozen=True)
class KeySpec:
    key: str
    measure: str  # PEOPLE, HOURS or COUNT
    dimension: str  # NONE, ACTIVITY_CATEGORY, AGE_BAND, TARGET_GROUP or REQUEST_TYPE
    period: str = MONTH
    # For a count of people that is the sum of another key's breakdown (every person is in
    # exactly one of its dimension values): that key. Its published value is the sum of that
    # breakdown's rounded cells, so total and parts always add up (see `rounding`).
    total_of: str | None = None

    @property
    def is_people_count(self) -> bool:
        return self.measure == PEOPLE


_SPECS = (
    # hours (approved entries only)
    KeySpec("hours.total", HOURS, NONE),
    KeySpec("hours.by_category", HOURS, ACTIVITY_CATEGORY),
    # volunteers: active = approved hours in the period; new = started in the month
    KeySpec("volunteers.active", PEOPLE, NONE, total_of="volunteers.active_by_age_band"),
    KeySpec("volunteers.active_by_age_band", PEOPLE, AGE_BAND),
    KeySpec(
        "volunteers.active_in_year",
        PEOPLE,
        NONE,
        YEAR,
        total_of="volunteers.active_in_year_by_age_band",
    ),
    KeySpec("volunteers.active_in_year_by_age_band", PEOPLE, AGE_BAND, YEAR),
    KeySpec("volunteers.new", PEOPLE, NONE),
    # activities with at least one session held in the month, and sessions held
    KeySpec("activities.running", COUNT, ACTIVITY_CATEGORY),
    KeySpec("activities.running_in_year", COUNT, ACTIVITY_CATEGORY, YEAR),
    KeySpec("sessions.held", COUNT, ACTIVITY_CATEGORY),
    # participants: anonymous attendance counts of sessions held
    KeySpec("participants.total", PEOPLE, NONE, total_of="participants.by_age_band"),
    KeySpec("participants.by_age_band", PEOPLE, AGE_BAND),
    KeySpec("participants.by_target_group", PEOPLE, TARGET_GROUP),
    # one-to-one help: requests opened, matched with a volunteer, closed
    KeySpec("help_requests.opened", PEOPLE, REQUEST_TYPE),
    KeySpec("help_requests.matched", PEOPLE, REQUEST_TYPE),
    KeySpec("help_requests.closed", PEOPLE, REQUEST_TYPE),
)
KEYS: dict[str, KeySpec] = {spec.key: spec for spec in _SPECS}


@dataclass(frozen=True)
class AggregateRow:
    """One figure of one centre: `key` for `month` (first day of a month or year), split by
    `dimension` (a value from the key's closed list, or "" when the key has none)."""

    key: str
    month: datetime.date
    value: Decimal | int
    dimension: str = NO_DIMENSION


@dataclass(frozen=True)
class CollectContext:
    """Handed to every collector, inside the centre's schema."""

    centre_id: int
    # The federation's activity category codes: other codes are reported as "other".
    category_codes: frozenset[str]

    def category(self, code: str | None) -> str:
        return code if code in self.category_codes else OTHER

    def request_type(self, code: str | None) -> str:
        return code if code in REQUEST_TYPES else OTHER

    def age_band(self, code: str | None) -> str:
        return code if code in AGE_BANDS else "unknown"


@dataclass(frozen=True)
class PublicActivity:
    """An activity the centre shows on its public pages, as the municipality portal lists it.
    Only what the centre itself publishes: no people, no attendance."""

    name: str
    category: str
    place: str
    recurrence: str
    first_date: datetime.date
    last_date: datetime.date | None
    start_time: datetime.time
    end_time: datetime.time
    next_date: datetime.date | None
