from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The platform host's pages for federation staff and municipality viewers."""

    name = "shared_apps.portal"
    label = "portal"
    verbose_name = _("Federation and municipality portal")
