"""The colours a centre may give its public site: preset pairs of background and text that
read at a contrast of at least 4.5:1 (WCAG 2.1 AA for normal text), never a free hex value,
so no centre can choose an unreadable header. Links on the page keep the site's own colours."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ColourPair:
    code: str
    label: str
    background: str
    text: str


PALETTE = (
    ColourPair("fjord", _("Fjord blue"), "#0b4f6c", "#ffffff"),
    ColourPair("forest", _("Forest green"), "#1d5e3a", "#ffffff"),
    ColourPair("heather", _("Heather purple"), "#5b2a86", "#ffffff"),
    ColourPair("berry", _("Berry red"), "#8a1538", "#ffffff"),
    ColourPair("slate", _("Slate grey"), "#2f3e46", "#ffffff"),
    ColourPair("sand", _("Sand"), "#f4e9d8", "#3b2f1e"),
    ColourPair("sky", _("Light sky"), "#e3f1fb", "#0b3954"),
)
DEFAULT_COLOURS = "fjord"
COLOUR_CHOICES = [(pair.code, pair.label) for pair in PALETTE]


def colour_pair(code: str) -> ColourPair:
    """The pair with this code, or the default pair."""
    return next((pair for pair in PALETTE if pair.code == code), PALETTE[0])


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
