"""The staff menu: every centre page a person may open, filtered by the policies that guard
them (toolkit.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from toolkit.navigation import MenuItem

STAFF_MENU = (
    MenuItem("staff:dashboard", _("Overview"), _("Your role here and the pages you can use.")),
    MenuItem(
        "staff:dashboard_today",
        _("Today"),
        _("Today's sessions, unfilled shifts, new requests, certificates to renew."),
    ),
    MenuItem("people:volunteer_list", _("Volunteers"), _("Volunteers, participants and consents.")),
    MenuItem(
        "helprequests:list", _("Help requests"), _("Requests for help, matching and follow-up.")
    ),
    MenuItem("activities:list", _("Activities"), _("Activities, sessions and shifts.")),
    MenuItem("activities:open_shifts", _("Open shifts"), _("Shifts you can sign up for.")),
    MenuItem("activities:my_shifts", _("My shifts"), _("The shifts you have signed up for.")),
    MenuItem("helprequests:mine", _("People I help"), _("The requests you are assigned to.")),
    MenuItem("hours:list", _("Hours"), _("Log hours, approve them and export the month.")),
    MenuItem(
        "annualreport:list",
        _("Annual report"),
        _("The year's report from your own records, for your federation and municipality."),
    ),
    MenuItem(
        "networkspace:list",
        _("Experience networks"),
        _("Posts, meeting notes, files and figures shared with other centres."),
    ),
    MenuItem(
        "people:me", _("My volunteer profile"), _("Your contact details, availability, consents.")
    ),
    MenuItem("staff:members", _("Members"), _("Everyone with a role at this centre.")),
    MenuItem(
        "staff:invite",
        _("Invite someone"),
        _("E-mail an invitation to become a coordinator or volunteer here."),
    ),
    MenuItem(
        "staff:tokens",
        _("API tokens"),
        _("Keys that let your own programs use this centre's API in your name."),
    ),
    MenuItem(
        "audit:list", _("Audit log"), _("Who signed in here, and who viewed or changed what.")
    ),
    MenuItem("staff:profile", _("Your account"), _("Your name, e-mail address and role here.")),
)
