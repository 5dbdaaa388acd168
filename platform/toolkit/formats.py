"""Dates as each language writes them, in one place.

Pages show a day as "onsdag 9. desember" (nb), "onsdag den 9. december" (da) or
"Wednesday 9 December" (en), with the year when it is not this year; short forms follow
Django's formats for the language ("09.12.2026"). Templates use the `toolkit` tag library:
`{{ day|weekday_date }}`, `{{ moment|weekday_date_time }}`.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

# Django date-format characters; backslashes keep "den" and "kl." as words.
WEEKDAY_DATE = {"nb": r"l j. F", "da": r"l \d\e\n j. F", "en": r"l j F"}
YEAR_SUFFIX = {"nb": r" Y", "da": r" Y", "en": r" Y"}
TIME = {"nb": r"\k\l. H:i", "da": r"\k\l. H:i", "en": r"H:i"}


def _language() -> str:
    code = (translation.get_language() or "en").split("-")[0]
    return code if code in WEEKDAY_DATE else "en"


def weekday_date(day: datetime.date, *, with_year: bool | None = None) -> str:
    """'onsdag 9. desember' in the active language; the year is added when it is not this
    year (or when `with_year` says so)."""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    language = _language()
    pattern = WEEKDAY_DATE[language]
    if with_year or (with_year is None and day.year != timezone.localdate().year):
        pattern += YEAR_SUFFIX[language]
    text = date_format(day, pattern)
    # Django's catalogues capitalise weekdays; Norwegian and Danish write them in lower case.
    return text if language == "en" else text[:1].lower() + text[1:]


def weekday_date_time(moment: datetime.datetime) -> str:
    """'onsdag 9. desember kl. 18:00' in the active language, in local time."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{weekday_date(moment.date())} {date_format(moment, TIME[_language()])}"
