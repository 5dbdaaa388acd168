"""URLs of a centre's host (<slug>.PLATFORM_DOMAIN), always inside that centre's schema.

Every view declares who may use it (shared_apps.accounts.access).
"""

from django.urls import include, path
from django.views.i18n import set_language

from shared_apps.accounts.access import session_endpoint
from tenant_apps.home import views as home_views
from tenant_apps.staff import views as staff_views

urlpatterns = [
    path("", home_views.home, name="centre-home"),
    path("", include("tenant_apps.home.urls")),
    path("robots.txt", home_views.robots_txt, name="robots"),
    path("sitemap.xml", home_views.sitemap_xml, name="sitemap"),
    path("account/", include("shared_apps.accounts.urls")),
    path("account/two-factor/", include("shared_apps.accounts.urls_two_factor")),
    path("staff/site/", include("tenant_apps.home.staff_urls")),
    path("staff/", include("tenant_apps.staff.urls")),
    path("staff/audit/", include("tenant_apps.audit.urls")),
    path("people/", include("tenant_apps.people.urls")),
    path("help/", include("tenant_apps.helprequests.urls")),
    path("activities/", include("tenant_apps.activities.urls")),
    # The "Today" page moved from the hours app to staff; its first address still leads there.
    path("hours/dashboard/", staff_views.dashboard_today_moved, name="hours-dashboard-moved"),
    path("hours/", include("tenant_apps.hours.urls")),
    path("networks/", include("tenant_apps.networkspace.urls")),
    path("annual-report/", include("tenant_apps.annualreport.urls")),
    path("associations/", include("tenant_apps.associations.urls")),
    path("events/", include("tenant_apps.events.urls")),
    path("privacy/", include("tenant_apps.privacy.urls")),
    path("api/v1/", include("config.urls_api")),
    # Citizens' forms of the public site (no sign-in).
    path("become-a-volunteer/", include("tenant_apps.people.public_urls")),
    path("ask-for-help/", include("tenant_apps.helprequests.public_urls")),
    path("sign-up/", include("tenant_apps.activities.public_urls")),
    path("award/", include("tenant_apps.award.urls")),
    path("centre/", include("tenants.urls_centre")),
    path("centre/billing/", include("shared_apps.billing.urls_centre")),
    path("i18n/setlang/", session_endpoint(set_language), name="set_language"),
]

# Styled, translated error pages with the host's menu and a way back.
handler400 = "config.error_views.bad_request"
handler403 = "config.error_views.permission_denied"
handler404 = "config.error_views.page_not_found"
handler500 = "config.error_views.server_error"
