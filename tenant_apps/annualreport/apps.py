from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportConfig(AppConfig):
    """The centre's annual report: figures from its own data, narrative sections, submission."""

    name = "tenant_apps.annualreport"
    label = "annual_report"
    verbose_name = _("Annual report")
