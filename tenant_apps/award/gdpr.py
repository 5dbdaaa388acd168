"""What the award holds about a nominator or a nominee, found by e-mail address (the
nominator's, or one written in how to reach the nominee), for export and erasure (registry:
toolkit.personal_data; discovered by tenant_apps.privacy)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.award.models import Nomination
from toolkit.personal_data import ERASED_NAME, Person, json_ready, register_contact_data


def nominations_anonymise(ids, *, email: str = "") -> int:
    """Remove the names and contact details of these nominations: the nominator's, and the
    nominee's with the reason (unless `email` is given and only the nominator's matches). A
    published winner is taken off the site. The nomination stays, so the round's counts do."""
    changed = 0
    for nomination in Nomination.objects.select_for_update().filter(pk__in=list(ids)):
        is_nominator = not email or nomination.nominator_email.lower() == email.lower()
        is_nominee = not email or email.lower() in nomination.nominee_contact.lower()
        if is_nominator:
            nomination.nominator_name = ERASED_NAME
            nomination.nominator_email = nomination.nominator_phone = ""
        if is_nominee:
            nomination.nominee_name = ERASED_NAME
            nomination.nominee_contact = nomination.reason = ""
            nomination.public_name = nomination.citation = ""
            nomination.published_at = None
        nomination.save()
        changed += 1
    return changed


def _nominations_of(person: Person):
    if not person.email:
        return Nomination.objects.none()
    return Nomination.objects.filter(
        Q(nominator_email__iexact=person.email) | Q(nominee_contact__icontains=person.email)
    )


def _export(person: Person) -> list[dict]:
    nominations = _nominations_of(person).select_related("award_round")
    return [
        json_ready(
            {
                "award": nomination.award_round.title,
                "nominee": nomination.nominee_name,
                "how_to_reach_the_nominee": nomination.nominee_contact,
                "reason": nomination.reason,
                "nominated_by": nomination.nominator_name,
                "nominator_email": nomination.nominator_email,
                "nominator_phone": nomination.nominator_phone,
                "status": nomination.get_status_display(),
                "received": nomination.created_at,
                "published_as": nomination.public_name,
            }
        )
        for nomination in nominations
    ]


def _erase(person: Person) -> int:
    ids = list(_nominations_of(person).values_list("pk", flat=True))
    return nominations_anonymise(ids, email=person.email)


register_contact_data(
    key="award.nominations",
    models=("award.Nomination",),
    title=_("Award nominations"),
    export=_export,
    erase=_erase,
    kept=_("The nomination stays, without names, so the round's count stays."),
)
