from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeTrackingConfig(AppConfig):
    """A centre's change mark: database triggers bump it on every write to data that statistics
    count."""

    name = "tenant_apps.changetracking"
    label = "changetracking"
    verbose_name = _("Change tracking")
