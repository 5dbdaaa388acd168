"""Who holds what about a person: the registry behind GDPR export, erasure and retention.

Each centre app says, in its own `gdpr.py` (discovered by tenant_apps.privacy's AppConfig,
as the admin discovers `admin.py`), what it holds about a person and how to erase it:

    register_personal_data(
        kind=VOLUNTEER, key="hours.entries", title=_("Hours"), order=50,
        export=lambda person: [...],   # JSON-ready dicts, one per record
        erase=lambda person: 3,        # anonymise; returns how many records it changed
        kept=_("Hours stay, without the name, in every total."),
    )

`kind` is one of the person kinds below; both functions get a `Person`: the kind, the id of
that kind (a volunteer's or participant's row id in the centre's schema, an account's user
id), the linked account's id, and the strings that identify them (names, e-mail address,
phone number) for sections that must find them in free text (the audit log). The
erasers run in `order` (lowest first) inside one transaction, so a section that needs the
person's name to find records (the audit log) runs before the one that removes it (people,
at 900). `kept` says in the reader's language what the law or the statistics keep and why;
it is shown in the export and on the erasure confirmation.

Apps may also register how they tell when a volunteer last took part
(`register_last_active`), which retention uses to find volunteers who have been inactive.

The registry imports no app: apps import it, so any layer may contribute.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

VOLUNTEER = "volunteer"
PARTICIPANT = "participant"
ACCOUNT = "account"
# Someone the centre knows only by the contact details they gave on a public form (a session
# sign-up, an event registration, an award nomination, an association's contact person):
# found by their e-mail address (`Person.email`; `pk` is 0).
CONTACT = "contact"
KINDS = (VOLUNTEER, PARTICIPANT, ACCOUNT, CONTACT)


@dataclass(frozen=True)
class Person:
    """Whom an export or erasure is about."""

    kind: str
    pk: int
    account_user_id: int | None = None
    # Names, e-mail address, phone number: what would identify them in free text.
    identifiers: tuple[str, ...] = ()
    # Their e-mail address, if known: how sections find rows from public forms about them
    # (for CONTACT, the only key).
    email: str = ""


Exporter = Callable[[Person], list[Mapping[str, Any]]]
Eraser = Callable[[Person], int]
# {volunteer id: the last day they took part} for the volunteers the app knows of.
LastActive = Callable[[], Mapping[int, datetime.date]]


@dataclass(frozen=True)
class PersonalData:
    """One section of what a centre holds about a kind of person."""

    kind: str
    key: str
    title: Any
    export: Exporter
    erase: Eraser | None = None
    kept: Any = None
    order: int = 100
    # The models ("app_label.Model") whose rows about the person this section covers: a test
    # (tests/test_personal_data_registry.py) finds centre models with personal fields that no
    # section covers.
    models: tuple[str, ...] = ()


SECTIONS: dict[tuple[str, str], PersonalData] = {}
LAST_ACTIVE: dict[str, LastActive] = {}


def register_personal_data(
    *,
    kind: str,
    key: str,
    title,
    export: Exporter,
    erase: Eraser | None = None,
    kept=None,
    order: int = 100,
    models: tuple[str, ...] = (),
) -> None:
    """Say what an app holds about a `kind` of person (see the module's docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of person: {kind!r}")
    SECTIONS[(kind, key)] = PersonalData(
        kind=kind,
        key=key,
        title=title,
        export=export,
        erase=erase,
        kept=kept,
        order=order,
        models=tuple(models),
    )


def register_contact_data(
    *,
    key: str,
    title,
    export: Exporter,
    erase: Eraser | None = None,
    kept=None,
    order: int = 500,
    models: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (CONTACT, VOLUNTEER, ACCOUNT),
) -> None:
    """Register a section about rows from public forms found by e-mail address
    (`person.email`): for CONTACT, and for volunteers and accounts with that address, so
    their export (and erasure) reaches what they gave on a form too."""
    for kind in kinds:
        register_personal_data(
            kind=kind,
            key=key,
            title=title,
            export=export,
            erase=erase,
            kept=kept,
            order=order,
            models=models,
        )


def register_last_active(key: str, last_active: LastActive) -> None:
    """Say how an app tells when each volunteer last took part (hours, shifts, help …)."""
    LAST_ACTIVE[key] = last_active


def sections(kind: str) -> list[PersonalData]:
    """The sections registered for a kind of person, in erasure order."""
    found = [section for (of_kind, _key), section in SECTIONS.items() if of_kind == kind]
    return sorted(found, key=lambda section: (section.order, section.key))


def last_active_days() -> dict[int, datetime.date]:
    """Each volunteer's last day of taking part, over every app that knows of one."""
    latest: dict[int, datetime.date] = {}
    for last_active in LAST_ACTIVE.values():
        for volunteer_id, day in last_active().items():
            if day is not None and (volunteer_id not in latest or day > latest[volunteer_id]):
                latest[volunteer_id] = day
    return latest


def json_ready(value: Any) -> Any:
    """Dates, decimals and lists in a form json.dumps writes."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_ready(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


# What an anonymised row shows where a name was (lists stay readable).
ERASED_NAME = "—"


def contact_person(email: str) -> Person:
    """Whoever gave `email` on a public form (kind CONTACT)."""
    email = email.strip()
    return Person(kind=CONTACT, pk=0, identifiers=(email,) if email else (), email=email)


def records(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows (e.g. from `.values()`) as JSON-ready dicts."""
    return [json_ready(dict(row)) for row in rows]
