"""What a centre's code may ask of accounts: its members, the signed-in person's account,
invitations, role changes and API tokens. Plain ids in, `contracts` dataclasses out.

Every function is scoped to one centre by `centre_id`: nothing here reads or changes another
centre's memberships or tokens. Rules (who may invite, the last manager…) are the services'.
"""

from __future__ import annotations

from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts import services, tokens
from shared_apps.accounts.contracts import (
    AccountData,
    AccountRole,
    ApiTokenInfo,
    CentreAccount,
    CentreMember,
    InvitationSent,
    NewApiToken,
    PendingInvitation,
)
from shared_apps.accounts.models import ApiToken, CentreMembership, Invitation, User
from shared_apps.accounts.roles import Role
from tenants.models import Centre
from toolkit.errors import ApplicationError


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _member(membership: CentreMembership) -> CentreMember:
    return CentreMember(
        user_id=membership.user_id,
        full_name=membership.user.full_name,
        email=membership.user.email,
        role=membership.role,
        role_label=_role_label(membership.role),
        since=membership.created_at,
    )


def _token(token: ApiToken) -> ApiTokenInfo:
    return ApiTokenInfo(
        token_id=token.pk,
        name=token.name,
        key_prefix=token.key_prefix,
        created_at=token.created_at,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
        revoked_reason=token.revoked_reason,
        revoked_reason_label=token.get_revoked_reason_display() if token.revoked_reason else "",
    )


def _memberships(centre_id: int):
    return (
        CentreMembership.objects.filter(centre_id=centre_id)
        .select_related("user")
        .order_by(
            Lower(Coalesce(NullIf("user__full_name", Value("")), "user__email")), "user__email"
        )
    )


# --- Members ------------------------------------------------------------------------------


def centre_members(*, centre_id: int) -> list[CentreMember]:
    """The centre's members with their roles, by name (one query)."""
    return [_member(membership) for membership in _memberships(centre_id)]


def centre_member(*, centre_id: int, user_id: int) -> CentreMember | None:
    """One member of the centre, or None if the person has no role there."""
    membership = _memberships(centre_id).filter(user_id=user_id).first()
    return _member(membership) if membership else None


def centre_account(*, centre_id: int, user_id: int) -> CentreAccount | None:
    """The person's own account and role at the centre, or None if they have no role there."""
    membership = _memberships(centre_id).filter(user_id=user_id).first()
    if membership is None:
        return None
    user = membership.user
    return CentreAccount(
        user_id=user.pk,
        email=user.email,
        full_name=user.full_name,
        preferred_language=user.preferred_language,
        joined=user.date_joined,
        role=membership.role,
        role_label=_role_label(membership.role),
        member_since=membership.created_at,
    )


def member_invite(
    *, actor_id: int, centre_id: int, email: str, role: str, host: str, language: str
) -> InvitationSent:
    """E-mail an invitation to take `role` at the centre (raises ApplicationError if refused)."""
    invitation = services.invitation_send(
        invited_by=User.objects.get(pk=actor_id),
        email=email,
        role=role,
        host=host,
        language=language,
        centre=Centre.objects.get(pk=centre_id),
    )
    return InvitationSent(
        invitation_id=invitation.pk,
        email=invitation.email,
        role=invitation.role,
        expires_at=invitation.expires_at,
    )


