"""The dates an activity happens on, from its recurrence (pure date arithmetic)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY = "monthly"
ONE_OFF = "one_off"


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (0-based) `weekday` of the month; nth 4 means the last one."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    if nth >= 4:
        last_day = calendar.monthrange(year, month)[1]
        last = date(year, month, last_day)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    return first + timedelta(days=offset + 7 * nth)


def _monthly(first_date: date, end: date) -> Iterator[date]:
    # Same weekday of the month as the first date: "the second Tuesday". A first date in the
    # month's fifth week means "the last Tuesday", so that every month has its session.
    weekday = first_date.weekday()
    nth = (first_date.day - 1) // 7
    year, month = first_date.year, first_date.month
    while True:
        day = _nth_weekday(year, month, weekday, nth)
        if day > end:
            return
        if day >= first_date:
            yield day
        month += 1
        if month > 12:
            year, month = year + 1, 1


def occurrences(
    *, recurrence: str, first_date: date, last_date: date | None, until: date
) -> list[date]:
    """Every date from the first date up to `until` (and the last date, if any)."""
    end = min(until, last_date) if last_date else until
    if end < first_date:
        return []
    if recurrence == ONE_OFF:
        return [first_date]
    if recurrence == MONTHLY:
        return list(_monthly(first_date, end))
    step = timedelta(weeks=2 if recurrence == BIWEEKLY else 1)
    days, day = [], first_date
    while day <= end:
        days.append(day)
        day += step
    return days
