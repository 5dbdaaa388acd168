"""Billing forms: a new plan (operators), who pays (federation), which plan to subscribe to."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shared_apps.billing.models import Interval, Payer
from tenants.models import Currency
from toolkit.forms import LocalizedDecimalField


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    interval = forms.ChoiceField(label=_("Billed"), choices=Interval.choices)
    amount = LocalizedDecimalField(
        label=_("Price per centre"), max_digits=10, decimal_places=2, min_value=0
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)


class PayerForm(forms.Form):
    payer = forms.ChoiceField(label=_("Who pays"), choices=Payer.choices)

    def __init__(self, *args, federation, **kwargs):
        kwargs.setdefault("auto_id", f"{federation.slug}-payer-%s")
        super().__init__(*args, **kwargs)


class SubscribeForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None, empty_label=None)

    def __init__(self, *args, plans, auto_id="subscribe-%s", **kwargs):
        super().__init__(*args, auto_id=auto_id, **kwargs)
        self.fields["plan"].queryset = plans
