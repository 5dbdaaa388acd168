"""Bounds on what people may type, the same for pages, the API and the database (docs/adr/0012).

- `POSITION_MAX`: a position in a list ordered by hand (categories, types of help). Far
  below the database's smallint, so "put it last" (highest + 1) can never overflow it.
- `COUNT_MAX`: a number of people in one cell of an attendance count.
- `TEXT_MAX`: the longest free text (descriptions, notes) anyone writes in one field.
- `refuse_control_characters`: NUL and the other control characters (C0 and C1, DEL) are
  refused in every text; tab, line feed and carriage return are kept.
- `date_refuse_outside`: a date must lie in a window around today (a centre's setting).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

POSITION_MAX = 9999
COUNT_MAX = 100_000
TEXT_MAX = 5000

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS_MESSAGE = gettext_lazy("Remove the invisible control characters from this text.")


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(value))


def refuse_control_characters(value) -> None:
    """A validator for model, form and serializer fields."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def position_next(highest: int | None) -> int:
    """The position of an item put last after `highest`, never beyond POSITION_MAX."""
    return 0 if highest is None else min(highest + 1, POSITION_MAX)


def position_refuse_outside(position: int, *, field: str = "position") -> None:
    # Imported here: toolkit.errors imports DRF's views, whose settings import toolkit.api,
    # which imports this module.
    from toolkit.errors import ApplicationError

    if not 0 <= position <= POSITION_MAX:
        raise ApplicationError(
            _("Give a position from 0 to %(max)s.") % {"max": POSITION_MAX}, field=field
        )


def date_refuse_outside(
    value: datetime.date | None,
    *,
    earliest: datetime.date,
    latest: datetime.date,
    field: str,
) -> None:
    """ApplicationError unless `value` (if given) lies from `earliest` to `latest`."""
    from toolkit.errors import ApplicationError

    if value is None or earliest <= value <= latest:
        return
    raise ApplicationError(
        _("Give a date from %(earliest)s to %(latest)s.")
        % {
            "earliest": date_format(earliest, "SHORT_DATE_FORMAT"),
            "latest": date_format(latest, "SHORT_DATE_FORMAT"),
        },
        field=field,
    )
