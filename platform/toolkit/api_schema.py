"""The API's schema (drf-spectacular) and the serializer fields that document themselves.

- `ApiAutoSchema`       drf-spectacular's schema plus the error responses every operation
                        can give (400/401/403/404/413/415/429), lists paginated on GET only
- `local_time_schema`   postprocessing hook: times are local wall-clock times ("18:00:00")
                        in the centre's time zone, never with an offset
- `LocalTimeField`      a serializer time field that refuses an offset instead of dropping it
- `BlankableEmailField` an e-mail address that may be empty, documented so
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
LOCAL_TIME_DESCRIPTION = (
    "A local time of day (HH:MM or HH:MM:SS) in the centre's time zone, without an offset."
)
_OFFSET = re.compile(r"(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$")


@extend_schema_field({"type": "string", "pattern": TIME_PATTERN, "example": "18:00:00"})
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the centre's time zone. A value with an offset or "Z" is refused
    (Django's parser would silently drop it), so no one's 18:00+02:00 becomes 18:00 here."""

    default_error_messages = {
        "offset": gettext_lazy(
            "Give the local time without a time zone (for example 18:00); times are in the "
            "centre's own time zone."
        )
    }

    def to_internal_value(self, value):
        if isinstance(value, str) and _OFFSET.search(value.strip()):
            self.fail("offset")
        return super().to_internal_value(value)


@extend_schema_field(
    {
        "type": "string",
        "anyOf": [{"format": "email"}, {"maxLength": 0}],
        "description": "An e-mail address, or empty when none is known.",
    }
)
class BlankableEmailField(serializers.CharField):
    """An e-mail address in a response, where a person may have none (empty string)."""


# --- Schema -------------------------------------------------------------------------------

_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_VALIDATION = {
    "type": "object",
    "description": (
        "Field name (or `non_field_errors`, or `detail` for unreadable input) → the messages "
        "about it, in the reader's language; nested inputs nest the same way."
    ),
    "additionalProperties": True,
}
ERROR_RESPONSES = {
    "400": ("The input was not valid.", _VALIDATION),
    "401": ("Not signed in, or the token is not valid on this centre.", _DETAIL),
    "403": ("Your role may not do this.", _DETAIL),
    "404": ("There is no such thing here, or it is not yours to see.", _DETAIL),
    "429": ("Too many requests: wait the seconds Retry-After says.", _DETAIL),
}
BODY_ERROR_RESPONSES = {
    "413": ("The request body is too large.", _DETAIL),
    "415": ("The request body is in a format the API does not read.", _DETAIL),
}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, with the error responses the API gives documented."""

    def _get_paginator(self):
        # DRF's generic views paginate list() only, which answers GET.
        return super()._get_paginator() if self.method == "GET" else None

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(ERROR_RESPONSES)
        if self.method in {"POST", "PUT", "PATCH"}:
            errors.update(BODY_ERROR_RESPONSES)
        for code, (description, schema) in errors.items():
            if code in responses:
                continue
            response = {
                "description": description,
                "content": {"application/json": {"schema": schema}},
            }
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Seconds to wait before the next request.",
                    }
                }
            responses[code] = response
        return responses


def local_time_schema(result, generator, request, public):
    """Postprocessing hook: every `format: time` is a local time without offset (RFC 3339's
    "time" requires one), described as such."""
    pending = [result]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if node.get("type") == "string" and node.get("format") == "time":
                del node["format"]
                node["pattern"] = TIME_PATTERN
                node.setdefault("description", LOCAL_TIME_DESCRIPTION)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return result
