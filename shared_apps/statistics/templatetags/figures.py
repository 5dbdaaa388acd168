"""Template helpers for figures: `{{ values|figure:key }}` and `{{ key|key_label }}`."""

from django import template

from shared_apps.statistics.labels import dimension_label as _dimension_label
from shared_apps.statistics.labels import key_label as _key_label

register = template.Library()


@register.filter
def figure(values: dict, key):
    """The value stored under `key` in a dict (a Shown figure, usually)."""
    return values.get(key, "")


@register.filter
def key_label(key: str) -> str:
    return _key_label(key)


@register.filter
def dimension_label(value: str) -> str:
    return _dimension_label(value)
