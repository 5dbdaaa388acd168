"""Phone numbers of volunteers and participants: read as people at the centre write them
(without a country code, in the country of the centre's federation), stored in E.164.

Forms use `toolkit.forms.PhoneNumberField` with `centre_phone_region()`; the API checks
the same way with `PhoneNumberSerializerField`; pages show numbers with `{{ x.phone|phone:... }}`.
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from toolkit.forms import DEFAULT_REGION, phone_number_e164

INVALID_PHONE = _("Enter a phone number, for example 912 34 567 or +45 20 12 34 56.")


def centre_phone_region() -> str:
    """The country whose numbers need no country code at this centre (its federation's)."""
    federation = getattr(getattr(connection, "tenant", None), "federation", None)
    return getattr(federation, "country", "") or DEFAULT_REGION


class PhoneNumberSerializerField(serializers.CharField):
    """A phone number in the API: checked like the forms' field, given back in E.164."""

    default_error_messages = {"invalid_phone": INVALID_PHONE}

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> str:
        text = super().to_internal_value(data)
        if not text:
            return text
        try:
            return phone_number_e164(text, region=centre_phone_region())
        except ValueError:
            self.fail("invalid_phone")
