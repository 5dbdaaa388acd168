"""Billing against localstripe on loopback: subscribing, invoices, signed webhooks handled
once and in any order, dunning (past_due → read_only after the grace period → active when
paid). Checkout and the customer portal, which localstripe lacks, are answered at the
`stripe` library's HTTP boundary (conftest.HostedPagesBoundary)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
import stripe
from django.conf import settings
from django.core import mail
from django.utils import timezone

from shared_apps.billing import services
from shared_apps.billing.models import BillingAccount, Invoice, Payer, Plan, WebhookEvent
from shared_apps.billing.tests.conftest import WEBHOOK_SECRET
from tenants.models import Centre, CentreStatus, CentreStatusChange
from tests.plugin import host_client, in_thread, run_in_threads


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture
def plan(db):
    return services.plan_create(
        name="Standard", interval="month", amount=Decimal("249.50"), currency="NOK"
    )


def _subscribe(client, plan) -> BillingAccount:
    response = client.post("/centre/billing/subscribe/", {"plan": plan.pk})
    assert response.status_code == 302
    return BillingAccount.objects.get(centre__slug="alpha")


def _post_event(platform_client, delivery):
    body, headers = delivery
    return platform_client.post(
        "/billing/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=headers["stripe-signature"],
    )


def _card(number: str, customer: str) -> str:
    method = stripe.PaymentMethod.create(
        type="card", card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    )
    stripe.PaymentMethod.attach(method.id, customer=customer)
    stripe.Customer.modify(customer, invoice_settings={"default_payment_method": method.id})
    return method.id


def _renewal_fails(account: BillingAccount) -> str:
    """The next period's invoice, paid with a card whose authentication fails: Stripe
    (localstripe) marks it failed and the subscription past_due, and says so by webhook."""
    _card("4000002500003155", account.stripe_customer_id)  # needs 3-D Secure
    invoice = stripe.Invoice.create(
        customer=account.stripe_customer_id, subscription=account.stripe_subscription_id
    )
    invoice = stripe.Invoice.pay(invoice.id)
    intent = stripe.PaymentIntent.retrieve(invoice.payment_intent)
    stripe.PaymentIntent._static_request(
        "post",
        f"/v1/payment_intents/{intent.id}/_authenticate",
        params={"client_secret": intent.client_secret, "success": "false"},
    )
    return invoice.id


def _invoice_paid(account: BillingAccount, invoice_id: str) -> None:
    _card("4242424242424242", account.stripe_customer_id)
    stripe.Invoice.pay(invoice_id)


def test_without_a_stripe_key_billing_is_off_and_says_so(
    settings, centre_admin_client, operator_client, platform_client, plan
):
    settings.STRIPE_SECRET_KEY = ""
    page = centre_admin_client.get("/centre/billing/")
    assert page.status_code == 200
    assert 'data-billing="off"' in page.text
    assert 'data-billing="off"' in operator_client.get("/billing/").text
    assert (
        platform_client.post(
            "/billing/webhook/", data=b"{}", content_type="application/json"
        ).status_code
        == 404
    )
    response = centre_admin_client.post("/centre/billing/subscribe/", {"plan": plan.pk})
    assert response.status_code == 302
    assert not BillingAccount.objects.filter(stripe_customer_id__gt="").exists()


def test_a_manager_subscribes_against_localstripe_and_sees_the_invoice(
    stripe_on, centre, centre_admin_client, plan
):
    account = _subscribe(centre_admin_client, plan)
    assert account.stripe_customer_id.startswith("cus_")
    assert account.subscription_status == "active"
    assert account.plan == plan
    customer = stripe.Customer.retrieve(account.stripe_customer_id)
    assert customer.metadata["dugnad_account"] == str(account.pk)
    assert stripe.Plan.retrieve(Plan.objects.get(pk=plan.pk).stripe_price_id).amount == 24950
    # The first invoice reaches us by Stripe's signed webhook.
    page = centre_admin_client.get("/centre/billing/")
    assert "Active" in page.text and "Standard" in page.text


def test_the_first_invoice_arrives_by_signed_webhook_and_is_listed(
    stripe_on, centre, centre_admin_client, platform_client, plan
):
    account = _subscribe(centre_admin_client, plan)
    (delivery,) = stripe_on.wait_for(
        "invoice.payment_succeeded", customer=account.stripe_customer_id
    )
    assert _post_event(platform_client, delivery).json()["outcome"] == "handled"
    invoice = Invoice.objects.get(account=account)
    assert (invoice.status, invoice.amount_due, invoice.currency) == (
        "paid",
        Decimal("249.50"),
        "NOK",
    )
    page = centre_admin_client.get("/centre/billing/")
    assert "249.50 NOK" in page.text


def test_a_forged_or_tampered_event_is_refused(
    stripe_on, centre_admin_client, platform_client, plan
):
    account = _subscribe(centre_admin_client, plan)
    body, headers = stripe_on.wait_for(
        "invoice.payment_succeeded", customer=account.stripe_customer_id
    )[0]
    tampered = body.replace(b'"paid"', b'"open"', 1)
    assert _post_event(platform_client, (tampered, headers)).status_code == 400
    forged = stripe.WebhookSignature._compute_signature(
        f"{int(timezone.now().timestamp())}.{body.decode()}", "whsec_wrong"
    )
    forged_header = {"stripe-signature": f"t={int(timezone.now().timestamp())},v1={forged}"}
    assert _post_event(platform_client, (body, forged_header)).status_code == 400
    assert not WebhookEvent.objects.exists()


def test_unknown_event_types_are_acknowledged_and_ignored(stripe_on, platform_client):
    payload = json.dumps(
        {
            "id": "evt_unknown_1",
            "object": "event",
            "type": "payout.created",
            "data": {"object": {"id": "po_1", "object": "payout"}},
        }
    )
    moment = int(timezone.now().timestamp())
    signature = stripe.WebhookSignature._compute_signature(f"{moment}.{payload}", WEBHOOK_SECRET)
    response = _post_event(
        platform_client, (payload.encode(), {"stripe-signature": f"t={moment},v1={signature}"})
    )
    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"
    assert WebhookEvent.objects.get(stripe_event_id="evt_unknown_1").is_handled is False


def test_failed_payment_past_due_then_read_only_after_grace_then_active_when_paid(
    stripe_on,
    centre,
    centre_admin,
    centre_admin_client,
    coordinator_client,
    platform_client,
    plan,
    django_capture_on_commit_callbacks,
):
    account = _subscribe(centre_admin_client, plan)
    invoice_id = _renewal_fails(account)
    (failed,) = stripe_on.wait_for("invoice.payment_failed", customer=account.stripe_customer_id)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert _post_event(platform_client, failed).json()["outcome"] == "handled"
        # Stripe sends the same event again: nothing happens twice.
        assert _post_event(platform_client, failed).json()["outcome"] == "duplicate"
    centre.refresh_from_db()
    account.refresh_from_db()
    assert centre.status == CentreStatus.PAST_DUE
    assert account.subscription_status == "past_due"
    assert CentreStatusChange.objects.filter(centre=centre, to_status="past_due").count() == 1
    assert [message.to for message in mail.outbox] == [[centre_admin.email]]
    assert Invoice.objects.get(stripe_invoice_id=invoice_id).status == "open"
    # Managers see a banner; everyone can still work.
    assert 'data-centre-notice="past_due"' in centre_admin_client.get("/centre/billing/").text
    assert "data-centre-notice" not in coordinator_client.get("/staff/").text
    assert "A payment failed." in centre_admin_client.get("/centre/status/").text

    # Within the grace period nothing changes; after it, the centre becomes read-only.
    start = account.past_due_since
    grace = datetime.timedelta(days=settings.BILLING_GRACE_DAYS)
    assert services.billing_dunning_run(now=start + grace - datetime.timedelta(hours=1)) == 0
    assert services.billing_dunning_run(now=start + grace + datetime.timedelta(hours=1)) == 1
    centre.refresh_from_db()
    assert centre.status == CentreStatus.READ_ONLY
    assert (
        services.billing_dunning_run(now=start + grace * 2) == 0
    )  # never further, never suspended
    assert coordinator_client.post("/people/").status_code == 403

    _invoice_paid(account, invoice_id)
    (paid,) = [
        delivery
        for delivery in stripe_on.wait_for(
            "invoice.payment_succeeded", customer=account.stripe_customer_id, count=2
        )
        if json.loads(delivery[0])["data"]["object"]["id"] == invoice_id
    ]
    assert _post_event(platform_client, paid).json()["outcome"] == "handled"
    centre.refresh_from_db()
    account.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE
    assert (account.subscription_status, account.past_due_since) == ("active", None)
    assert Invoice.objects.get(stripe_invoice_id=invoice_id).status == "paid"
    sources = list(
        CentreStatusChange.objects.filter(centre=centre)
        .order_by("-id")
        .values_list("to_status", "source")[:3]
    )
    assert sources == [("active", "billing"), ("read_only", "billing"), ("past_due", "billing")]


def test_events_out_of_order_leave_the_state_stripe_has_now(
    stripe_on, centre, centre_admin_client, platform_client, plan
):
    account = _subscribe(centre_admin_client, plan)
    invoice_id = _renewal_fails(account)
    stripe_on.wait_for("invoice.payment_failed", customer=account.stripe_customer_id)
    _invoice_paid(account, invoice_id)
    (failed,) = stripe_on.wait_for("invoice.payment_failed", customer=account.stripe_customer_id)
    (paid,) = [
        delivery
        for delivery in stripe_on.wait_for(
            "invoice.payment_succeeded", customer=account.stripe_customer_id, count=2
        )
        if json.loads(delivery[0])["data"]["object"]["id"] == invoice_id
    ]

    # The payment's event arrives first, the older failure after it.
    assert _post_event(platform_client, paid).json()["outcome"] == "handled"
    assert _post_event(platform_client, failed).json()["outcome"] == "handled"
    centre.refresh_from_db()
    account.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE
    assert account.subscription_status == "active"
    assert Invoice.objects.get(stripe_invoice_id=invoice_id).status == "paid"
    assert not CentreStatusChange.objects.filter(centre=centre, to_status="past_due").exists()


def test_billing_never_reopens_a_centre_an_operator_made_read_only(
    stripe_on, centre, centre_admin_client, platform_client, plan
):
    from tenants.services import centre_change_status

    account = _subscribe(centre_admin_client, plan)
    centre_change_status(centre=centre, to_status="read_only", note="audit", source="operator")
    services.subscription_sync(subscription_id=account.stripe_subscription_id)
    centre.refresh_from_db()
    assert centre.status == CentreStatus.READ_ONLY


def test_checkout_and_the_customer_portal_at_the_http_boundary(
    hosted_pages, centre, centre_admin_client, plan
):
    response = centre_admin_client.post("/centre/billing/subscribe/", {"plan": plan.pk})
    assert response.status_code == 302
    assert response["Location"].startswith("https://stripe.example/checkout.session/")
    path, form = hosted_pages.requests[-1]
    account = BillingAccount.objects.get(centre=centre)
    assert path == "/v1/checkout/sessions"
    assert form["mode"] == "subscription"
    assert form["customer"] == account.stripe_customer_id
    assert form["line_items[0][price]"] == Plan.objects.get(pk=plan.pk).stripe_price_id
    assert form["subscription_data[metadata][dugnad_account]"] == str(account.pk)
    assert form["success_url"].endswith("/centre/billing/?checkout=done")

    response = centre_admin_client.post("/centre/billing/portal/")
    assert response["Location"].startswith("https://stripe.example/billing_portal.session/")
    assert hosted_pages.requests[-1][1]["customer"] == account.stripe_customer_id


def test_when_the_federation_pays_it_subscribes_for_all_its_centres(
    stripe_on, federation_client, centre, centre_admin_client
):
    nok_plan = services.plan_create(
        name="Federation", interval="year", amount=Decimal("1200"), currency="NOK"
    )
    federation_client.post("/billing/payer/", {"federation": "test-nfs", "payer": Payer.FEDERATION})
    response = federation_client.post(
        "/billing/subscribe/", {"federation": "test-nfs", "plan": nok_plan.pk}
    )
    assert response.status_code == 302
    account = BillingAccount.objects.get(federation__slug="test-nfs")
    subscription = stripe.Subscription.retrieve(account.stripe_subscription_id)
    assert (
        subscription["items"]["data"][0]["quantity"]
        == Centre.objects.filter(federation__slug="test-nfs").count()
    )
    page = centre_admin_client.get("/centre/billing/")
    assert "Test NFS pays for this centre" in page.text
    assert (
        centre_admin_client.post("/centre/billing/subscribe/", {"plan": nok_plan.pk}).status_code
        == 403
    )


def test_a_plan_in_another_currency_is_not_offered(stripe_on, centre_admin_client, centre):
    dkk = services.plan_create(
        name="Dansk", interval="month", amount=Decimal("150"), currency="DKK"
    )
    centre_admin_client.post("/centre/billing/subscribe/", {"plan": dkk.pk})
    assert not BillingAccount.objects.filter(centre=centre, stripe_subscription_id__gt="").exists()


def test_billing_pages_by_role(
    operator_client, federation_client, coordinator_client, municipality_client, plan
):
    assert "Standard" in operator_client.get("/billing/").text
    response = operator_client.post(
        "/billing/plans/",
        {"name": "Årlig", "interval": "year", "amount": "2400.00", "currency": "DKK"},
    )
    assert response.status_code == 302
    assert Plan.objects.get(name="Årlig").amount == Decimal("2400.00")
    federation_page = federation_client.get("/billing/")
    assert (
        federation_page.status_code == 200
        and "Test NFS" in federation_page.text
        and "Test FriSe" not in federation_page.text
    )
    assert (
        federation_client.post(
            "/billing/payer/", {"federation": "test-frise", "payer": "federation"}
        ).status_code
        == 403
    )
    assert coordinator_client.get("/centre/billing/").status_code == 403
    assert municipality_client.get("/billing/").status_code == 403


def test_the_same_event_sent_twice_at_once_is_handled_once(db, stripe_on):
    """Stripe retries while the first delivery is still being handled: the unique event id
    lets exactly one of them through."""
    event_id = f"evt_race_{timezone.now().timestamp()}"
    payload = json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "balance.available",
            "data": {"object": {"id": "bal_1", "object": "balance"}},
        }
    )
    moment = int(timezone.now().timestamp())
    signature = stripe.WebhookSignature._compute_signature(f"{moment}.{payload}", WEBHOOK_SECRET)
    delivery = (payload.encode(), {"stripe-signature": f"t={moment},v1={signature}"})

    def deliver():
        return _post_event(host_client(settings.PLATFORM_DOMAIN), delivery).json()["outcome"]

    try:
        outcomes = run_in_threads(*[deliver] * 4)
        assert sorted(outcomes) == ["duplicate", "duplicate", "duplicate", "ignored"]
    finally:
        in_thread(lambda: WebhookEvent.objects.filter(stripe_event_id=event_id).delete())
