"""How the audit log reads the staff app's events and names the centre's members
(discovered by tenant_apps.audit)."""

from django.db import connection
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.facade import centre_members
from shared_apps.accounts.roles import Role
from tenant_apps.audit.messages import register_message, register_subject

ROLES = dict(Role.choices)


def _someone(email) -> str:
    return str(email) if email else str(_("an account that no longer exists"))


def _member_names(ids: set[str]) -> dict[str, str]:
    # One query for the whole centre: members are few, and the log page names many.
    return {
        str(member.user_id): member.full_name or member.email
        for member in centre_members(centre_id=connection.tenant.pk)
        if str(member.user_id) in ids
    }


register_subject(
    "member", _("Member"), deleted=_("someone no longer a member"), names=_member_names
)
register_subject(
    "account", _("Account"), deleted=_("someone no longer a member"), names=_member_names
)
register_message("member.listed", _("The member list"))
register_message("invitation.sent", _("Invited as %(role)s"), formats={"role": ROLES})
register_message("invitation.resent", _("Invited again as %(role)s"), formats={"role": ROLES})
register_message(
    "invitation.withdrawn", _("Invitation withdrawn (was %(role)s)"), formats={"role": ROLES}
)
register_message(
    "member.role_changed",
    _("Role changed from %(previous)s to %(role)s"),
    formats={"previous": ROLES, "role": ROLES},
)
register_message(
    "member.role_granted",
    _("Became %(role)s (invited by %(invited_by)s)"),
    formats={"role": ROLES, "invited_by": _someone},
)
register_message(
    "member.role_granted_approved",
    _("Became %(role)s (invited by %(invited_by)s, approved by %(approved_by)s)"),
    formats={"role": ROLES, "invited_by": _someone},
)
register_message("member.removed", _("Was %(role)s"), formats={"role": ROLES})
register_message("api_token.created", _("%(name)s (%(prefix)s…)"))
register_message("api_token.revoked", _("%(name)s (%(prefix)s…)"))
