"""Small server-rendered SVG charts: columns, horizontal bars and lines, with axes and labels.

Each chart is an image with a text alternative (role="img", <title> and <desc>); the page
shows the same figures in a table beside it. Only SVG presentation attributes are used
(no style attribute), because the Content-Security-Policy forbids inline styles. A value
of HIDDEN is a hidden figure: no bar or point is drawn, and "<5" is written instead; a value
of None is a figure not computed yet (nothing is drawn).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from shared_apps.dashboard.numbers import number_text
from shared_apps.statistics.suppression import SUPPRESSED_LABEL

COLUMNS = "columns"
BARS = "bars"
LINES = "lines"

# Dark blue and burnt orange: both ≥ 4.5:1 against white, and told apart by more than colour
# (the second line is dashed with square markers; the legend names each series).
COLOURS = ("#0b5c8a", "#a04b00", "#2e6b30", "#6b3fa0")
DASHES = ("", "6 4", "2 3", "8 3 2 3")
INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#d6dde3"
FONT_SIZE = 12

Number = Decimal | int | float


class _Hidden:
    """A figure hidden to protect people (shown as "<5")."""

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN = _Hidden()


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | _Hidden | None]


@dataclass(frozen=True)
class Chart:
    kind: str  # COLUMNS, BARS or LINES
    slug: str  # unique on the page: ids of the title and description
    title: str
    description: str
    labels: Sequence[str]
    series: Sequence[Series]
    unit: str = ""  # the value axis' label


def _format(value: Number) -> str:
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return number_text(value)


def nice_ticks(maximum: Number, *, count: int = 5) -> list[Number]:
    """0 and round steps (1, 2 or 5 × 10ⁿ) up to at least `maximum`."""
    maximum = float(maximum or 0)
    if maximum <= 0:
        return [0, 1]
    raw_step = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    if step >= 1:
        step = int(step)
    steps = math.ceil(maximum / step - 1e-9)
    if isinstance(step, int):
        return [index * step for index in range(steps + 1)]
    return [float(f"{index * step:.10g}") for index in range(steps + 1)]


def _values(chart: Chart) -> list[float]:
    return [float(v) for s in chart.series for v in s.values if _is_number(v)]


def _is_number(value) -> bool:
    return value is not None and value is not HIDDEN


_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attribute_name(name: str) -> str:
    cached = _ATTRIBUTE_NAMES.get(name)
    if cached is None:
        cached = _ATTRIBUTE_NAMES[name] = name.replace("_", "-")
    return cached


def _attributes(**attributes) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None or value == "":
            continue
        if isinstance(value, float):
            text = f"{value:.1f}"
        elif isinstance(value, int):
            text = str(value)
        else:
            text = escape(value)
        parts.append(f'{_attribute_name(name)}="{text}"')
    return " ".join(parts)


def _element(tag: str, content: str = "", **attributes) -> str:
    """An SVG element; `content` is markup already escaped."""
    if content:
        return f"<{tag} {_attributes(**attributes)}>{content}</{tag}>"
    return f"<{tag} {_attributes(**attributes)}/>"


def _tooltip(series: Series, label: str, value: Number) -> str:
    return f"<title>{escape(series.name)}, {escape(label)}: {escape(_format(value))}</title>"


def _text(
    x: float, y: float, content: str, *, fill: str = INK, font_size: int = FONT_SIZE, **attributes
) -> str:
    return (
        f"<text {_attributes(x=x, y=y, font_size=font_size, fill=fill, **attributes)}>"
        f"{escape(content)}</text>"
    )


def _hidden_mark(x: float, baseline: float) -> str:
    """ "<5" just above the baseline where a hidden figure's bar or point would be."""
    return _text(x, baseline - 4, SUPPRESSED_LABEL, text_anchor="middle", fill=MUTED, font_size=10)


def _legend(chart: Chart, *, x: float, y: float) -> list[str]:
    parts = []
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        if chart.kind == LINES:
            parts.append(
                _element(
                    "line",
                    x1=x,
                    y1=y - 4,
                    x2=x + 18,
                    y2=y - 4,
                    stroke=colour,
                    stroke_width=3,
                    stroke_dasharray=DASHES[index % len(DASHES)],
                )
            )
        else:
            parts.append(_element("rect", x=x, y=y - 10, width=12, height=12, fill=colour))
        parts.append(_text(x + 24, y, series.name))
        x += 36 + 8 * len(series.name)
    return parts


def _open(chart: Chart, width: int, height: int) -> str:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" class="dashboard-chart-image" '
        'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        width,
        height,
        chart.slug,
        chart.slug,
        chart.slug,
        chart.title,
        chart.slug,
        chart.description,
    )


