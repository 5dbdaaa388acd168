"""Every write of billing: plans, who pays, subscribing, Stripe's webhooks and dunning.

State always comes from the Stripe object itself (re-fetched when an event arrives), never
from the order events arrive in. Billing moves a centre only between trial/active, past_due
and read_only; it never deletes data and never suspends or closes a centre.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.billing.gateway import billing_is_enabled, stripe_api, uses_emulator
from shared_apps.billing.models import (
    BillingAccount,
    FederationBilling,
    Interval,
    Invoice,
    Payer,
    Plan,
    WebhookEvent,
)
from tenants.models import (
    Centre,
    CentreStatus,
    CentreStatusChange,
    Currency,
    Federation,
    StatusChangeSource,
)
from tenants.services import centre_change_status
from toolkit.errors import ApplicationError

PAID_STATUSES = frozenset({"active", "trialing"})
UNPAID_STATUSES = frozenset({"past_due", "unpaid"})
SUBSCRIPTION_EVENTS = frozenset(
    {
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
    }
)
INVOICE_EVENTS = frozenset(
    {
        "invoice.created",
        "invoice.finalized",
        "invoice.updated",
        "invoice.paid",
        "invoice.payment_succeeded",
        "invoice.payment_failed",
        "invoice.voided",
        "invoice.marked_uncollectible",
    }
)
CHECKOUT_EVENTS = frozenset({"checkout.session.completed"})


class BillingError(ApplicationError):
    """A billing step could not be done."""


class BillingOff(BillingError):
    """No STRIPE_SECRET_KEY: billing is off."""

    http_status = 409


def _require_billing() -> None:
    if not billing_is_enabled():
        raise BillingOff(_("Billing is not set up on this platform."))


def _minor_units(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _from_minor_units(value: int | None) -> Decimal:
    return (Decimal(value or 0) / 100).quantize(Decimal("0.01"))


def _moment(timestamp: int | None) -> datetime.datetime | None:
    if not timestamp:
        return None
    return datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.UTC)


# --- Plans and who pays ------------------------------------------------------------------


def plan_create(*, name: str, interval: str, amount: Decimal, currency: str) -> Plan:
    """Offer a new plan: a price per centre per month or year in NOK or DKK."""
    name = name.strip()
    if not name:
        raise BillingError(_("A plan needs a name."), field="name")
    if interval not in Interval.values:
        raise BillingError(_("Choose monthly or yearly."), field="interval")
    if currency not in Currency.values:
        raise BillingError(_("Choose NOK or DKK."), field="currency")
    if amount is None or amount < 0:
        raise BillingError(_("The price cannot be negative."), field="amount")
    return Plan.objects.create(
        name=name, interval=interval, amount=amount.quantize(Decimal("0.01")), currency=currency
    )


def federation_payer_set(*, federation: Federation, payer: str) -> FederationBilling:
    """Say who pays for the federation's centres: each centre, or the federation for all."""
    if payer not in Payer.values:
        raise BillingError(_("Choose who pays."), field="payer")
    billing, _created = FederationBilling.objects.update_or_create(
        federation=federation, defaults={"payer": payer}
    )
    return billing


def payer_of(*, centre: Centre) -> str:
    billing = FederationBilling.objects.filter(federation_id=centre.federation_id).first()
    return billing.payer if billing else Payer.CENTRE


def billing_account_ensure(*, centre: Centre | None = None, federation: Federation | None = None):
    """The billing account of a centre or a federation, made on first use."""
    if (centre is None) == (federation is None):
        raise BillingError(_("Bill either a centre or a federation."))
    lookup = {"centre": centre} if centre is not None else {"federation": federation}
    try:
        with transaction.atomic():
            account, _created = BillingAccount.objects.get_or_create(**lookup)
    except IntegrityError:
        account = BillingAccount.objects.get(**lookup)
    return account


def _plan_price_ensure(plan: Plan) -> str:
    """The plan's Stripe price, made in Stripe the first time the plan is used."""
    if plan.stripe_price_id:
        return plan.stripe_price_id
    price = stripe_api().Plan.create(
        amount=_minor_units(plan.amount),
        currency=plan.currency.lower(),
        interval=plan.interval,
        product={"name": f"Dugnad {plan.name}"},
        nickname=plan.name,
        metadata={"dugnad_plan": str(plan.pk)},
    )
    Plan.objects.filter(pk=plan.pk, stripe_price_id="").update(stripe_price_id=price.id)
    plan.refresh_from_db(fields=["stripe_price_id"])
    return plan.stripe_price_id


def _customer_ensure(account: BillingAccount, *, name: str, email: str) -> str:
    if account.stripe_customer_id:
        return account.stripe_customer_id
    customer = stripe_api().Customer.create(
        name=name, email=email, metadata={"dugnad_account": str(account.pk)}
    )
    BillingAccount.objects.filter(pk=account.pk).update(stripe_customer_id=customer.id)
    account.stripe_customer_id = customer.id
    return customer.id


