"""Every write to the centre's people, one module per subject; import from here.

- `volunteers`    registering, changing, pausing and deleting volunteers
- `participants`  the people the volunteers help
- `consents`      consents given and withdrawn, by either
- `certificates`  police certificates seen, confidentiality declarations signed
- `lists`         the centre's skills, interests and areas
- `applications`  offers to volunteer from the public form, accepted or declined by staff

Each service is atomic and raises ApplicationError (translated message, `field=` the input
it is about) before anything is saved when a rule is broken. Changes to people are recorded
in the centre's audit log, without the personal data itself.
"""

from tenant_apps.people.services.applications import (
    volunteer_application_accept,
    volunteer_application_decline,
    volunteer_apply,
)
from tenant_apps.people.services.certificates import (
    certificate_record,
    confidentiality_declaration_sign,
)
from tenant_apps.people.services.common import actor_label, add_months, age_band_for
from tenant_apps.people.services.consents import consent_give, consent_withdraw
from tenant_apps.people.services.lists import area_create, area_update, skill_create, skill_update
from tenant_apps.people.services.participants import (
    ParticipantChanges,
    participant_create,
    participant_detail_view,
    participant_update,
)
from tenant_apps.people.services.volunteers import (
    EARLIEST_BIRTH_DATE,
    Slot,
    VolunteerChanges,
    volunteer_create,
    volunteer_delete,
    volunteer_detail_view,
    volunteer_set_status,
    volunteer_update,
)

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "ParticipantChanges",
    "Slot",
    "VolunteerChanges",
    "actor_label",
    "add_months",
    "age_band_for",
    "area_create",
    "area_update",
    "certificate_record",
    "confidentiality_declaration_sign",
    "consent_give",
    "consent_withdraw",
    "participant_create",
    "participant_detail_view",
    "participant_update",
    "skill_create",
    "skill_update",
    "volunteer_application_accept",
    "volunteer_application_decline",
    "volunteer_apply",
    "volunteer_create",
    "volunteer_delete",
    "volunteer_detail_view",
    "volunteer_set_status",
    "volunteer_update",
]
