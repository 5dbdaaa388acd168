"""A small server-rendered bar chart for the municipality pages (SVG, no script)."""

from __future__ import annotations

from decimal import Decimal

WIDTH = 600
HEIGHT = 200
BOTTOM = 24  # room for the labels under the bars


def bar_chart(*, chart_id: str, title: str, bars: list[tuple[str, str, Decimal | int | None]]):
    """`bars` are (long label, short label, value or None when hidden); returns the context
    of portal/_bar_chart.html."""
    count = max(len(bars), 1)
    slot = WIDTH / count
    bar_width = round(slot * 0.7, 1)
    baseline = HEIGHT - BOTTOM
    highest = max((value for _l, _s, value in bars if value), default=0) or 1
    drawn = []
    for index, (label, short, value) in enumerate(bars):
        height = round(float(value or 0) / float(highest) * (baseline - 8), 1)
        x = round(index * slot + (slot - bar_width) / 2, 1)
        drawn.append(
            {
                "label": label,
                "short": short,
                "text": "–"
                if value is None
                else f"{value:g}"
                if isinstance(value, float)
                else value,
                "x": x,
                "y": round(baseline - height, 1),
                "height": height,
                "label_x": round(x + bar_width / 2, 1),
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": baseline,
        "label_y": HEIGHT - 8,
        "bar_width": bar_width,
        "bars": drawn,
    }
