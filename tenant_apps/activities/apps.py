from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "tenant_apps.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from tenant_apps.activities import receivers
        from tenant_apps.people.signals import volunteer_deleting

        volunteer_deleting.connect(
            receivers.withdraw_from_coming_shifts,
            dispatch_uid="activities.withdraw_from_coming_shifts",
        )
