"""Plain data that experience networks hand to a centre's code through `facade.py` (no Django
imports). The federation's pages use the same figures, so both sides show the same numbers.

Nothing here is about a centre's volunteers or participants: posts, notes and files are
written by centre and federation staff, and every figure is a sum over the member centres
counted in the year, in which every count of people is rounded (docs/adr/0011).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

SUPPRESSED_TEXT = "<5"


@dataclass(frozen=True)
class FigureValue:
    """A figure as it may be shown: `number` is None when it is hidden ("<5")."""

    number: Decimal | int | None
    is_suppressed: bool = False

    @property
    def text(self) -> str:
        if self.is_suppressed:
            return SUPPRESSED_TEXT
        if self.number is None:
            return ""
        number = self.number
        if isinstance(number, Decimal):
            if number == number.to_integral_value():
                return str(int(number))
            return format(number.normalize(), "f")
        return str(number)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class TargetGroupFigure:
    code: str
    label: str  # in the language active when it was read
    participants: FigureValue
    is_network_target: bool


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date  # the first day of the month
    hours: FigureValue
    active_volunteers: FigureValue
    new_volunteers: FigureValue
    participants: FigureValue
    activities_running: FigureValue
    sessions_held: FigureValue


@dataclass(frozen=True)
class MemberFigures:
    """One member centre's part of the year (people counts suppressed like any other cell)."""

    centre_id: int
    centre_name: str
    hours: FigureValue
    active_volunteers_in_year: FigureValue
    new_volunteers: FigureValue
    participants: FigureValue
    activities_running: FigureValue


@dataclass(frozen=True)
class NetworkFigures:
    """The member centres' combined figures for one calendar year."""

    year: int
    member_count: int
    hours: FigureValue
    active_volunteers_in_year: FigureValue
    new_volunteers: FigureValue
    participants: FigureValue
    activities_running: FigureValue
    sessions_held: FigureValue
    participants_by_target_group: tuple[TargetGroupFigure, ...]
    participants_by_target_group_total: FigureValue
    months: tuple[MonthFigures, ...]
    # One line per member centre: filled for the federation's pages only; a centre sees the
    # network's combined figures.
    members: tuple[MemberFigures, ...] = ()
    # Fewer than three centres were members on 1 January of the year: nothing is shown.
    is_withheld: bool = False

    @property
    def has_figures(self) -> bool:
        return bool(self.hours.number or self.participants.number or self.months)


@dataclass(frozen=True)
class NetworkMember:
    centre_id: int
    centre_name: str
    municipality_name: str
    joined_at: datetime.datetime


@dataclass(frozen=True)
class NetworkPost:
    post_id: int
    author_name: str
    organisation_name: str  # the author's centre, or the federation
    text: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class MeetingNote:
    note_id: int
    meeting_date: datetime.date
    title: str
    text: str
    author_name: str
    organisation_name: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class NetworkFile:
    file_id: int
    original_name: str
    size: int  # bytes
    content_type: str
    uploader_name: str
    organisation_name: str
    created_at: datetime.datetime
    # Whether the person reading may delete it (they uploaded it).
    may_delete: bool = False


@dataclass(frozen=True)
class NetworkSummary:
    network_id: int
    name: str
    theme: str
    goal: str
    federation_name: str
    target_groups: tuple[str, ...]
    target_group_labels: tuple[str, ...]
    period_start: datetime.date | None
    period_end: datetime.date | None
    is_closed: bool
    member_count: int
    created_at: datetime.datetime


@dataclass(frozen=True)
class NetworkDetail:
    summary: NetworkSummary
    members: tuple[NetworkMember, ...]
    posts: tuple[NetworkPost, ...]
    meeting_notes: tuple[MeetingNote, ...]
    files: tuple[NetworkFile, ...]


@dataclass(frozen=True)
class FileDownload:
    """A stored file, handed out only after the person's right to see it was checked."""

    path: str
    original_name: str
    content_type: str
    size: int
