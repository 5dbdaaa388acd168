"""A centre's own record of a role granted, changed or taken away (settings.
CENTRE_ROLE_CHANGE_STEPS, called by shared_apps.accounts.role_changes inside this centre's
schema, in the transaction of the change): whoever did it and on whichever host, the
centre's audit log keeps it, and a person who leaves loses their calendar address."""

from __future__ import annotations

from dataclasses import dataclass

from shared_apps.accounts.contracts import CentreRoleChange
from tenant_apps.activities.services.calendars import volunteer_calendar_revoke
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record


@dataclass(frozen=True)
class _Actor:
    pk: int
    email: str


def role_change_record(change: CentreRoleChange) -> None:
    """Write the change to the audit log; end the calendar feed of someone who left."""
    actor = _Actor(pk=change.actor_id, email=change.actor_email)
    if change.is_removal:
        audit_record(
            actor=actor,
            action=AuditAction.REMOVED,
            subject_type="member",
            subject_id=change.user_id,
            code="member.removed",
            params={"role": change.previous_role},
        )
        # The address is the only key to the feed: it must stop working with the membership.
        volunteer_calendar_revoke(account_user_id=change.user_id)
    elif change.is_grant:
        audit_record(
            actor=actor,
            action=AuditAction.ROLE_CHANGED,
            subject_type="member",
            subject_id=change.user_id,
            code=(
                "member.role_granted_approved"
                if change.approved_by_email
                else "member.role_granted"
            ),
            params={
                "role": change.role,
                "invited_by": change.invited_by_email,
                "approved_by": change.approved_by_email,
            },
        )
    else:
        audit_record(
            actor=actor,
            action=AuditAction.ROLE_CHANGED,
            subject_type="member",
            subject_id=change.user_id,
            code="member.role_changed",
            params={
                "previous": change.previous_role,
                "role": change.role,
                "invited_by": change.invited_by_email,
                "approved_by": change.approved_by_email,
            },
        )
