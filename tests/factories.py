"""Rows for tests, made straight with the ORM (no service, no audit record), defined once.

These write into the schema the connection is in: call them inside
`schema_context(centre.schema_name)` (the `inside` fixture), or use the fixture of the same
name in tests/plugin.py, which enters `centre`'s schema itself.
"""

from __future__ import annotations

import datetime
import itertools

_numbers = itertools.count(1)

# Long enough ago that a volunteer is active on any day a test looks at, and a fixed day, so
# that a test's figures do not depend on the day it runs.
START_DATE = datetime.date(2024, 1, 1)


def make_volunteer(first_name: str = "", last_name: str = "", **fields):
    """A Volunteer of the current schema: numbered names unless given (zero-padded, so that
    the default order by name is the order they were made in), a start date of 1 January
    2024, any other field as given."""
    from tenant_apps.people.models import Volunteer

    number = next(_numbers)
    return Volunteer.objects.create(
        first_name=first_name or f"Volunteer{number:05d}",
        last_name=last_name or f"Tester{number:05d}",
        start_date=fields.pop("start_date", START_DATE),
        **fields,
    )
