from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardConfig(AppConfig):
    name = "tenant_apps.award"
    label = "award"
    verbose_name = _("Volunteer award")
