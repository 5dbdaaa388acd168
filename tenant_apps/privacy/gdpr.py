"""What privacy itself holds about a volunteer: the reminder that they were inactive
(registry: toolkit.personal_data)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tenant_apps.privacy.models import InactivityNotice
from toolkit.personal_data import VOLUNTEER, Person, records, register_personal_data


def _erase(person: Person) -> int:
    deleted, _by_model = InactivityNotice.objects.filter(volunteer_id=person.pk).delete()
    return deleted


register_personal_data(
    kind=VOLUNTEER,
    key="privacy.inactivity_notice",
    models=("privacy.InactivityNotice",),
    title=_("Inactivity reminders"),
    export=lambda person: records(
        InactivityNotice.objects.filter(volunteer_id=person.pk).values("sent_at", "emailed")
    ),
    erase=_erase,
)
