"""Demo GDPR housekeeping for a centre (a CENTRE_DEMO_STEPS entry, inside its schema): the
retention rules with their defaults, the record of processing activities copied from the
federation's template, an inactive volunteer due for a reminder and a help request closed
long enough ago to be anonymised, so that the retention page's dry run has something to
show. Safe to run again."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy import selectors, services
from tenants.contracts import CentreDemo

INACTIVE = {
    "NO": ("Torgeir", "Lundemo", "torgeir.lundemo@example.org"),
    "DK": ("Bent", "Kjærsgaard", "bent.kjaersgaard@example.org"),
}
OLD_PARTICIPANT = {"NO": ("Ragnhild", "Storli"), "DK": ("Inger", "Vestergaard")}
OLD_NEED = {"NO": "Handlehjelp etter hofteoperasjon", "DK": "Indkøbshjælp efter hofteoperation"}


def privacy_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: retention rules, a RoPA, and data the rules will act on."""
    rules = selectors.retention_rules()
    made = services.processing_activities_install(centre_id=centre.centre_id)
    today = timezone.localdate()
    first, last, email = INACTIVE.get(centre.country, INACTIVE["NO"])
    if not Volunteer.objects.filter(first_name=first, last_name=last).exists():
        # Inactive since just over the rule's months ago: due for a reminder now.
        Volunteer.objects.create(
            first_name=first,
            last_name=last,
            email=email,
            start_date=today - relativedelta(months=rules.volunteer_inactive_months, days=10),
            status=Volunteer.Status.PAUSED,
        )
    first, last = OLD_PARTICIPANT.get(centre.country, OLD_PARTICIPANT["NO"])
    request_type = RequestType.objects.order_by("position").first()
    if request_type and not Participant.objects.filter(first_name=first, last_name=last).exists():
        participant = Participant.objects.create(first_name=first, last_name=last)
        opened = timezone.now() - relativedelta(years=rules.help_request_years, months=3)
        HelpRequest.objects.create(
            participant=participant,
            request_type=request_type,
            description=OLD_NEED.get(centre.country, OLD_NEED["NO"]),
            status=HelpRequest.Status.CLOSED,
            opened_at=opened,
            closed_at=opened + datetime.timedelta(days=30),
        )
    due = selectors.retention_plan()
    write(f"  privacy: {made} processing activities, {len(due)} retention changes due")
