from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """GDPR in a centre: export and erasure of one person's data, retention rules and their
    scheduled run, the record of processing activities."""

    name = "tenant_apps.privacy"
    label = "privacy"
    verbose_name = _("Privacy (GDPR)")

    def ready(self) -> None:
        # Each app says what it holds about a person in its own gdpr.py (see
        # toolkit/personal_data.py), as it says how its audit events read.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("gdpr")