def _vertical(chart: Chart) -> str:
    """Columns or lines over categories along the x axis."""
    width, height = 640, 300
    left, right, top, bottom = 70, 16, 36, 48
    plot_width, plot_height = width - left - right, height - top - bottom
    ticks = nice_ticks(max(_values(chart), default=0))
    top_value = float(ticks[-1]) or 1.0

    def y_of(value: float) -> float:
        return top + plot_height - plot_height * value / top_value

    parts = [_open(chart, width, height)]
    parts += _legend(chart, x=left, y=18)
    for tick in ticks:
        y = y_of(float(tick))
        parts.append(
            _element("line", x1=left, y1=y, x2=width - right, y2=y, stroke=GRID, stroke_width=1)
        )
        parts.append(_text(left - 6, y + 4, _format(tick), text_anchor="end"))
    if chart.unit:
        parts.append(
            _text(
                14,
                top + plot_height / 2,
                chart.unit,
                text_anchor="middle",
                transform=f"rotate(-90 14 {top + plot_height / 2:.1f})",
            )
        )
    count = max(len(chart.labels), 1)
    slot = plot_width / count
    # Every label if they fit, else every second or third.
    longest = max((len(label) for label in chart.labels), default=1)
    label_every = max(1, math.ceil(count * longest * 7 / plot_width / 1.6))
    for index, label in enumerate(chart.labels):
        if index % label_every == 0:
            parts.append(
                _text(
                    left + slot * (index + 0.5), height - bottom + 18, label, text_anchor="middle"
                )
            )
    series_count = max(len(chart.series), 1)
    if chart.kind == COLUMNS:
        group = slot * 0.8
        bar = group / series_count
        for s_index, series in enumerate(chart.series):
            colour = COLOURS[s_index % len(COLOURS)]
            for index, value in enumerate(series.values):
                x = left + slot * index + slot * 0.1 + bar * s_index
                if value is None:
                    continue
                if value is HIDDEN:
                    parts.append(_hidden_mark(x + bar / 2, y_of(0)))
                    continue
                y = y_of(float(value))
                parts.append(
                    _element(
                        "rect",
                        _tooltip(series, chart.labels[index], value),
                        x=x,
                        y=y,
                        width=max(bar - 2, 1),
                        height=max(y_of(0) - y, 0),
                        fill=colour,
                    )
                )
    else:
        for s_index, series in enumerate(chart.series):
            colour = COLOURS[s_index % len(COLOURS)]
            segments: list[list[tuple[float, float]]] = [[]]
            for index, value in enumerate(series.values):
                x = left + slot * (index + 0.5)
                if value is None:
                    segments.append([])
                    continue
                if value is HIDDEN:
                    segments.append([])
                    parts.append(_hidden_mark(x, y_of(0)))
                    continue
                point = (x, y_of(float(value)))
                segments[-1].append(point)
                marker_title = _tooltip(series, chart.labels[index], value)
                if s_index % 2:
                    parts.append(
                        _element(
                            "rect",
                            marker_title,
                            x=point[0] - 4,
                            y=point[1] - 4,
                            width=8,
                            height=8,
                            fill=colour,
                        )
                    )
                else:
                    parts.append(
                        _element("circle", marker_title, cx=point[0], cy=point[1], r=4, fill=colour)
                    )
            for segment in segments:
                if len(segment) > 1:
                    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                    parts.append(
                        _element(
                            "polyline",
                            points=points,
                            fill="none",
                            stroke=colour,
                            stroke_width=2.5,
                            stroke_dasharray=DASHES[s_index % len(DASHES)],
                        )
                    )
    parts.append(
        _element(
            "line", x1=left, y1=y_of(0), x2=width - right, y2=y_of(0), stroke=INK, stroke_width=1
        )
    )
    parts.append("</svg>")
    return "".join(parts)


def _horizontal(chart: Chart) -> str:
    """Bars to the right, one group per label: fits long names such as counties or categories."""
    series_count = max(len(chart.series), 1)
    bar = 14
    group = bar * series_count + 10
    longest = max((len(label) for label in chart.labels), default=4)
    left = min(max(80, 7 * longest + 12), 260)
    right, top, bottom = 60, 36, 36
    width = 640
    plot_width = width - left - right
    height = top + group * max(len(chart.labels), 1) + bottom
    ticks = nice_ticks(max(_values(chart), default=0))
    top_value = float(ticks[-1]) or 1.0

    def x_of(value: float) -> float:
        return left + plot_width * value / top_value

    parts = [_open(chart, width, height)]
    parts += _legend(chart, x=left, y=18)
    plot_bottom = top + group * max(len(chart.labels), 1)
    for tick in ticks:
        x = x_of(float(tick))
        parts.append(
            _element("line", x1=x, y1=top, x2=x, y2=plot_bottom, stroke=GRID, stroke_width=1)
        )
        parts.append(_text(x, plot_bottom + 16, _format(tick), text_anchor="middle"))
    if chart.unit:
        parts.append(
            _text(left + plot_width / 2, plot_bottom + 32, chart.unit, text_anchor="middle")
        )
    for index, label in enumerate(chart.labels):
        y0 = top + group * index + 5
        shortened = label if len(label) <= 36 else label[:35] + "…"
        parts.append(_text(left - 6, y0 + group / 2 - 1, shortened, text_anchor="end"))
        for s_index, series in enumerate(chart.series):
            colour = COLOURS[s_index % len(COLOURS)]
            value = series.values[index]
            y = y0 + bar * s_index
            if value is None:
                continue
            if value is HIDDEN:
                parts.append(
                    _text(left + 4, y + bar - 3, SUPPRESSED_LABEL, fill=MUTED, font_size=10)
                )
                continue
            end = x_of(float(value))
            parts.append(
                _element(
                    "rect",
                    _tooltip(series, label, value),
                    x=left,
                    y=y,
                    width=max(end - left, 0),
                    height=bar - 2,
                    fill=colour,
                )
            )
            parts.append(_text(end + 4, y + bar - 4, _format(value), font_size=10))
    parts.append(
        _element("line", x1=left, y1=top, x2=left, y2=plot_bottom, stroke=INK, stroke_width=1)
    )
    parts.append("</svg>")
    return "".join(parts)


def render_chart(chart: Chart) -> SafeString:
    """The chart as inline SVG markup (every text escaped)."""
    if chart.kind == BARS:
        return mark_safe(_horizontal(chart))  # built from escaped parts
    return mark_safe(_vertical(chart))  # built from escaped parts
