"""The hours pages a person may open, decided by the policies that guard them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.access import Verdict, decide, policy_of


@dataclass(frozen=True)
class HoursPage:
    view_name: str
    url: str
    label: str


PAGES = (
    ("hours:list", _("Hours")),
    ("hours:log", _("Log hours")),
    ("hours:totals", _("Totals")),
    ("hours:export", _("Export")),
)


def hours_pages(request: HttpRequest) -> list[HoursPage]:
    """The hours pages this person may open, in menu order."""
    pages = []
    for view_name, label in PAGES:
        url = reverse(view_name)
        if decide(request, request.user, policy_of(resolve(url).func)) is Verdict.ALLOW:
            pages.append(HoursPage(view_name, url, str(label)))
    return pages