def _quantity(account: BillingAccount) -> int:
    if account.federation_id:
        return max(Centre.objects.filter(federation_id=account.federation_id).count(), 1)
    return 1


def _check_plan(account: BillingAccount, plan: Plan) -> None:
    federation = account.federation or account.centre.federation
    if not plan.is_active or plan.currency != federation.currency:
        raise BillingError(_("This plan is not offered to you."), field="plan")
    if account.stripe_subscription_id and account.subscription_status not in (
        "",
        "canceled",
        "incomplete_expired",
    ):
        raise BillingError(_("There is already a subscription: change it in the customer portal."))


def subscription_start(
    *,
    account: BillingAccount,
    plan: Plan,
    name: str,
    email: str,
    success_url: str,
    cancel_url: str,
) -> str | None:
    """Start a subscription to `plan`. With Stripe: a Checkout session, whose address is
    returned to send the person to. With a local emulator (no Checkout): a subscription made
    directly with Stripe's test card; returns None."""
    _require_billing()
    _check_plan(account, plan)
    api = stripe_api()
    price = _plan_price_ensure(plan)
    customer = _customer_ensure(account, name=name, email=email)
    metadata = {"dugnad_account": str(account.pk), "dugnad_plan": str(plan.pk)}
    BillingAccount.objects.filter(pk=account.pk).update(plan=plan)
    if not uses_emulator():
        session = api.checkout.Session.create(
            mode="subscription",
            customer=customer,
            line_items=[{"price": price, "quantity": _quantity(account)}],
            success_url=success_url,
            cancel_url=cancel_url,
            metadata=metadata,
            subscription_data={"metadata": metadata},
        )
        return session.url
    payment_method = api.PaymentMethod.attach("pm_card_visa", customer=customer)
    api.Customer.modify(customer, invoice_settings={"default_payment_method": payment_method.id})
    subscription = api.Subscription.create(
        customer=customer,
        items=[{"plan": price, "quantity": _quantity(account)}],
        metadata=metadata,
    )
    # Stripe's webhooks will say the same; reading it now shows the result at once.
    latest_invoice = getattr(subscription, "latest_invoice", None)
    if latest_invoice:
        invoice_sync(invoice_id=latest_invoice)
    else:
        subscription_sync(subscription_id=subscription.id)
    return None


def portal_session_start(*, account: BillingAccount, return_url: str) -> str:
    """The address of Stripe's customer portal for this payer (card, invoices, cancel)."""
    _require_billing()
    if not account.stripe_customer_id:
        raise BillingError(_("Subscribe first: there is nothing to manage yet."))
    session = stripe_api().billing_portal.Session.create(
        customer=account.stripe_customer_id, return_url=return_url
    )
    return session.url


# --- Stripe's side of the story: webhooks -----------------------------------------------------


def webhook_receive(*, payload: bytes, signature: str) -> str:
    """Verify a Stripe event and handle it once: "handled", "duplicate" or "ignored"."""
    _require_billing()
    api = stripe_api()
    try:
        event = api.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, api.SignatureVerificationError):
        raise BillingError(_("The event's signature is not valid.")) from None
    known = event.type in SUBSCRIPTION_EVENTS | INVOICE_EVENTS | CHECKOUT_EVENTS
    with transaction.atomic():
        if not _event_record(event_id=event.id, event_type=event.type, is_handled=known):
            return "duplicate"
        if not known:
            return "ignored"
        stripe_object = event["data"]["object"].to_dict()
        if event.type in SUBSCRIPTION_EVENTS:
            subscription_sync(subscription_id=stripe_object["id"])
        elif event.type in INVOICE_EVENTS:
            invoice_sync(invoice_id=stripe_object["id"])
        else:
            subscription_id = stripe_object.get("subscription")
            if subscription_id:
                subscription_sync(subscription_id=subscription_id)
    return "handled"


def _event_record(*, event_id: str, event_type: str, is_handled: bool) -> bool:
    """Store the event's id; False if it was stored already. A second delivery running at
    the same time waits for the first to commit, then finds the id taken (no error raised,
    so the transaction stays usable)."""
    table = connection.ops.quote_name(WebhookEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (stripe_event_id, type, received_at, is_handled) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (stripe_event_id) DO NOTHING RETURNING id",
            [event_id, event_type, timezone.now(), is_handled],
        )
        return cursor.fetchone() is not None


def _account_for(stripe_object) -> BillingAccount | None:
    metadata = stripe_object.get("metadata") or {}
    account_id = metadata.get("dugnad_account")
    if account_id and str(account_id).isdigit():
        account = BillingAccount.objects.filter(pk=int(account_id)).first()
        if account is not None:
            return account
    customer = stripe_object.get("customer")
    if customer:
        return BillingAccount.objects.filter(stripe_customer_id=customer).first()
    return None


