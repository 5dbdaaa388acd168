from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    """Anonymised statistics: aggregate rows per centre and month, the pipeline that fills them,
    suppression of small counts."""

    name = "shared_apps.statistics"
    label = "statistics"
    verbose_name = _("Federation statistics")
