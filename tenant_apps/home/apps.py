from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "tenant_apps.home"
    label = "centre_home"
    verbose_name = _("Centre home")
