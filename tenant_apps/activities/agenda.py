"""A volunteer's own shifts laid out as a week (a list per day) or a month (weeks of days),
Monday first as in Norway and Denmark. Plain date arithmetic; the selectors do the reading."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

LIST, WEEK, MONTH = "list", "week", "month"
LAYOUTS = (LIST, WEEK, MONTH)
# A calendar page further away than this is someone typing addresses, not planning shifts.
FARTHEST = timedelta(days=5 * 366)


@dataclass
class Day:
    date: date
    is_today: bool
    in_month: bool = True
    signups: list = field(default_factory=list)


def chosen_day(text: str, *, today: date) -> date:
    """The day `?day=` names (ISO), within a few years of today; else today."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return today
    return day if abs(day - today) <= FARTHEST else today


def week_range(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week of `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    first = month_start(day)
    return (first + timedelta(days=32)).replace(day=1)


def previous_month(day: date) -> date:
    return (month_start(day) - timedelta(days=1)).replace(day=1)


def month_grid_dates(day: date) -> list[list[date]]:
    """The weeks (Monday to Sunday) that show the month of `day`, with the days around it."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(day.year, day.month)


def _by_day(signups: Iterable) -> dict[date, list]:
    days: dict[date, list] = defaultdict(list)
    for signup in signups:
        days[signup.shift.session.date].append(signup)
    return days


def week_days(monday: date, signups: Iterable, *, today: date) -> list[Day]:
    """The seven days from `monday`, each with its sign-ups."""
    by_day = _by_day(signups)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    return [Day(date=day, is_today=day == today, signups=by_day.get(day, [])) for day in days]


def month_weeks(grid: list[list[date]], signups: Iterable, *, month: int, today: date) -> list:
    """The month grid's weeks of Days, each with its sign-ups."""
    by_day = _by_day(signups)
    return [
        [
            Day(
                date=day,
                is_today=day == today,
                in_month=day.month == month,
                signups=by_day.get(day, []),
            )
            for day in week
        ]
        for week in grid
    ]
