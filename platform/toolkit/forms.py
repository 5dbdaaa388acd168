"""Form fields that read input the way people in Norway and Denmark write it.

- `LocalizedDecimalField`: "1,5" and "1.5" both mean one and a half; a text input parsed on
  the server in the active language, never the browser's `type=number` (whose locale the
  browser picks, and which turned "1,5" into 15 in some browsers).
- `PhoneNumberField`: a Norwegian or Danish number as people type it ("912 34 567",
  "+45 20 12 34 56"), checked with `phonenumbers` and stored in E.164 ("+4791234567").
"""

from __future__ import annotations

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "NO"


class LocalizedDecimalField(forms.DecimalField):
    def __init__(self, **kwargs) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # The phone keyboard with digits and the decimal mark; no browser-side parsing.
        attrs["inputmode"] = "decimal"
        return attrs


def phone_number_e164(text: str, *, region: str = DEFAULT_REGION) -> str:
    """`text` as an E.164 number; raises ValueError when it is no valid phone number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_number_display(stored: str, *, region: str = DEFAULT_REGION) -> str:
    """A stored number as people read it: national form at home ("912 34 567"), else
    international ("+45 20 12 34 56"); text that is no number is shown as it is."""
    try:
        number = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    home = phonenumbers.region_code_for_number(number) == region
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


class PhoneNumberField(forms.CharField):
    default_error_messages = {
        "invalid": _("Enter a phone number, for example 912 34 567 or +45 20 12 34 56."),
    }

    def __init__(self, *, region: str = DEFAULT_REGION, **kwargs) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.region = region

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return text
        try:
            return phone_number_e164(text, region=self.region)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, str) and value.startswith("+"):
            return phone_number_display(value, region=self.region)
        return value
