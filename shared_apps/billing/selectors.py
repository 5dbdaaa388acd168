"""Reads of billing for the pages: a payer's plan, status and invoices; overviews."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from shared_apps.billing.models import BillingAccount, FederationBilling, Invoice, Payer, Plan
from tenants.models import Centre, Federation


@dataclass(frozen=True)
class CentreBilling:
    centre: Centre
    payer: str
    account: BillingAccount | None
    invoices: list[Invoice]
    plans: list[Plan]


def offered_plans(*, currency: str) -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True, currency=currency)


def federation_payer(*, federation: Federation) -> str:
    billing = FederationBilling.objects.filter(federation=federation).first()
    return billing.payer if billing else Payer.CENTRE


def centre_billing(*, centre: Centre) -> CentreBilling:
    """What a centre's manager sees: who pays, the subscription, invoices and plans."""
    payer = federation_payer(federation=centre.federation)
    if payer == Payer.FEDERATION:
        account = BillingAccount.objects.filter(federation_id=centre.federation_id).first()
    else:
        account = BillingAccount.objects.filter(centre=centre).first()
    account = BillingAccount.objects.select_related("plan").get(pk=account.pk) if account else None
    invoices = list(account.invoices.all()[:24]) if account and payer == Payer.CENTRE else []
    return CentreBilling(
        centre=centre,
        payer=payer,
        account=account,
        invoices=invoices,
        plans=list(offered_plans(currency=centre.federation.currency)),
    )


@dataclass(frozen=True)
class FederationBillingOverview:
    federation: Federation
    payer: str
    account: BillingAccount | None
    invoices: list[Invoice]
    plans: list[Plan]
    centres: list[tuple[Centre, BillingAccount | None]]


def federation_billing_overviews(*, federations) -> list[FederationBillingOverview]:
    """Per federation: who pays, its own subscription and invoices, and each centre's."""
    federations = list(federations)
    payers = {
        billing.federation_id: billing.payer
        for billing in FederationBilling.objects.filter(federation__in=federations)
    }
    accounts = BillingAccount.objects.select_related("plan")
    by_federation = {a.federation_id: a for a in accounts.filter(federation__in=federations)}
    centres = list(
        Centre.objects.filter(federation__in=federations).order_by("federation_id", "name")
    )
    by_centre = {a.centre_id: a for a in accounts.filter(centre__in=centres)}
    overviews = []
    for federation in federations:
        account = by_federation.get(federation.pk)
        overviews.append(
            FederationBillingOverview(
                federation=federation,
                payer=payers.get(federation.pk, Payer.CENTRE),
                account=account,
                invoices=list(account.invoices.all()[:12]) if account else [],
                plans=list(offered_plans(currency=federation.currency)),
                centres=[
                    (centre, by_centre.get(centre.pk))
                    for centre in centres
                    if centre.federation_id == federation.pk
                ],
            )
        )
    return overviews


def all_plans() -> QuerySet[Plan]:
    return Plan.objects.all()
