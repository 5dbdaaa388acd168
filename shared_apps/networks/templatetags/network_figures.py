"""How a network figure is written on a page: "<5" when hidden, else the number in the
active language's format (thousands grouped, decimals only when there are any)."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

from shared_apps.networks.contracts import SUPPRESSED_TEXT

register = template.Library()


@register.filter
def figure(value) -> str:
    """A `contracts.FigureValue` as text."""
    if value is None:
        return ""
    if value.is_suppressed:
        return SUPPRESSED_TEXT
    if value.number is None:
        return ""
    number = value.number
    places = 0
    if isinstance(number, Decimal) and number != number.to_integral_value():
        places = min(2, -number.normalize().as_tuple().exponent)
    return floatformat(number, f"{places}g")
