"""The menus of a centre's host: every centre page a person may open, filtered by the
policies that guard them (toolkit.navigation). base.html shows the one for the person's role
on every page (context_processors.site_menu)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.access import roles_for
from shared_apps.accounts.roles import Role
from toolkit.navigation import MenuItem, menu_pages

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
    MenuItem("hours:list", _("Hours"), _("Log hours and follow their approval.")),
    MenuItem(
        "associations:staff_list",
        _("Associations"),
        _("The directory of local associations, registrations and member associations."),
    ),
    MenuItem(
        "events:staff_list",
        _("Events"),
        _("The fair, volunteer days and information meetings, and who registered."),
    ),
    MenuItem(
        "annualreport:list",
        _("Annual report"),
        _("The year's report from your own records, for your federation and municipality."),
    ),
    MenuItem(
        "award:rounds",
        _("Volunteer award"),
        _("Award rounds, nominations from the public, the shortlist and the winner."),
    ),
    MenuItem(
        "networkspace:list",
        _("Experience networks"),
        _("Posts, meeting notes, files and figures shared with other centres."),
    ),
    MenuItem(
        "people:me", _("My volunteer profile"), _("Your contact details, availability, consents.")
    ),
    # The centre's public site (tenant_apps.home).
    MenuItem(
        "sitestaff:overview",
        _("Public website"),
        _("The centre's own site: what it shows, and the calendar to embed elsewhere."),
    ),
    MenuItem("sitestaff:posts", _("News and pages"), _("Write, publish and take down news.")),
    MenuItem(
        "sitestaff:profile",
        _("Centre profile"),
        _("Address, contact, description, logo and colours of the public site."),
    ),
    MenuItem(
        "sitestaff:opening_hours",
        _("Opening hours"),
        _("Regular and periodic opening hours, and days that differ."),
    ),
    MenuItem(
        "sitestaff:settings",
        _("Centre settings"),
        _("Police-certificate validity, confidentiality declaration, reminders."),
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
    MenuItem(
        "privacy:retention",
        _("Privacy (GDPR)"),
        _(
            "Retention rules and their dry run, what is held under an e-mail address, the "
            "record of processing activities."
        ),
    ),
    MenuItem("staff:profile", _("Your account"), _("Your name, e-mail address and role here.")),
    MenuItem("privacy:me", _("Your data"), _("Download what the centre holds about you.")),
    MenuItem(
        "centre:status",
        _("Centre status"),
        _("Whether the centre is on trial, active, past due or read-only, and what to do."),
    ),
    MenuItem(
        "centre_billing:overview",
        _("Billing"),
        _("The centre's plan, subscription and invoices."),
    ),
    MenuItem(
        "associations:mine",
        _("Your association"),
        _("Keep your association's entry in the directory up to date."),
    ),
)

# What a volunteer works with, in the order they need it: the same pages as the staff menu
# offers them, without the staff overview's descriptions of pages they cannot open.
VOLUNTEER_MENU = (
    MenuItem("staff:dashboard", _("Overview")),
    MenuItem("activities:list", _("Activities")),
    MenuItem("activities:open_shifts", _("Open shifts")),
    MenuItem("activities:my_shifts", _("My shifts")),
    MenuItem("activities:my_calendar", _("My calendar")),
    MenuItem("helprequests:mine", _("People I help")),
    MenuItem("hours:list", _("Hours")),
    MenuItem("people:me", _("My volunteer profile")),
    MenuItem("staff:profile", _("Your account")),
    MenuItem("privacy:me", _("Your data")),
)


# An association's contact person: their association's pages and their account, nothing else.
ASSOCIATION_MENU = (
    MenuItem("staff:dashboard", _("Overview")),
    MenuItem("associations:mine", _("Your association")),
    MenuItem("staff:profile", _("Your account")),
)


def centre_menu(request: HttpRequest) -> dict | None:
    """The menu of a centre's host for the signed-in person: staff or volunteer pages they
    may open, or None for a visitor without a role here."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    roles = roles_for(user, request)
    if Role.COORDINATOR in roles:
        marker, label, items = "staff", _("Staff pages"), STAFF_MENU
    elif Role.VOLUNTEER in roles:
        marker, label, items = "volunteer", _("Volunteer pages"), VOLUNTEER_MENU
    elif Role.ASSOCIATION_CONTACT in roles:
        marker, label, items = "association", _("Association pages"), ASSOCIATION_MENU
    else:
        return None
    pages = menu_pages(request, items)
    if not pages:  # e.g. still on the way through two-factor authentication
        return None
    home = next((page.url for page in pages if page.view_name == "staff:dashboard"), None)
    return {"marker": marker, "label": str(label), "pages": pages, "home_url": home}
