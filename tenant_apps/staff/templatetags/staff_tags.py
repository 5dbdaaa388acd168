from django import template

from tenant_apps.staff.navigation import staff_pages

register = template.Library()


@register.inclusion_tag("staff/_nav.html", takes_context=True)
def staff_nav(context):
    """The menu of staff pages this person may use, the current one marked."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    return {"pages": staff_pages(request), "current": match.view_name if match else ""}
