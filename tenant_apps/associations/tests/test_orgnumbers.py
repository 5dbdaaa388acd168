"""Organisation numbers are checked with python-stdnum by the centre's country, and a wrong
one is explained in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from tenant_apps.associations.orgnumbers import (
    organisation_number_clean,
    organisation_number_display,
)
from toolkit.errors import ApplicationError


def test_a_norwegian_number_is_kept_as_digits_and_shown_in_groups():
    assert organisation_number_clean("988 077 917", country="NO") == "988077917"
    assert organisation_number_display("988077917", country="NO") == "988 077 917"


def test_a_danish_cvr_number_is_kept_as_digits():
    assert organisation_number_clean("DK 13 58 56 28", country="DK") == "13585628"


def test_no_number_is_allowed():
    assert organisation_number_clean("  ", country="NO") == ""


@pytest.mark.parametrize(
    ("language", "country", "value", "message"),
    [
        ("en", "NO", "988077918", "This organisation number does not exist: check the digits."),
        ("nb", "NO", "988077918", "Dette organisasjonsnummeret finnes ikke: sjekk sifrene."),
        ("da", "NO", "988077918", "Dette organisationsnummer findes ikke: tjek cifrene."),
        ("en", "NO", "12345", "An organisation number has 9 digits, for example 988 077 917."),
        ("nb", "NO", "12345", "Et organisasjonsnummer har 9 sifre, for eksempel 988 077 917."),
        ("en", "DK", "13585627", "This CVR number does not exist: check the digits."),
        ("da", "DK", "13585627", "Dette CVR-nummer findes ikke: tjek cifrene."),
        ("nb", "DK", "13585627", "Dette CVR-nummeret finnes ikke: sjekk sifrene."),
        ("da", "DK", "988077917", "Et CVR-nummer har 8 cifre, for eksempel 13585628."),
    ],
)
def test_a_wrong_number_is_explained_in_the_readers_language(language, country, value, message):
    with translation.override(language), pytest.raises(ApplicationError) as raised:
        organisation_number_clean(value, country=country)

    assert raised.value.field == "organisation_number"
    assert raised.value.message == message
