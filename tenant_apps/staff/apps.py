from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """A centre's own pages for its people: dashboard, members, profile, API tokens."""

    name = "tenant_apps.staff"
    label = "staff"
    verbose_name = _("Centre staff")
