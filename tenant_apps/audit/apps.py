from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who viewed or changed sensitive records of this centre, kept in its own schema."""

    name = "tenant_apps.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tenant_apps.audit.signals import record_sign_in

        user_logged_in.connect(record_sign_in, dispatch_uid="audit_record_sign_in")
        # Apps above the log say how their events read (see tenant_apps/audit/messages.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("audit_messages")
