"""How the audit log reads the help requests app's events and names its requests
(discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import register_message, register_subject
from tenant_apps.helprequests.models import HelpRequest

STATUSES = dict(HelpRequest.Status.choices)


def _names(ids: set[str]) -> dict[str, str]:
    requests = HelpRequest.objects.filter(
        pk__in=[int(subject_id) for subject_id in ids if subject_id.isdigit()]
    ).select_related("request_type", "participant")
    return {
        str(request.pk): _("%(type)s for %(participant)s")
        % {"type": request.request_type.name, "participant": request.participant.full_name}
        for request in requests
    }


register_subject(
    "help_request",
    _("Help request"),
    deleted=_("deleted help request"),
    names=_names,
    view_name="helprequests:detail",
)
register_message("help_request.created", _("Request taken: %(type_name)s"))
register_message("help_request.details_changed", _("Details changed"))
register_message(
    "help_request.status_changed",
    _("Status changed from %(previous)s to %(status)s"),
    formats={"previous": STATUSES, "status": STATUSES},
)
register_message(
    "help_request.volunteer_assigned",
    _("%(volunteer)s assigned; status changed from %(previous)s to %(status)s"),
    formats={"previous": STATUSES, "status": STATUSES},
    subjects={"volunteer": "volunteer"},
)
register_message(
    "help_request.assignment_ended",
    _("%(volunteer)s no longer helps"),
    subjects={"volunteer": "volunteer"},
)
register_message("help_request.reopened", _("Reopened"))
register_message("help_request.note_added", _("Follow-up note added"))
register_message("help_request.listed", _("The list of help requests"))
register_message("help_request.mine_listed", _("The requests they help with"))
