"""Organisation numbers checked with python-stdnum, by the country of the centre's
federation: Norway's organisasjonsnummer (9 digits, modulus 11), Denmark's CVR number
(8 digits, modulus 11)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from stdnum.dk import cvr
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.no import orgnr

from toolkit.errors import ApplicationError

FIELD = "organisation_number"


def organisation_number_clean(value: str, *, country: str) -> str:
    """The number as digits only ("" when none was given); ApplicationError on the field
    when it is not a valid number of `country` ("NO" or "DK")."""
    value = (value or "").strip()
    if not value:
        return ""
    if country == "DK":
        module = cvr
        wrong_form = _("A CVR number has 8 digits, for example 13585628.")
        wrong_digits = _("This CVR number does not exist: check the digits.")
    else:
        module = orgnr
        wrong_form = _("An organisation number has 9 digits, for example 988 077 917.")
        wrong_digits = _("This organisation number does not exist: check the digits.")
    try:
        return module.validate(value)
    except InvalidChecksum:
        raise ApplicationError(wrong_digits, field=FIELD) from None
    except ValidationError:
        raise ApplicationError(wrong_form, field=FIELD) from None


def organisation_number_display(value: str, *, country: str) -> str:
    """How the number is written in its country ("988 077 917", "13585628")."""
    if not value:
        return ""
    return cvr.format(value) if country == "DK" else orgnr.format(value)
