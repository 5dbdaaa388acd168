from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RopaConfig(AppConfig):
    """Each federation's template of a record of processing activities (GDPR art. 30), which
    its centres copy into their own schema and then edit (tenant_apps.privacy)."""

    name = "shared_apps.ropa"
    label = "ropa"
    verbose_name = _("Records of processing activities")
