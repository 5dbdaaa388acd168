"""How the audit log reads GDPR events (discovered by tenant_apps.audit)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import as_date, register_message, register_subject
from tenant_apps.privacy.models import ProcessingActivity


def _processing_names(ids: set[str]) -> dict[str, str]:
    found = ProcessingActivity.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    return {str(activity.pk): activity.name for activity in found}


register_subject("retention_rules", _("Retention rules"))
register_subject(
    "processing_activity",
    _("Processing activity"),
    deleted=_("deleted processing activity"),
    names=_processing_names,
    view_name="privacy:processing_edit",
)

register_subject("contact", _("Contact from a public form"))
# Sign-ups and nominations are named by activities' and award's audit_messages.py.
register_subject("event_registration", _("Event registration"))
for subject_type in ("session_signup", "event_registration", "nomination"):
    register_message(
        f"{subject_type}.anonymised",
        _("Anonymised by the retention rules; ended %(ended_on)s"),
        formats={"ended_on": as_date},
    )
for kind in ("volunteer", "participant", "account", "contact"):
    register_message(f"{kind}.exported", _("Personal data exported (%(format)s)"))
for kind in ("volunteer", "participant", "contact"):
    register_message(f"{kind}.erased", _("Personal data erased (%(records)s records changed)"))
register_message("account.erased", _("Account erased by its owner"))
register_message(
    "volunteer.inactivity_reminded",
    _("Reminded of anonymisation; last active %(last_active)s"),
    formats={"last_active": as_date},
)
register_message(
    "volunteer.anonymised",
    _("Anonymised by the retention rules; last active %(last_active)s"),
    formats={"last_active": as_date},
)
register_message("participant.anonymised", _("Anonymised by the retention rules"))
register_message(
    "help_request.anonymised",
    _("Anonymised by the retention rules; closed %(closed_on)s"),
    formats={"closed_on": as_date},
)
register_message("retention.applied", _("Retention rules applied: %(changes)s changes"))
register_message(
    "retention_rules.updated",
    _(
        "Rules changed: help requests %(help_request_years)s years, volunteers "
        "%(volunteer_inactive_months)s + %(volunteer_notice_months)s months"
    ),
)
register_message("processing_activity.created", _("Added to the record of processing"))
register_message("processing_activity.updated", _("Changed in the record of processing"))
register_message("processing_activity.deleted", _("Removed: %(name)s"))