def _pending_invitations(centre_id: int):
    return (
        Invitation.objects.filter(
            centre_id=centre_id, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("centre", "invited_by")
        .order_by("expires_at", "id")
    )


def _pending(invitation: Invitation) -> PendingInvitation:
    inviter = invitation.invited_by
    return PendingInvitation(
        invitation_id=invitation.pk,
        email=invitation.email,
        role=invitation.role,
        role_label=_role_label(invitation.role),
        invited_by_name=(inviter.full_name or inviter.email) if inviter else "",
        sent_at=invitation.created_at,
        expires_at=invitation.expires_at,
    )


class InvitationNotFound(ApplicationError):
    """No pending invitation of this centre has that id."""

    http_status = 404


def _pending_of_centre(centre_id: int, invitation_id: int) -> Invitation:
    invitation = _pending_invitations(centre_id).filter(pk=invitation_id).first()
    if invitation is None:
        raise InvitationNotFound(
            _("This invitation has been accepted, has expired or has been withdrawn.")
        )
    return invitation


def centre_invitations_pending(*, centre_id: int) -> list[PendingInvitation]:
    """The centre's invitations neither accepted nor expired, the soonest to expire first (one
    query)."""
    return [_pending(invitation) for invitation in _pending_invitations(centre_id)]


def centre_invitation_pending(*, centre_id: int, invitation_id: int) -> PendingInvitation | None:
    """One pending invitation of the centre, or None (also for another centre's invitation)."""
    invitation = _pending_invitations(centre_id).filter(pk=invitation_id).first()
    return _pending(invitation) if invitation else None


def member_invitation_resend(
    *, actor_id: int, centre_id: int, invitation_id: int, host: str
) -> PendingInvitation:
    """Send one of the centre's pending invitations again with a new link; the old link stops
    working (raises ApplicationError if refused or not pending)."""
    invitation = services.invitation_resend(
        actor=User.objects.get(pk=actor_id),
        invitation=_pending_of_centre(centre_id, invitation_id),
        host=host,
    )
    return _pending(invitation)


def member_invitation_revoke(
    *, actor_id: int, centre_id: int, invitation_id: int
) -> PendingInvitation:
    """Withdraw one of the centre's pending invitations; its link stops working (raises
    ApplicationError if refused or not pending)."""
    invitation = services.invitation_revoke(
        actor=User.objects.get(pk=actor_id),
        invitation=_pending_of_centre(centre_id, invitation_id),
    )
    return _pending(invitation)


def member_role_set(*, actor_id: int, centre_id: int, user_id: int, role: str) -> None:
    """Give a member of the centre another role, revoking their API tokens there (raises
    ApplicationError if refused); recorded as member_remove says."""
    services.centre_membership_set_role(
        actor=User.objects.get(pk=actor_id),
        centre=Centre.objects.get(pk=centre_id),
        user_id=user_id,
        role=role,
    )


def member_remove(*, actor_id: int, centre_id: int, user_id: int) -> None:
    """Take a person's role at the centre away, and revoke their API tokens there (raises
    ApplicationError if refused). The centre's audit log and its managers hear of it through
    settings.CENTRE_ROLE_CHANGE_STEPS and e-mail (accounts.role_changes)."""
    services.centre_membership_remove(
        actor=User.objects.get(pk=actor_id),
        centre=Centre.objects.get(pk=centre_id),
        user_id=user_id,
    )


# --- API tokens ---------------------------------------------------------------------------


def api_tokens(*, user_id: int, centre_id: int) -> list[ApiTokenInfo]:
    """The person's own tokens at the centre, newest first."""
    return [_token(token) for token in tokens.api_tokens_of(user_id=user_id, centre_id=centre_id)]


def api_token(*, user_id: int, centre_id: int, token_id: int) -> ApiTokenInfo | None:
    """One of the person's own tokens at the centre, or None."""
    token = tokens.api_tokens_of(user_id=user_id, centre_id=centre_id).filter(pk=token_id).first()
    return _token(token) if token else None


def api_token_create(
    *,
    user_id: int,
    centre_id: int,
    name: str,
    two_factor_passed: bool,
    lifetime_days: int = tokens.DEFAULT_TOKEN_LIFETIME,
) -> NewApiToken:
    """Make a token for the person at the centre; the key in the answer is shown once.
    `two_factor_passed`: whether the asking session passed the second factor (tokens.py)."""
    token, key = tokens.api_token_create(
        user_id=user_id,
        centre_id=centre_id,
        name=name,
        two_factor_passed=two_factor_passed,
        lifetime_days=lifetime_days,
    )
    return NewApiToken(token=_token(token), key=key)


def api_token_lifetimes() -> list[tuple[int, str]]:
    """The periods a new token may work for, in days with their labels; the default first."""
    default = tokens.DEFAULT_TOKEN_LIFETIME
    return [(default, str(tokens.TOKEN_LIFETIMES[default]))] + [
        (days, str(label)) for days, label in tokens.TOKEN_LIFETIMES.items() if days != default
    ]


def api_token_revoke(*, user_id: int, centre_id: int, token_id: int) -> ApiTokenInfo:
    """Revoke one of the person's own tokens at the centre (raises ApplicationError if none)."""
    token = tokens.api_token_revoke(user_id=user_id, centre_id=centre_id, token_id=token_id)
    return _token(token)


# --- The person's own data (GDPR) ---------------------------------------------------------


def account_data(*, user_id: int) -> AccountData:
    """What the shared schema holds about an account: for that person's own export only (it
    names every place they have a role)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(pk=user_id)
    roles = [
        AccountRole(
            place=membership.centre.name,
            role=membership.role,
            role_label=_role_label(membership.role),
            since=membership.created_at,
        )
        for membership in user.centre_memberships.select_related("centre").order_by("id")
    ]
    roles += [
        AccountRole(
            place=membership.federation.name,
            role=membership.role,
            role_label=_role_label(membership.role),
            since=membership.created_at,
        )
        for membership in user.federation_memberships.select_related("federation").order_by("id")
    ]
    roles += [
        AccountRole(
            place=access.municipality.name,
            role=Role.MUNICIPALITY_VIEWER,
            role_label=_role_label(Role.MUNICIPALITY_VIEWER),
            since=access.created_at,
        )
        for access in user.municipality_access.select_related("municipality").order_by("id")
    ]
    return AccountData(
        user_id=user.pk,
        email=user.email,
        full_name=user.full_name,
        preferred_language=user.preferred_language,
        joined=user.date_joined,
        last_login=user.last_login,
        roles=tuple(roles),
        api_tokens=tuple(_token(token) for token in user.api_tokens.order_by("id")),
        second_factors=TOTPDevice.objects.filter(user=user).count()
        + StaticDevice.objects.filter(user=user).count(),
    )


def account_erase(*, user_id: int) -> list[int]:
    """Erase the account (the person's own request): their roles at every centre go, and the
    account keeps no e-mail address or name. Returns the ids of the centres where they had a
    role (raises ApplicationError while they are a centre's only manager)."""
    return services.account_erase(user=User.objects.get(pk=user_id))
