"""How the audit log reads the association directory's events (discovered by
tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.associations.models import Association
from tenant_apps.audit.messages import each, register_message, register_subject

STATUSES = dict(Association.Status.choices)
FIELD_LABELS = {
    field.name: field.verbose_name
    for field in Association._meta.get_fields()
    if hasattr(field, "verbose_name")
}


def _names(ids: set[str]) -> dict[str, str]:
    associations = Association.objects.filter(
        pk__in=[int(subject_id) for subject_id in ids if subject_id.isdigit()]
    )
    return {str(association.pk): association.name for association in associations}


register_subject(
    "association",
    _("Association"),
    deleted=_("deleted association"),
    names=_names,
    view_name="associations:staff_detail",
)
register_message("association.created", _("Added to the directory"))
register_message(
    "association.updated", _("Changed: %(fields)s"), formats={"fields": each(FIELD_LABELS)}
)
register_message(
    "association.status_changed",
    _("Status changed from %(previous)s to %(status)s"),
    formats={"previous": STATUSES, "status": STATUSES},
)
register_message("association.membership_set", _("Member association since %(since)s"))
register_message("association.membership_ended", _("Membership ended"))
register_message("association.contact_invited", _("%(email)s invited as contact"))
register_message("association.contact_removed", _("%(email)s no longer a contact"))
