"""`public_menu` on a centre's host, for the public site's pages (home/public_base.html)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from tenant_apps.home.navigation import public_menu


def public_site_menu(request):
    if getattr(request, "centre", None) is None:
        return {}
    return {"public_menu": SimpleLazyObject(lambda: public_menu(request))}
