from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Experience networks: a federation's groups of centres sharing posts, files and meeting
    notes on one theme."""

    name = "shared_apps.networks"
    label = "networks"
    verbose_name = _("Experience networks")