def subscription_sync(*, subscription_id: str) -> BillingAccount | None:
    """Read the subscription from Stripe and bring the payer and its centres in line."""
    subscription = stripe_api().Subscription.retrieve(subscription_id).to_dict()
    account = _account_for(subscription)
    if account is None:
        return None
    account = BillingAccount.objects.select_for_update().get(pk=account.pk)
    status = subscription["status"]
    is_other = account.stripe_subscription_id not in ("", subscription["id"])
    if is_other and status in ("canceled", "incomplete_expired"):
        return account  # an old subscription ending tells nothing about the current one
    items = subscription["items"]["data"]
    price_id = items[0]["plan"]["id"] if items else ""
    plan = Plan.objects.filter(stripe_price_id=price_id).first() if price_id else None
    account.stripe_subscription_id = subscription["id"]
    account.stripe_customer_id = account.stripe_customer_id or subscription["customer"]
    account.subscription_status = status
    account.current_period_end = _moment(subscription.get("current_period_end"))
    account.plan = plan or account.plan
    now = timezone.now()
    if status in UNPAID_STATUSES:
        account.past_due_since = account.past_due_since or now
    elif status in PAID_STATUSES:
        account.past_due_since = None
    account.save()
    _centres_follow(account, status)
    return account


def invoice_sync(*, invoice_id: str) -> Invoice | None:
    """Read the invoice from Stripe, keep our copy of it, then its subscription."""
    invoice = stripe_api().Invoice.retrieve(invoice_id).to_dict()
    account = _account_for(invoice)
    if account is None and invoice.get("subscription"):
        subscription = stripe_api().Subscription.retrieve(invoice["subscription"]).to_dict()
        account = _account_for(subscription)
    if account is None:
        return None
    stored, _created = Invoice.objects.update_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "account": account,
            "number": invoice.get("number") or "",
            "status": invoice.get("status") or "",
            "amount_due": _from_minor_units(invoice.get("amount_due")),
            "currency": (invoice.get("currency") or "").upper(),
            "created_at": _moment(invoice.get("created") or invoice.get("date")) or timezone.now(),
            "hosted_invoice_url": invoice.get("hosted_invoice_url") or "",
        },
    )
    if invoice.get("subscription"):
        subscription_sync(subscription_id=invoice["subscription"])
    return stored


def _centres_of(account: BillingAccount):
    if account.centre_id:
        return Centre.objects.filter(pk=account.centre_id)
    return Centre.objects.filter(federation_id=account.federation_id)


def _last_change_by_billing(centre: Centre) -> bool:
    last = CentreStatusChange.objects.filter(centre=centre).order_by("-changed_at", "-id").first()
    return last is not None and last.source == StatusChangeSource.BILLING


def _centres_follow(account: BillingAccount, subscription_status: str) -> None:
    """Paid: past_due (and read_only that billing caused) back to active, trial to active.
    Unpaid: trial or active to past_due. Nothing else: billing never suspends or closes."""
    for centre in _centres_of(account).select_related("federation"):
        to_status = None
        if subscription_status == "active":
            if centre.status in (CentreStatus.TRIAL, CentreStatus.PAST_DUE) or (
                centre.status == CentreStatus.READ_ONLY and _last_change_by_billing(centre)
            ):
                to_status = CentreStatus.ACTIVE
        elif subscription_status in UNPAID_STATUSES and centre.status in (
            CentreStatus.TRIAL,
            CentreStatus.ACTIVE,
        ):
            to_status = CentreStatus.PAST_DUE
        if to_status:
            centre_change_status(
                centre=centre,
                to_status=to_status,
                note=_note(to_status),
                source=StatusChangeSource.BILLING,
                notify=True,
            )


def _note(to_status: str) -> str:
    """A code, not words: the status pages and e-mails render it in the reader's language."""
    return {
        CentreStatus.ACTIVE: "billing:payment_received",
        CentreStatus.PAST_DUE: "billing:payment_failed",
        CentreStatus.READ_ONLY: "billing:grace_period_over",
    }[to_status]


# --- Dunning ----------------------------------------------------------------------------


def billing_dunning_run(*, now: datetime.datetime | None = None) -> int:
    """Past due for longer than BILLING_GRACE_DAYS: the payer's past_due centres become
    read_only. Returns how many centres changed."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.BILLING_GRACE_DAYS)
    changed = 0
    accounts = BillingAccount.objects.filter(
        subscription_status__in=UNPAID_STATUSES, past_due_since__lte=limit
    )
    for account in accounts:
        for centre in _centres_of(account).filter(status=CentreStatus.PAST_DUE):
            centre_change_status(
                centre=centre,
                to_status=CentreStatus.READ_ONLY,
                note=_note(CentreStatus.READ_ONLY),
                source=StatusChangeSource.BILLING,
                notify=True,
            )
            changed += 1
    return changed
