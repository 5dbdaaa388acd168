from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "tenant_apps.hours"
    label = "hours"
    verbose_name = _("Volunteer hours")

    def ready(self) -> None:
        # Registers the OpenAPI description of the centre API tokens, so the schema has it
        # whichever URLconf is loaded first.
        from tenant_apps.hours import api_docs  # noqa: F401
