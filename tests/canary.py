"""Fill a centre's schema with rows whose every text field holds a canary string.

`seed_tenant_models(prefix)` makes one row of every model of every tenant app, inside the
current schema, with text fields made from `prefix` (unique per row and field), so that a
test can look for any trace of them where they must never appear. New tenant models are
covered without touching this file; a model whose rules the generic filler cannot meet gets
an entry in OVERRIDES.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

_counter = itertools.count(1)

# model label -> function(make) returning field values that the generic filler can't guess;
# make(model) gives a row of another model.
OVERRIDES: dict[str, Callable[[Callable], dict]] = {
    # A consent belongs to exactly one person.
    "people.Consent": lambda make: {"volunteer": make(apps.get_model("people", "Volunteer"))},
    # Only a winner who agreed is published; the canary nomination is not.
    "award.Nomination": lambda make: {"published_at": None},
    # A report is of a year from 2000 on.
    "annual_report.AnnualReport": lambda make: {"year": timezone.localdate().year - 1},
    # A logo's type is one of the checked image types, and only with a logo.
    "centre_home.CentreProfile": lambda make: {"logo_content_type": ""},
    # Opening hours close after they open.
    "centre_home.OpeningHours": lambda make: {
        "opens": datetime.time(10, 0),
        "closes": datetime.time(14, 0),
    },
    # An event ends after it starts; a registration holds 1 to 20 places.
    "events.Event": lambda make: {"ends_at": timezone.now() + datetime.timedelta(hours=2)},
    "events.Registration": lambda make: {"places": 1},
}


def tenant_models() -> list[type[models.Model]]:
    names = {a for a in settings.TENANT_APPS if not a.startswith("django.")}
    return [
        model
        for config in apps.get_app_configs()
        if config.name in names
        for model in config.get_models()
        if not model._meta.abstract and not model._meta.proxy and model._meta.managed
    ]


def _value(field: models.Field, prefix: str):
    n = next(_counter)
    text = f"{prefix}{n}"
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"{text.lower()}@canary.example"
    if isinstance(field, models.SlugField):
        return text.lower().replace("_", "-")[: field.max_length]
    if isinstance(field, models.URLField):
        return f"https://{text.lower()}.example/"
    if isinstance(field, (models.CharField, models.TextField)):
        return text[: field.max_length] if field.max_length else text
    if isinstance(field, models.BooleanField):
        return field.default if field.has_default() else True
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return n % 30 + 1
    if isinstance(field, models.DecimalField):
        return Decimal("1.00")
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        # "renew by", "last date", "ended" … come after "seen on", "first date", "started".
        later = any(word in field.name for word in ("renew", "last", "end", "withdrawn"))
        return timezone.localdate() + datetime.timedelta(days=365 if later else 0)
    if isinstance(field, models.TimeField):
        return datetime.time(12, 0) if "end" in field.name else datetime.time(10, 0)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(hours=1)
    if isinstance(field, models.JSONField):
        return {"note": text}
    return None


def make_row(model: type[models.Model], prefix: str, made: dict) -> models.Model:
    if model in made:
        return made[model]
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False):
            continue
        if field.is_relation:
            if field.null:
                continue
            values[field.name] = make_row(field.related_model, prefix, made)
            continue
        value = _value(field, prefix)
        if value is not None:
            values[field.name] = value
    override = OVERRIDES.get(model._meta.label)
    if override:
        values.update(override(lambda other: make_row(other, prefix, made)))
    instance = model.objects.create(**values)
    made[model] = instance
    return instance


def seed_tenant_models(prefix: str) -> list[models.Model]:
    """One row of every tenant model in the current schema; returns them."""
    made: dict = {}
    for model in tenant_models():
        make_row(model, prefix, made)
    return list(made.values())
