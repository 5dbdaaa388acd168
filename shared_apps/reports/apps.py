from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Submitted annual reports, frozen in the shared schema; their lists, pages and PDF for
    federations and municipalities."""

    name = "shared_apps.reports"
    label = "reports"
    verbose_name = _("Annual report snapshots")
