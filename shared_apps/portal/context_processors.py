"""The platform host's menu for every page (base.html), built only when a template uses it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from shared_apps.portal.navigation import platform_menu


def site_menu(request):
    """`site_menu` on the platform host: marker, label, pages and home_url, or None."""
    if request is None or getattr(request, "centre", None) is not None:
        return {}
    return {"site_menu": SimpleLazyObject(lambda: platform_menu(request) or {})}
