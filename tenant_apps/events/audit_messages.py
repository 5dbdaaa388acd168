"""How the audit log reads the events app's events (discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import register_message, register_subject
from tenant_apps.events.models import Event


def _names(ids: set[str]) -> dict[str, str]:
    events = Event.objects.filter(
        pk__in=[int(subject_id) for subject_id in ids if subject_id.isdigit()]
    )
    return {str(event.pk): event.title for event in events}


register_subject(
    "event", _("Event"), deleted=_("deleted event"), names=_names, view_name="events:staff_detail"
)
register_message("event.created", _("Event made"))
register_message("event.updated", _("Event changed"))
register_message("event.stands_set", _("Stands laid out: %(rows)s rows of %(columns)s"))
register_message("event.registration_removed", _("A registration was taken off the list"))
register_message("event.registrations_listed", _("The list of registrations"))
register_message("event.registrations_exported", _("The registrations exported (%(format)s)"))
