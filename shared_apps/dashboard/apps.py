from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The federation's statistics pages: national totals, trends, breakdowns, comparison,
    exports."""

    name = "shared_apps.dashboard"
    label = "dashboard"
    verbose_name = _("Federation dashboard")
