"""File names of exports: the reader's word, in plain ASCII."""

import pytest

from toolkit.filenames import file_part


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("timer", "timer"),
        ("netværk", "netvaerk"),
        ("Frivillige på Østlandet", "frivillige-pa-ostlandet"),
        ("Café/København", "cafe-kobenhavn"),
        ("volunteers.active_in_year", "volunteers.active_in_year"),
        (2026, "2026"),
    ],
)
def test_a_file_name_part_is_plain_ascii(text, part):
    assert file_part(text) == part
