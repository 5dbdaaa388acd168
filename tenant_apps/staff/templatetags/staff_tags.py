from django import template
from django.utils.translation import gettext as _

from tenant_apps.staff.navigation import STAFF_MENU
from toolkit.navigation import menu_pages

register = template.Library()


@register.inclusion_tag("toolkit/_menu.html", takes_context=True)
def staff_nav(context):
    """The menu of staff pages this person may use, the current one marked."""
    return {
        "pages": menu_pages(context["request"], STAFF_MENU),
        "label": _("Staff pages"),
        "menu_class": "staff-nav",
    }
