"""Billing in the shared schema: plans, who pays per federation, the Stripe customer and
subscription of each payer, their invoices, and every Stripe event already handled."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Centre, Currency, Federation


class Interval(models.TextChoices):
    MONTH = "month", _("Monthly")
    YEAR = "year", _("Yearly")


class Plan(models.Model):
    """A price per centre per month or year, in NOK or DKK."""

    name = models.CharField(_("name"), max_length=100)
    interval = models.CharField(_("billed"), max_length=5, choices=Interval.choices)
    amount = models.DecimalField(
        _("price per centre"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # The Stripe price (or plan) the subscription uses; made when the plan is first used.
    stripe_price_id = models.CharField(_("Stripe price"), max_length=100, blank=True)
    is_active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["currency", "interval", "amount"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="billing_plan_amount_not_negative"
            )
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} {self.currency}/{self.interval})"


class Payer(models.TextChoices):
    CENTRE = "centre", _("Each centre pays for itself")
    FEDERATION = "federation", _("The federation pays for all its centres")


class FederationBilling(models.Model):
    """Who pays for a federation's centres."""

    federation = models.OneToOneField(
        Federation, on_delete=models.CASCADE, related_name="billing", verbose_name=_("federation")
    )
    payer = models.CharField(
        _("who pays"), max_length=20, choices=Payer.choices, default=Payer.CENTRE
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("federation billing")
        verbose_name_plural = _("federation billing")

    def __str__(self) -> str:
        return f"{self.federation_id}: {self.payer}"


class BillingAccount(models.Model):
    """Who is billed: one centre, or a federation for all its centres; its Stripe customer and
    subscription, and the subscription's state as Stripe last told it."""

    centre = models.OneToOneField(
        Centre, on_delete=models.CASCADE, null=True, blank=True, related_name="billing_account"
    )
    federation = models.OneToOneField(
        Federation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="billing_account",
    )
    stripe_customer_id = models.CharField(max_length=100, blank=True)
    stripe_subscription_id = models.CharField(max_length=100, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True)
    # Stripe's own words: active, trialing, past_due, unpaid, canceled, incomplete …
    subscription_status = models.CharField(max_length=30, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    # When the first unpaid invoice made the payer past due; the grace period counts from here.
    past_due_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(centre__isnull=False, federation__isnull=True)
                    | models.Q(centre__isnull=True, federation__isnull=False)
                ),
                name="billing_account_one_payer",
            ),
            models.UniqueConstraint(
                fields=["stripe_customer_id"],
                condition=~models.Q(stripe_customer_id=""),
                name="billing_account_customer_unique",
            ),
        ]
        verbose_name = _("billing account")
        verbose_name_plural = _("billing accounts")

    def __str__(self) -> str:
        return f"account {self.pk} ({'centre' if self.centre_id else 'federation'})"


class Invoice(models.Model):
    """A Stripe invoice of a billing account, as Stripe last described it."""

    account = models.ForeignKey(BillingAccount, on_delete=models.CASCADE, related_name="invoices")
    stripe_invoice_id = models.CharField(max_length=100, unique=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20)
    amount_due = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    created_at = models.DateTimeField(_("date"))
    hosted_invoice_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number or self.stripe_invoice_id


class WebhookEvent(models.Model):
    """A Stripe event that was received: its id is unique, so each is handled once."""

    stripe_event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField()
    # Set for the types billing acts on; unknown types are acknowledged and ignored.
    is_handled = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.stripe_event_id} ({self.type})"
