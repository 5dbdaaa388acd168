"""The platform host's menus: federation staff and municipality viewers get theirs on every
platform page (context_processors.site_menu, shown by base.html), filtered by the policies
that guard the pages (toolkit.navigation)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.access import roles_for
from shared_apps.accounts.roles import FEDERATION_STAFF, Role
from toolkit.navigation import MenuItem, menu_pages

FEDERATION_MENU = (
    MenuItem("portal:federation_home", _("Federation")),
    MenuItem("dashboard:home", _("Statistics")),
    MenuItem("networks:list", _("Experience networks")),
    MenuItem("reports:federation", _("Annual reports")),
    MenuItem("lifecycle:centres", _("Centre status")),
    MenuItem("billing:overview", _("Billing")),
    MenuItem("ropa:template", _("Record of processing template")),
)

OPERATOR_MENU = (
    MenuItem("lifecycle:centres", _("Centre status")),
    MenuItem("billing:overview", _("Billing")),
)

OPERATOR_MENU = (MenuItem("portal:operator_appointments", _("Manager appointments")),)

MUNICIPALITY_MENU = (
    MenuItem("portal:municipality_home", _("Your municipality")),
    MenuItem("reports:municipality", _("Annual reports from centres")),
)


def platform_menu(request: HttpRequest) -> dict | None:
    """The menu for the signed-in person's roles on the platform host, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    roles = roles_for(user, request)
    is_federation = bool(roles & FEDERATION_STAFF)
    is_municipality = Role.MUNICIPALITY_VIEWER in roles
    is_operator = Role.PLATFORM_OPERATOR in roles
    items: tuple[MenuItem, ...] = ()
    if is_federation:
        items += FEDERATION_MENU
    if is_municipality:
        items += MUNICIPALITY_MENU
    if is_operator:
        items += tuple(item for item in OPERATOR_MENU if item not in items)
    pages = menu_pages(request, items) if items else []
    if not pages:
        return None
    if is_federation:
        marker, label = "federation", _("Federation pages")
    elif is_operator and not is_municipality:
        marker, label = "operator", _("Platform pages")
    else:
        marker, label = "municipality", _("Municipality pages")
    return {"marker": marker, "label": str(label), "pages": pages, "home_url": pages[0].url}
