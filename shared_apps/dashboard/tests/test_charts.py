"""The SVG charts: readable axes, a text alternative, hidden figures written as "<5", every text
escaped, and nothing the Content-Security-Policy would block."""

from __future__ import annotations

import re
from decimal import Decimal

from shared_apps.dashboard.charts import (
    BARS,
    COLUMNS,
    HIDDEN,
    LINES,
    Chart,
    Series,
    nice_ticks,
    render_chart,
)


def chart(kind: str, **changes) -> Chart:
    values = {
        "kind": kind,
        "slug": "chart-test",
        "title": "Hours per month",
        "description": "Columns for each month.",
        "labels": ["Jan", "Feb", "Mar"],
        "series": [
            Series("2025", [Decimal("120.5"), HIDDEN, None]),
            Series("2024", [80, 40, 20]),
        ],
        "unit": "Hours",
    }
    return Chart(**{**values, **changes})


def test_ticks_are_round_steps_from_zero_past_the_largest_value():
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(87) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(Decimal("1234.5")) == [0, 500, 1000, 1500]
    assert nice_ticks(Decimal("0.3")) == [0, 0.1, 0.2, 0.3]


def test_every_kind_is_an_image_with_its_title_and_description():
    for kind in (COLUMNS, LINES, BARS):
        svg = str(render_chart(chart(kind)))

        assert svg.startswith("<svg ")
        assert 'role="img"' in svg
        assert 'aria-labelledby="chart-test-title chart-test-desc"' in svg
        assert '<title id="chart-test-title">Hours per month</title>' in svg
        assert '<desc id="chart-test-desc">Columns for each month.</desc>' in svg
        assert svg.endswith("</svg>")
        assert "style" not in svg
        assert ">2025</text>" in svg and ">2024</text>" in svg  # the legend
        assert ">Hours</text>" in svg  # the value axis


def test_a_hidden_figure_is_written_as_under_5_and_drawn_as_nothing():
    svg = str(render_chart(chart(COLUMNS)))

    assert svg.count(">&lt;5</text>") == 1
    # Drawn: 120.5 of 2025 and all three of 2024 (the missing March of 2025 is left out).
    assert len(re.findall(r"<rect [^>]*><title>", svg)) == 4
    assert "<title>2025, Jan: 120.5</title>" in svg
    assert "2025, Mar" not in svg


def test_a_line_breaks_around_a_hidden_or_missing_point():
    svg = str(render_chart(chart(LINES)))

    assert svg.count("<polyline") == 1  # 2024's line; 2025 has one point on each side only
    assert svg.count("<circle") == 1 and 'stroke-dasharray="6 4"' in svg


def test_every_text_is_escaped():
    svg = str(render_chart(chart(BARS, title="<script>x</script>", labels=["A & B", '"C"', "<D>"])))

    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "A &amp; B" in svg and "&lt;D&gt;" in svg
