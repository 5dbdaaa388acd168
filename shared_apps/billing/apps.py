from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Plans, who pays, Stripe subscriptions and invoices, webhooks and dunning (shared
    schema). Never deletes data and never suspends a centre; it only moves a centre between
    active, past_due and read_only."""

    name = "shared_apps.billing"
    label = "billing"
    verbose_name = _("Billing")
