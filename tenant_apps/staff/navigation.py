"""Which staff pages a person may use, decided by the same access policies that guard them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.access import Policy, Verdict, decide, policy_of


@dataclass(frozen=True)
class StaffPage:
    view_name: str
    url: str
    label: str
    description: str


PAGES = (
    ("staff:dashboard", _("Overview"), _("Your role here and the pages you can use.")),
    (
        "hours:dashboard",
        _("Today"),
        _("Today's sessions, unfilled shifts, new requests, certificates to renew."),
    ),
    ("people:volunteer_list", _("Volunteers"), _("Volunteers, participants and consents.")),
    ("helprequests:list", _("Help requests"), _("Requests for help, matching and follow-up.")),
    ("activities:list", _("Activities"), _("Activities, sessions and shifts.")),
    ("activities:my_shifts", _("My shifts"), _("The shifts you have signed up for.")),
    ("helprequests:mine", _("People I help"), _("The requests you are assigned to.")),
    ("hours:list", _("Hours"), _("Log hours, approve them and export the month.")),
    (
        "annualreport:list",
        _("Annual report"),
        _("The year's report from your own records, for your federation and municipality."),
    ),
    (
        "networkspace:list",
        _("Experience networks"),
        _("Posts, meeting notes, files and figures shared with other centres."),
    ),
    ("people:me", _("My volunteer profile"), _("Your contact details, availability, consents.")),
    ("staff:members", _("Members"), _("Everyone with a role at this centre.")),
    (
        "staff:invite",
        _("Invite someone"),
        _("E-mail an invitation to become a coordinator or volunteer here."),
    ),
    (
        "staff:tokens",
        _("API tokens"),
        _("Keys that let your own programs use this centre's API in your name."),
    ),
    ("audit:list", _("Audit log"), _("Who signed in here, and who viewed or changed what.")),
    ("staff:profile", _("Your account"), _("Your name, e-mail address and role here.")),
)


def is_allowed(request: HttpRequest, policy: Policy | None) -> bool:
    """Whether the signed-in person may use a view with this policy right now."""
    return decide(request, request.user, policy) is Verdict.ALLOW


def staff_pages(request: HttpRequest) -> list[StaffPage]:
    """The staff pages this person may open, in menu order."""
    pages = []
    for view_name, label, description in PAGES:
        url = reverse(view_name)
        if is_allowed(request, policy_of(resolve(url).func)):
            pages.append(StaffPage(view_name, url, str(label), str(description)))
    return pages
