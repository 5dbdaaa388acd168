from django import template
from django.utils.translation import gettext as _

from tenant_apps.hours.navigation import HOURS_MENU
from toolkit.navigation import menu_pages

register = template.Library()


@register.inclusion_tag("toolkit/_menu.html", takes_context=True)
def hours_nav(context):
    """The menu of hours pages this person may use, the current one marked."""
    return {
        "pages": menu_pages(context["request"], HOURS_MENU),
        "label": _("Hours pages"),
        "menu_class": "hours-nav",
    }
