"""The centre host's menu for every page (base.html), built only when a template uses it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from tenant_apps.staff.navigation import centre_menu


def site_menu(request):
    """`site_menu` on a centre's host: marker, label, pages and home_url, or None."""
    if getattr(request, "centre", None) is None:
        return {}
    # Lazy: partial (htmx) responses that never show the menu cost no access checks.
    return {"site_menu": SimpleLazyObject(lambda: centre_menu(request) or {})}
