"""The REST API's common parts, set once in settings.REST_FRAMEWORK (docs/adr/0012).

- `BoundedJSONParser`   JSON nested at most `JSON_DEPTH_MAX` deep, no control characters
                        in any string or key (400, never a crash); `BoundedFormParser` and
                        `BoundedMultiPartParser` refuse control characters the same way
- `ApiMetadata`         OPTIONS describes the endpoint without looking up an object
- `TokenRateThrottle`, `AddressRateThrottle`  requests per token and per address (429 with
                        Retry-After), counted in the cache under the centre's schema

The schema's parts and the serializer fields that document themselves are in
`toolkit.api_schema` (drf-spectacular imports DRF's views, which read these settings).
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.metadata import SimpleMetadata
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from toolkit.bounds import has_control_characters

JSON_DEPTH_MAX = 32


# --- Input ------------------------------------------------------------------------------


def _refuse_deep_or_control(document) -> None:
    """Walk the parsed document without recursion: depth and control characters."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, (dict, list)):
            if depth > JSON_DEPTH_MAX:
                raise ParseError(
                    _("The JSON is nested more than %(depth)s levels deep.")
                    % {"depth": JSON_DEPTH_MAX}
                )
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and has_control_characters(key):
                    raise ParseError(_("The JSON contains invisible control characters."))
                pending.append((item, depth + 1))
        elif isinstance(value, str) and has_control_characters(value):
            raise ParseError(_("The JSON contains invisible control characters."))


class BoundedJSONParser(JSONParser):
    """JSON, refused with a 400 when nested too deeply or holding control characters (NUL
    and the like, which no text of ours may contain and PostgreSQL cannot store)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("The JSON is nested more than %(depth)s levels deep.") % {"depth": JSON_DEPTH_MAX}
            ) from None
        _refuse_deep_or_control(document)
        return document


def _refuse_control_in_form(data) -> None:
    for key, values in data.lists():
        if has_control_characters(key) or any(
            isinstance(value, str) and has_control_characters(value) for value in values
        ):
            raise ParseError(_("The form data contains invisible control characters."))


class BoundedFormParser(FormParser):
    """Form-encoded bodies, refused with a 400 when they hold control characters."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _refuse_control_in_form(data)
        return data


class BoundedMultiPartParser(MultiPartParser):
    """Multipart bodies (no endpoint takes files), refused with a 400 when their fields hold
    control characters."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_control_in_form(parsed.data)
        return parsed


# --- OPTIONS ------------------------------------------------------------------------------


class ApiMetadata(SimpleMetadata):
    """OPTIONS: the endpoint's name, description and formats. DRF's own metadata also lists
    the fields of each write by instantiating the serializer for an object it looks up with
    `get_object()`, which these views do not implement (their URLs name `volunteer_id`,
    etc.): the schema at /api/v1/schema/ describes every field instead."""

    def determine_actions(self, request, view):
        return {}


# --- Throttling ---------------------------------------------------------------------------


class _CentreRateThrottle(SimpleRateThrottle):
    """A rate from settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope], read when the
    request comes (so tests can change it), counted in the default cache under a key that
    names the centre's schema."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def identity(self, request) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request, view):
        identity = self.identity(request)
        if identity is None:
            return None
        schema = getattr(connection, "schema_name", "public")
        return f"throttle:{self.scope}:{schema}:{identity}"


class TokenRateThrottle(_CentreRateThrottle):
    """Requests per API token (`scope` "token")."""

    scope = "token"

    def identity(self, request) -> str | None:
        token = getattr(request, "auth", None)
        token_id = getattr(token, "pk", None)
        return None if token_id is None else str(token_id)


class AddressRateThrottle(_CentreRateThrottle):
    """Requests per client address, signed in or not (`scope` "address"); the address is
    read as settings.REST_FRAMEWORK["NUM_PROXIES"] says."""

    scope = "address"

    def identity(self, request) -> str | None:
        return self.get_ident(request)
