"""Django strings its own nb catalogue lacks are translated by ours."""

import pytest
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from toolkit.catalogue import DJANGO_STRINGS


@pytest.mark.parametrize("language", ["nb", "da"])
def test_every_listed_django_string_is_translated(language):
    with translation.override(language):
        assert [translation.gettext(text) == text for text in DJANGO_STRINGS] == [False] * len(
            DJANGO_STRINGS
        )


def test_the_empty_choice_of_a_select_reads_in_norwegian_and_danish():
    with translation.override("nb"):
        assert str(BLANK_CHOICE_LABEL) == "- Velg -"
    with translation.override("da"):
        assert str(BLANK_CHOICE_LABEL) == "- Vælg -"
