"""Demo billing: plans in NOK and DKK, who pays per federation, a trial with an end date.
No call to Stripe: the demo's Stripe (localstripe) is started by `manage.py demo`."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from shared_apps.billing.models import FederationBilling, Payer, Plan
from tenants.models import Centre, CentreStatus, Federation

DEMO_PLANS = (
    ("Standard", "month", Decimal("249.00"), "NOK"),
    ("Standard", "year", Decimal("2490.00"), "NOK"),
    ("Standard", "month", Decimal("179.00"), "DKK"),
    ("Standard", "year", Decimal("1790.00"), "DKK"),
)


def load_billing_demo(*, write=print) -> None:
    """Plans, payers (each centre pays), and trial end dates for centres on trial."""
    for name, interval, amount, currency in DEMO_PLANS:
        Plan.objects.get_or_create(
            name=name, interval=interval, currency=currency, defaults={"amount": amount}
        )
    for federation in Federation.objects.all():
        FederationBilling.objects.get_or_create(
            federation=federation, defaults={"payer": Payer.CENTRE}
        )
    trial_end = timezone.localdate() + datetime.timedelta(days=30)
    trials = Centre.objects.filter(status=CentreStatus.TRIAL, trial_ends_on__isnull=True)
    updated = trials.update(trial_ends_on=trial_end)
    write(f"  billing: {len(DEMO_PLANS)} plans, {updated} trial end date(s)")
