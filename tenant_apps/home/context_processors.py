"""On a centre's host: `public_menu` for the public site's pages (home/public_base.html), the
centre's `public_profile` (colours, logo, description) and its published `public_pages`."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from tenant_apps.home import selectors
from tenant_apps.home.navigation import public_menu
from tenant_apps.home.palette import colour_pair


def public_site_menu(request):
    if getattr(request, "centre", None) is None:
        return {}
    profile = SimpleLazyObject(selectors.centre_profile)
    return {
        "public_menu": SimpleLazyObject(lambda: public_menu(request)),
        "public_profile": profile,
        "public_colours": SimpleLazyObject(lambda: colour_pair(profile.colours)),
        "public_pages": SimpleLazyObject(selectors.published_pages),
    }
