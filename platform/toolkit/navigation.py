"""Menus that list only the pages a person may open, decided by the policies that guard them.

The check itself belongs to the access layer: settings.NAVIGATION_MAY_OPEN names a function
`(request, view) -> bool` (shared_apps.accounts.access.may_open), so the toolkit needs no
import of any app.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class MenuItem:
    """A page in a menu: its URL name, its label and (for overview pages) a description."""

    view_name: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class MenuPage:
    view_name: str
    url: str
    label: str
    description: str
    is_current: bool


@cache
def _may_open():
    return import_string(settings.NAVIGATION_MAY_OPEN)


def menu_pages(request: HttpRequest, items: tuple[MenuItem, ...]) -> list[MenuPage]:
    """The items this person may open now, in menu order, the current page marked."""
    current = getattr(getattr(request, "resolver_match", None), "view_name", None)
    pages = []
    for item in items:
        url = reverse(item.view_name)
        if _may_open()(request, resolve(url).func):
            pages.append(
                MenuPage(
                    view_name=item.view_name,
                    url=url,
                    label=str(item.label),
                    description=str(item.description),
                    is_current=item.view_name == current,
                )
            )
    return pages
