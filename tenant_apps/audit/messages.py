"""Audit events are stored as codes with parameters and read in the reader's language.

A service records `audit_record(..., code="volunteer.status_changed",
params={"previous": "active", "status": "paused"})`; the log page turns that into
"Status changed from active to paused" or "Status endret fra aktiv til pause" when it is
read. Old events kept an English sentence in `summary`, shown as it is.

The audit log is the lowest layer of a centre's apps, so it cannot know their models. Each
app registers its messages and subject kinds in its own `audit_messages.py`, which
AuditConfig.ready() discovers (as the admin discovers `admin.py`).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format, number_format

from tenant_apps.audit.models import SUBJECT_TYPE_LABELS

# A parameter's stored value becomes words by a mapping of codes to labels (statuses,
# roles, purposes), or by a function (dates, numbers, lists of field names).
Format = Mapping[str, Any] | Callable[[Any], str]
# Bulk name lookup of one kind of subject: stored ids in, {id: name} out, for those found.
Names = Callable[[set[str]], Mapping[str, str]]


@dataclass(frozen=True)
class Message:
    """How one code reads: a translatable template with %(name)s placeholders."""

    text: Any
    formats: Mapping[str, Format] = field(default_factory=dict)
    # Parameters that hold the id of another subject (e.g. "volunteer"), shown by name.
    subjects: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SubjectKind:
    """How the log names a kind of subject: its label, its records' names, a link."""

    label: Any
    deleted: Any = None
    names: Names | None = None
    # A URL name whose one argument is the subject id (the link when the reader may open it).
    view_name: str = ""


MESSAGES: dict[str, Message] = {}
SUBJECTS: dict[str, SubjectKind] = {}


def register_message(
    code: str,
    text,
    *,
    formats: Mapping[str, Format] | None = None,
    subjects: Mapping[str, str] | None = None,
) -> None:
    """Say how events with `code` read (`text` is a gettext_lazy template)."""
    MESSAGES[code] = Message(text=text, formats=formats or {}, subjects=subjects or {})


def register_subject(
    subject_type: str,
    label,
    *,
    deleted=None,
    names: Names | None = None,
    view_name: str = "",
) -> None:
    """Say how the log names subjects of `subject_type` (label, names in bulk, link)."""
    SUBJECTS[subject_type] = SubjectKind(
        label=label, deleted=deleted, names=names, view_name=view_name
    )


# --- Formats shared by several apps -----------------------------------------------------


def as_date(value: Any) -> str:
    """An ISO date as the reader's language writes it briefly ("09.12.2026")."""
    try:
        return date_format(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(value)


def as_number(value: Any) -> str:
    """A number with the reader's decimal mark ("1,5" in nb and da)."""
    try:
        return number_format(decimal.Decimal(str(value)))
    except decimal.InvalidOperation:
        return str(value)


def each(labels: Mapping[str, Any]) -> Callable[[Any], str]:
    """A list of codes as their labels, separated by commas."""

    def render(values: Any) -> str:
        items = values if isinstance(values, list | tuple) else [values]
        return ", ".join(str(labels.get(str(item), item)) for item in items)

    return render


# --- Reading ------------------------------------------------------------------------------


def _value(message: Message, key: str, value: Any, names: Mapping[tuple[str, str], str]) -> str:
    if key in message.subjects:
        kind = message.subjects[key]
        found = names.get((kind, str(value)))
        if found is not None:
            return found
        return subject_deleted_label(kind)
    formatter = message.formats.get(key)
    if callable(formatter):
        return formatter(value)
    if formatter is not None:
        return str(formatter.get(str(value), value))
    return str(value)


def render(code: str, params: Mapping[str, Any], names: Mapping[tuple[str, str], str]) -> str:
    """The event's words in the active language; `names` maps (kind, id) to names."""
    message = MESSAGES.get(code)
    if message is None:
        return code
    values = {key: _value(message, key, value, names) for key, value in params.items()}
    try:
        return str(message.text) % values
    except (KeyError, TypeError, ValueError):
        # A template and its stored parameters disagree (an old event): say what is known.
        return str(message.text).split("%(")[0].rstrip(" :(") or code


def referenced_subjects(code: str, params: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """The (kind, id) pairs of other subjects an event's parameters name."""
    message = MESSAGES.get(code)
    if message is None:
        return ()
    return [(kind, str(params[key])) for key, kind in message.subjects.items() if key in params]


def subject_label(subject_type: str) -> str:
    kind = SUBJECTS.get(subject_type)
    if kind is not None:
        return str(kind.label)
    return str(SUBJECT_TYPE_LABELS.get(subject_type, subject_type))


def subject_deleted_label(subject_type: str) -> str:
    kind = SUBJECTS.get(subject_type)
    if kind is None or kind.deleted is None:
        return subject_label(subject_type)
    return str(kind.deleted)
