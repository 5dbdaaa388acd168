from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkSpaceConfig(AppConfig):
    """The centre's view of the experience networks it belongs to."""

    name = "tenant_apps.networkspace"
    label = "networkspace"
    verbose_name = _("Experience networks (centre)")
