"""How the audit log reads the annual report's events (discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import register_message, register_subject

register_subject(
    "annual_report",
    _("Annual report"),
    # The subject id is the year, which names the report well enough.
    names=lambda years: {year: year for year in years},
    view_name="annualreport:detail",
)
register_message("annual_report.submitted", _("Submitted as version %(version)s"))
register_message("annual_report.reopened", _("Reopened to correct"))
