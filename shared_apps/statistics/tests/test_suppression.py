"""Small counts of people never show, and cannot be recovered by subtraction."""

from decimal import Decimal

from shared_apps.statistics.suppression import Shown, shown, suppress_line, suppress_table


def texts(parts: dict) -> dict:
    return {key: str(value) for key, value in parts.items()}


def test_a_single_figure_below_five_is_hidden_and_zero_is_shown():
    assert str(shown(3, is_people_count=True)) == "<5"
    assert str(shown(5, is_people_count=True)) == "5"
    assert str(shown(0, is_people_count=True)) == "0"
    assert str(shown(3, is_people_count=False)) == "3"  # hours, activities: not people
    assert str(shown(Decimal("12.00"), is_people_count=False)) == "12"


def test_a_lone_hidden_part_takes_the_smallest_other_part_with_it():
    parts, total = suppress_line({"18_29": 3, "30_59": 40, "60_79": 9, "80_plus": 20})

    # 3 alone would be total - 40 - 9 - 20: the 9 is hidden as well
    assert texts(parts) == {"18_29": "<5", "30_59": "40", "60_79": "<5", "80_plus": "20"}
    assert str(total) == "72"
    assert parts["60_79"].number is None and parts["60_79"].value == 9


def test_two_hidden_parts_protect_each_other():
    parts, total = suppress_line({"a": 2, "b": 4, "c": 30})

    assert texts(parts) == {"a": "<5", "b": "<5", "c": "30"}
    assert str(total) == "36"


def test_when_no_other_part_can_be_hidden_the_total_is():
    parts, total = suppress_line({"a": 2, "b": 0})

    assert texts(parts) == {"a": "<5", "b": "0"}
    assert total.is_suppressed


def test_a_table_is_safe_in_rows_and_columns():
    # Rows: regions; columns: age bands
    values = {
        ("north", "young"): 3,
        ("north", "old"): 50,
        ("south", "young"): 20,
        ("south", "old"): 60,
    }
    table = suppress_table(values, rows=["north", "south"], columns=["young", "old"])

    hidden = {key for key, cell in table.cells.items() if cell.is_suppressed}
    # Every row and column with a hidden cell has at least two (or a hidden total)
    for row in ("north", "south"):
        in_row = [key for key in hidden if key[0] == row]
        assert len(in_row) != 1 or table.row_totals[row].is_suppressed
    for column in ("young", "old"):
        in_column = [key for key in hidden if key[1] == column]
        assert len(in_column) != 1 or table.column_totals[column].is_suppressed
    assert ("north", "young") in hidden
    assert str(table.total) == "133"


def test_counts_that_are_not_people_are_never_hidden():
    parts, total = suppress_line({"a": 2, "b": 30}, is_people_count=False)
    assert texts(parts) == {"a": "2", "b": "30"} and str(total) == "32"


def test_a_shown_value_is_written_the_readers_way():
    from django.utils import translation

    assert str(Shown(Decimal("10.50"))) == "10.5"
    assert str(Shown(Decimal("10.00"))) == "10"
    assert str(Shown(Decimal("7856.50"))) == "7,856.5"
    with translation.override("nb"):
        assert str(Shown(Decimal("7856.50"))) == "7\xa0856,5"
    with translation.override("da"):
        assert str(Shown(7856)) == "7.856"
