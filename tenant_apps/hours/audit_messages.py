"""How the audit log reads the hours app's events (discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import as_date, register_message

register_message(
    "hours_export.taken",
    _("Hours from %(date_from)s to %(date_to)s as %(format)s"),
    formats={"date_from": as_date, "date_to": as_date, "format": lambda code: str(code).upper()},
)
