"""Demo GDPR housekeeping for a centre (a CENTRE_DEMO_STEPS entry, inside its schema): the
retention rules with their defaults, the record of processing activities copied from the
federation's template, an inactive volunteer due for a reminder and a help request closed
long enough ago to be anonymised, and a registration for an event that ended over a year ago
(someone known only by the e-mail address they gave), so that the retention page's dry run
and the search by e-mail address have something to show. Safe to run again."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from tenant_apps.events.models import Event, Registration
from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy import selectors, services
from tenants.contracts import CentreDemo

INACTIVE = {
    "NO": ("Torgeir", "Lundemo", "torgeir.lundemo@example.org"),
    "DK": ("Bent", "Kjærsgaard", "bent.kjaersgaard@example.org"),
}
OLD_PARTICIPANT = {"NO": ("Ragnhild", "Storli"), "DK": ("Inger", "Vestergaard")}
OLD_EVENT = {
    "NO": ("Informasjonsmøte om frivillighet", "Astrid Moen", "astrid.moen@example.org"),
    "DK": ("Informationsmøde om frivillighed", "Karen Holm", "karen.holm@example.org"),
}
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
    title, name, address = OLD_EVENT.get(centre.country, OLD_EVENT["NO"])
    if not Event.objects.filter(title=title).exists():
        starts = timezone.now().replace(minute=0, second=0, microsecond=0) - relativedelta(
            months=rules.public_form_months, days=20
        )
        event = Event.objects.create(
            kind=Event.Kind.INFO_MEETING,
            title=title,
            place="Frivilligsentralen",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=30,
            is_registration_open=False,
        )
        Registration.objects.create(
            event=event,
            kind=Registration.Kind.PERSON,
            name=name,
            email=address,
            places=2,
            language="nb" if centre.country == "NO" else "da",
        )
    due = selectors.retention_plan()
    write(f"  privacy: {made} processing activities, {len(due)} retention changes due")
