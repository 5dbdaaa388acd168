from django import template

from tenant_apps.hours.navigation import hours_pages

register = template.Library()


@register.inclusion_tag("hours/_nav.html", takes_context=True)
def hours_nav(context):
    """The menu of hours pages this person may use, the current one marked."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    return {"pages": hours_pages(request), "current": match.view_name if match else ""}
