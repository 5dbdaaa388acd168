"""Small count rounding: the one decision about every count of people that leaves a centre.

Every figure shown above a single centre — the federation's dashboard, drill-down and
comparison, the municipality portal, experience networks, submitted annual reports and every
export of them — is a sum of *inner cells*: one centre's value of one key, dimension value and
month (or year). Before an inner cell that counts people is stored in the shared schema, it is
rounded here, once:

- 0 and values of BASE (5) or more stay as they are;
- a value from 1 to 4 becomes 0 or BASE, up with probability value / BASE (so sums stay
  unbiased). The draw is fixed per cell — a keyed hash of (centre, key, dimension, month) —
  so the same cell rounds the same way in every run and on every page; it does not depend
  on the value or on other centres, so watching figures change reveals nothing more;
- a key that is the total of another key's breakdown (`KeySpec.total_of`: active volunteers
  = the sum over age bands) is not rounded on its own: it becomes the sum of its
  breakdown's rounded cells, so total − parts gives back only rounded parts.

Nothing else is stored (the raw count never reaches `public`), so every published figure,
total, median, percentage and export is a sum or a function of rounded inner cells: no
subtraction between any of them can give back a count from 1 to 4, and no figure from 1 to 4
is ever published (a sum of values that are 0 or ≥ 5 is 0 or ≥ 5). Statistics Norway's
small count rounding (Langsrud & Heldal 2018) is the model; see docs/adr/0011.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.utils.crypto import salted_hmac

from shared_apps.statistics.contracts import KEYS

BASE = 5
_SALT = "dugnad.statistics.small-count-rounding"
_SCALE = 2**64

Cell = tuple[str, str, datetime.date]  # key, dimension, month


def _draw(centre_id: int, key: str, dimension: str, month: datetime.date) -> int:
    """The cell's fixed draw, uniform in [0, 2**64), secret without the SECRET_KEY."""
    digest = salted_hmac(
        _SALT, f"{centre_id}|{key}|{dimension}|{month.isoformat()}", algorithm="sha256"
    ).digest()
    return int.from_bytes(digest[:8], "big")


def rounded_cell(
    *, centre_id: int, key: str, dimension: str, month: datetime.date, value: Decimal | int
) -> Decimal:
    """One inner cell as it may leave the centre (values of keys that are not counts of
    people are returned as they are)."""
    value = Decimal(value)
    if not KEYS[key].is_people_count or value == 0 or value >= BASE:
        return value
    # Up with probability value / BASE: draw / 2**64 < value / BASE.
    up = _draw(centre_id, key, dimension, month) * BASE < value * _SCALE
    return Decimal(BASE) if up else Decimal(0)


def rounded_cells(*, centre_id: int, cells: Mapping[Cell, Decimal]) -> dict[Cell, Decimal]:
    """All of one centre's inner cells rounded (zeros kept as zeros)."""
    result = {
        (key, dimension, month): rounded_cell(
            centre_id=centre_id, key=key, dimension=dimension, month=month, value=value
        )
        for (key, dimension, month), value in cells.items()
    }
    # Totals of a breakdown: the sum of its rounded parts, where the breakdown has any.
    parts_sum: dict[tuple[str, datetime.date], Decimal] = {}
    for (key, _dimension, month), value in result.items():
        parts_sum[(key, month)] = parts_sum.get((key, month), Decimal(0)) + value
    broken_down = {(key, month) for (key, _dimension, month), value in cells.items() if value}
    for key, dimension, month in list(result):
        total_of = KEYS[key].total_of
        if total_of and (total_of, month) in broken_down:
            result[(key, dimension, month)] = parts_sum.get((total_of, month), Decimal(0))
    return result


def is_publishable(key: str, value: Decimal | int) -> bool:
    """Whether a stored value of `key` is one rounding can produce (0 or ≥ BASE for people)."""
    return not KEYS[key].is_people_count or value == 0 or value >= BASE
