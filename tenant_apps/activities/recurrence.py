"""The dates an activity happens on, from its recurrence (an iCalendar rule, by dateutil)."""

from __future__ import annotations

from datetime import date

from dateutil import rrule

WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY = "monthly"
ONE_OFF = "one_off"

# The weekday of the month is counted in whole weeks: days 1–7 are the first, 29–31 the fifth.
LAST_WEEK_OF_MONTH = 4


def _rule(recurrence: str, first_date: date, end: date) -> rrule.rrule:
    if recurrence == MONTHLY:
        # Same weekday of the month as the first date: "the second Tuesday". A first date in
        # the month's fifth week means "the last Tuesday", so that every month has its session.
        week = (first_date.day - 1) // 7
        nth = -1 if week >= LAST_WEEK_OF_MONTH else week + 1
        weekday = rrule.weekday(first_date.weekday(), nth)
        return rrule.rrule(rrule.MONTHLY, dtstart=first_date, until=end, byweekday=weekday)
    interval = 2 if recurrence == BIWEEKLY else 1
    return rrule.rrule(rrule.WEEKLY, dtstart=first_date, until=end, interval=interval)


def occurrences(
    *, recurrence: str, first_date: date, last_date: date | None, until: date
) -> list[date]:
    """Every date from the first date up to `until` (and the last date, if any)."""
    end = min(until, last_date) if last_date else until
    if end < first_date:
        return []
    if recurrence == ONE_OFF:
        return [first_date]
    return [moment.date() for moment in _rule(recurrence, first_date, end)]
