"""URLs of the platform host (PLATFORM_DOMAIN): federation, municipality and operator pages.

Every view declares who may use it (shared_apps.accounts.access); Django admin checks
staff status itself.
"""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from shared_apps.accounts.access import session_endpoint
from tenants import views as tenant_views

urlpatterns = [
    path("", tenant_views.landing, name="landing"),
    path("account/", include("shared_apps.accounts.urls")),
    path("account/two-factor/", include("shared_apps.accounts.urls_two_factor")),
    path("", include("shared_apps.portal.urls")),
    path("federation/statistics/", include("shared_apps.dashboard.urls")),
    path("networks/", include("shared_apps.networks.urls")),
    path("reports/", include("shared_apps.reports.urls")),
    path("centres/", include("tenants.urls_platform")),
    path("billing/", include("shared_apps.billing.urls_platform")),
    path("federation/processing-template/", include("shared_apps.ropa.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", session_endpoint(set_language), name="set_language"),
]

# Styled, translated error pages with the host's menu and a way back.
handler400 = "config.error_views.bad_request"
handler403 = "config.error_views.permission_denied"
handler404 = "config.error_views.page_not_found"
handler500 = "config.error_views.server_error"
