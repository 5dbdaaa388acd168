"""The roles a person can hold, and which roles include which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTRE_ADMIN = "centre_admin", _("Centre manager")
    COORDINATOR = "coordinator", _("Coordinator")
    VOLUNTEER = "volunteer", _("Volunteer")
    FEDERATION_ADMIN = "federation_admin", _("Federation administrator")
    FEDERATION_ANALYST = "federation_analyst", _("Federation analyst")
    MUNICIPALITY_VIEWER = "municipality_viewer", _("Municipality viewer")
    PLATFORM_OPERATOR = "platform_operator", _("Platform operator")
    # Keeps one local association's entry up to date; sees only that association's pages.
    ASSOCIATION_CONTACT = "association_contact", _("Association contact")


CENTRE_ROLES = (Role.CENTRE_ADMIN, Role.COORDINATOR, Role.VOLUNTEER, Role.ASSOCIATION_CONTACT)
FEDERATION_ROLES = (Role.FEDERATION_ADMIN, Role.FEDERATION_ANALYST)

# A role includes the roles listed for it: a centre manager may do what a coordinator may.
INCLUDED_ROLES: dict[str, frozenset[str]] = {
    Role.CENTRE_ADMIN: frozenset({Role.CENTRE_ADMIN, Role.COORDINATOR, Role.VOLUNTEER}),
    Role.COORDINATOR: frozenset({Role.COORDINATOR, Role.VOLUNTEER}),
    Role.VOLUNTEER: frozenset({Role.VOLUNTEER}),
    Role.FEDERATION_ADMIN: frozenset({Role.FEDERATION_ADMIN, Role.FEDERATION_ANALYST}),
    Role.FEDERATION_ANALYST: frozenset({Role.FEDERATION_ANALYST}),
    Role.MUNICIPALITY_VIEWER: frozenset({Role.MUNICIPALITY_VIEWER}),
    Role.PLATFORM_OPERATOR: frozenset({Role.PLATFORM_OPERATOR}),
    # Not a volunteer: an association's contact person sees its own association's pages only.
    Role.ASSOCIATION_CONTACT: frozenset({Role.ASSOCIATION_CONTACT}),
}

# Roles that must sign in with a second factor when settings.TWO_FACTOR_REQUIRED is on:
# everyone who reads a centre's personal data (coordinators too) or people's roles.
TWO_FACTOR_ROLES = frozenset(
    {
        Role.CENTRE_ADMIN,
        Role.COORDINATOR,
        Role.FEDERATION_ADMIN,
        Role.FEDERATION_ANALYST,
        Role.PLATFORM_OPERATOR,
    }
)

# Shorthands for view declarations.
CENTRE_MEMBERS = frozenset({Role.VOLUNTEER})  # every staff or volunteer role includes volunteer
CENTRE_STAFF = frozenset({Role.COORDINATOR})
CENTRE_MANAGERS = frozenset({Role.CENTRE_ADMIN})
FEDERATION_STAFF = frozenset({Role.FEDERATION_ANALYST})
FEDERATION_MANAGERS = frozenset({Role.FEDERATION_ADMIN})
MUNICIPALITY_VIEWERS = frozenset({Role.MUNICIPALITY_VIEWER})
ASSOCIATION_CONTACTS = frozenset({Role.ASSOCIATION_CONTACT})


def expand(roles) -> frozenset[str]:
    """Every role the given roles include."""
    result: set[str] = set()
    for role in roles:
        result |= INCLUDED_ROLES.get(role, frozenset({role}))
    return frozenset(result)
