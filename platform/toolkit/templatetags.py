"""The `toolkit` template tag library (settings TEMPLATES "libraries"): `{% load toolkit %}`."""

from __future__ import annotations

from django import template

from toolkit import formats
from toolkit.forms import phone_number_display

register = template.Library()


@register.filter
def weekday_date(day):
    """{{ session.date|weekday_date }} → 'onsdag 9. desember'."""
    return formats.weekday_date(day) if day else ""


@register.filter
def weekday_date_time(moment):
    """{{ entry.created_at|weekday_date_time }} → 'onsdag 9. desember kl. 18:00'."""
    return formats.weekday_date_time(moment) if moment else ""


@register.filter
def phone(stored, region="NO"):
    """{{ volunteer.phone|phone:centre.federation.country }} → '912 34 567'."""
    return phone_number_display(stored, region=region) if stored else ""
