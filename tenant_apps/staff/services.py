"""A centre's staff work on its members and API tokens: each goes through the accounts facade
and leaves an event in the centre's audit log, in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from shared_apps.accounts import facade
from shared_apps.accounts.contracts import (
    ApiTokenInfo,
    CentreMember,
    InvitationSent,
    NewApiToken,
    PendingInvitation,
)
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


def member_list_view(*, actor: Actor, centre_id: int) -> list[CentreMember]:
    """The centre's members, recording that `actor` looked at the list."""
    members = facade.centre_members(centre_id=centre_id)
    audit_record(
        actor=actor, action=AuditAction.VIEWED, subject_type="member", code="member.listed"
    )
    return members


def member_invite(
    *, actor: Actor, centre_id: int, email: str, role: str, language: str, host: str
) -> InvitationSent:
    """E-mail an invitation to take a role at the centre."""
    with transaction.atomic():
        invitation = facade.member_invite(
            actor_id=actor.pk,
            centre_id=centre_id,
            email=email,
            role=role,
            host=host,
            language=language,
        )
        audit_record(
            actor=actor,
            action=AuditAction.INVITED,
            subject_type="invitation",
            subject_id=invitation.invitation_id,
            code="invitation.sent",
            params={"role": invitation.role},
        )
    return invitation


def member_invitation_resend(
    *, actor: Actor, centre_id: int, invitation_id: int, host: str
) -> PendingInvitation:
    """E-mail a pending invitation again with a new link; the old link stops working."""
    with transaction.atomic():
        invitation = facade.member_invitation_resend(
            actor_id=actor.pk, centre_id=centre_id, invitation_id=invitation_id, host=host
        )
        audit_record(
            actor=actor,
            action=AuditAction.INVITED,
            subject_type="invitation",
            subject_id=invitation.invitation_id,
            code="invitation.resent",
            params={"role": invitation.role},
        )
    return invitation


def member_invitation_revoke(
    *, actor: Actor, centre_id: int, invitation_id: int
) -> PendingInvitation:
    """Withdraw a pending invitation; its link stops working."""
    with transaction.atomic():
        invitation = facade.member_invitation_revoke(
            actor_id=actor.pk, centre_id=centre_id, invitation_id=invitation_id
        )
        audit_record(
            actor=actor,
            action=AuditAction.REMOVED,
            subject_type="invitation",
            subject_id=invitation.invitation_id,
            code="invitation.withdrawn",
            params={"role": invitation.role},
        )
    return invitation


def _existing_member(centre_id: int, user_id: int) -> CentreMember:
    member = facade.centre_member(centre_id=centre_id, user_id=user_id)
    if member is None:
        raise ApplicationError(_("This person is not a member of this centre."))
    return member


def member_role_change(*, actor: Actor, centre_id: int, user_id: int, role: str) -> CentreMember:
    """Give a member another role; returns the member as they were before."""
    with transaction.atomic():
        member = _existing_member(centre_id, user_id)
        if member.role == role:
            return member
        # The audit event is written by the accounts facade's step in this centre's schema
        # (role_changes.role_change_record), as for a change made from any other host.
        facade.member_role_set(actor_id=actor.pk, centre_id=centre_id, user_id=user_id, role=role)
    return member


def member_remove(*, actor: Actor, centre_id: int, user_id: int) -> CentreMember:
    """Take away a member's role at the centre (and their API tokens); returns who it was."""
    with transaction.atomic():
        member = _existing_member(centre_id, user_id)
        # Audited by role_changes.role_change_record, as member_role_change says.
        facade.member_remove(actor_id=actor.pk, centre_id=centre_id, user_id=user_id)
    return member


def api_token_create(
    *, actor: Actor, centre_id: int, name: str, lifetime_days: int, two_factor_passed: bool
) -> NewApiToken:
    """Make an API token for `actor` at the centre, working for `lifetime_days`; the key is
    in the answer, once. Only from a session that passed the second factor when the person
    needs or uses one (`two_factor_passed`)."""
    with transaction.atomic():
        created = facade.api_token_create(
            user_id=actor.pk,
            centre_id=centre_id,
            name=name,
            lifetime_days=lifetime_days,
            two_factor_passed=two_factor_passed,
        )
        audit_record(
            actor=actor,
            action=AuditAction.TOKEN_CREATED,
            subject_type="api_token",
            subject_id=created.token.token_id,
            code="api_token.created",
            params={
                "name": created.token.name,
                "prefix": created.token.key_prefix,
                "expires": created.token.expires_at.date().isoformat(),
            },
        )
    return created


def api_token_revoke(*, actor: Actor, centre_id: int, token_id: int) -> ApiTokenInfo:
    """Revoke one of `actor`'s own tokens at the centre."""
    with transaction.atomic():
        token = facade.api_token_revoke(user_id=actor.pk, centre_id=centre_id, token_id=token_id)
        audit_record(
            actor=actor,
            action=AuditAction.TOKEN_REVOKED,
            subject_type="api_token",
            subject_id=token.token_id,
            code="api_token.revoked",
            params={"name": token.name, "prefix": token.key_prefix},
        )
    return token
