"""Plain data that accounts hands to a centre's code through `facade.py` (no Django imports).

Tenant apps never see a User, a CentreMembership or an ApiToken: only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class CentreMember:
    """A person with a role at one centre."""

    user_id: int
    full_name: str
    email: str
    role: str
    role_label: str  # in the language active when it was read
    since: datetime

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


@dataclass(frozen=True)
class CentreAccount:
    """The signed-in person's own account and their role at this centre."""

    user_id: int
    email: str
    full_name: str
    preferred_language: str
    joined: datetime
    role: str
    role_label: str
    member_since: datetime


@dataclass(frozen=True)
class InvitationSent:
    invitation_id: int
    email: str
    role: str
    expires_at: datetime


@dataclass(frozen=True)
class PendingInvitation:
    """An invitation to the centre that has been neither accepted nor let expire."""

    invitation_id: int
    email: str
    role: str
    role_label: str  # in the language active when it was read
    invited_by_name: str  # empty when the inviter's account is gone
    sent_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ApiTokenInfo:
    """An API token as its owner may see it: never the key, only its first characters."""

    token_id: int
    name: str
    key_prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str = ""
    revoked_reason_label: str = ""  # in the language active when it was read

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= datetime.now(UTC)

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired


@dataclass(frozen=True)
class NewApiToken:
    """A token just made, with its key: the only time the key is known."""

    token: ApiTokenInfo
    key: str


@dataclass(frozen=True)
class AccountRole:
    """A role the account holds somewhere: a centre, a federation or a municipality."""

    place: str
    role: str
    role_label: str
    since: datetime


@dataclass(frozen=True)
class AccountData:
    """Everything the shared schema holds about one account, for the person's own export."""

    user_id: int
    email: str
    full_name: str
    preferred_language: str
    joined: datetime
    last_login: datetime | None
    roles: tuple[AccountRole, ...]
    api_tokens: tuple[ApiTokenInfo, ...]
    second_factors: int


@dataclass(frozen=True)
class CentreRoleChange:
    """A person's role at a centre was granted, changed or taken away; handed to each of
    settings.CENTRE_ROLE_CHANGE_STEPS inside that centre's schema (its audit log, its
    calendar feeds), in the transaction of the change."""

    centre_id: int
    user_id: int
    user_email: str
    previous_role: str  # "" when the role was granted to someone without one
    role: str  # "" when the role was taken away
    # Who made the change: the manager on the members page, or the person accepting an
    # invitation (the inviter and an approving operator are in the fields below).
    actor_id: int
    actor_email: str
    invited_by_email: str = ""
    approved_by_email: str = ""

    @property
    def is_grant(self) -> bool:
        return not self.previous_role and bool(self.role)

    @property
    def is_removal(self) -> bool:
        return not self.role
