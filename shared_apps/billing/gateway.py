"""The one place that talks to Stripe (the `stripe` library): on only with STRIPE_SECRET_KEY;
STRIPE_API_BASE points it at a local emulator (localstripe) in tests and the demo."""

from __future__ import annotations

import stripe
from django.conf import settings


def billing_is_enabled() -> bool:
    """Billing runs only with a Stripe secret key; without one, the pages say so."""
    return bool(settings.STRIPE_SECRET_KEY)


def uses_emulator() -> bool:
    """A local Stripe emulator has no Checkout or customer portal: subscribe directly."""
    return not settings.STRIPE_USE_CHECKOUT


def stripe_api():
    """The `stripe` module, pointed at the configured Stripe (or emulator) with the key."""
    stripe.api_key = settings.STRIPE_SECRET_KEY
    stripe.api_base = settings.STRIPE_API_BASE or "https://api.stripe.com"
    stripe.max_network_retries = 0 if settings.STRIPE_API_BASE else 2
    return stripe
