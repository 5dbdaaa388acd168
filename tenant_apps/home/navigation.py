"""The public menu of a centre's host: the pages any visitor may open (the centre's public
site). Every public page extends `home/public_base.html`, which shows this menu; apps add
their public pages here, in the order a visitor needs them."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from toolkit.navigation import MenuItem, menu_pages

PUBLIC_MENU = (
    MenuItem("centre-home", _("Home")),
    MenuItem("site:calendar", _("What's on")),
    MenuItem("site:news", _("News")),
    MenuItem("signup:list", _("Sign up for an activity")),
    MenuItem("join:apply", _("Become a volunteer")),
    MenuItem("ask:form", _("Ask for help")),
    MenuItem("award:public", _("Volunteer award")),
    MenuItem("associations:directory", _("Associations")),
    MenuItem("events:list", _("Events")),
)


def public_menu(request: HttpRequest) -> list:
    """The public pages of this centre's site, the current one marked."""
    return menu_pages(request, PUBLIC_MENU)
