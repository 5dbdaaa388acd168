"""Who acts: what a service needs to know of the signed-in person to check rules and audit.

Services take an `Actor` (a Django user satisfies it); pages and the API build a
`StaffActor` when a rule depends on whether the person acts as staff of the centre.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Actor(Protocol):
    """A signed-in account: the audit log keeps its id and e-mail address."""

    pk: int
    email: str


@dataclass(frozen=True)
class StaffActor:
    """An account, and whether it acts as a coordinator or manager at this centre."""

    pk: int
    email: str
    is_staff: bool


@dataclass(frozen=True)
class PublicVisitor:
    """Someone not signed in who sends a public form of a centre's site. The audit log
    records them as account 0 labelled "public form"; no address or name is kept."""

    pk: int = 0
    email: str = "public form"


PUBLIC_VISITOR = PublicVisitor()
