"""Input of the federation dashboard."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from shared_apps.dashboard.models import MAXIMUM_HOUR_VALUE
from toolkit.forms import LocalizedDecimalField


class HourValueForm(forms.Form):
    """What an hour of volunteer work is worth, in the federation's currency."""

    hour_value = LocalizedDecimalField(
        label=_("Value of one hour of volunteer work"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAXIMUM_HOUR_VALUE,
        error_messages={"required": _("Enter the value of one hour.")},
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hour_value"].help_text = _(
            "In %(currency)s. Hours × this value is the value of volunteer work on the dashboard."
        ) % {"currency": currency}
