"""Secrets in addresses never reach a log or an error report.

Some addresses are keys: an invitation link, a password-reset link, a calendar feed. Django
logs the path of every 4xx/5xx answer ("Bad Request: /account/invitation/<token>/"), the
development server logs every request line, and an error report carries the request (its
path, its absolute URL, the Referer and other headers) and the local variables of each frame.

`settings.SECRET_URL_PATTERNS` lists regular expressions whose first group is kept and the
rest of the match replaced by "…". `MaskSecretUrls` is a logging filter for the loggers that
write requests (settings.LOGGING); `SecretUrlReporterFilter` is Django's exception reporter
filter (settings.DEFAULT_EXCEPTION_REPORTER_FILTER) for what error reports show.
"""

from __future__ import annotations

import copy
import logging
import re
from functools import cache

from django.conf import settings
from django.template.defaultfilters import pprint
from django.views.debug import SafeExceptionReporterFilter

MASK = "…"
# Request attributes and headers that may hold the address, or one visited before.
URL_META_KEYS = ("PATH_INFO", "REQUEST_URI", "RAW_URI", "HTTP_REFERER", "QUERY_STRING")


@cache
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in settings.SECRET_URL_PATTERNS)


def mask_secrets(text: str) -> str:
    """`text` with the secret part of every secret address in it replaced by "…"."""
    for pattern in _patterns():
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


def _masked(value):
    return mask_secrets(value) if isinstance(value, str) else value


def masked_request(request):
    """A copy of the request whose path, URL and headers show no secret (the request the
    view answered is left as it was)."""
    safe = copy.copy(request)
    # What was cut out, so that an error report can find it alone too (a view's argument).
    safe.secret_parts = getattr(request, "secret_parts", None) or _secrets_in(request.path)
    safe.path = mask_secrets(request.path)
    safe.path_info = mask_secrets(request.path_info)
    safe.META = {key: _masked(value) for key, value in request.META.items()}
    safe.get_full_path = lambda *args, **kwargs: mask_secrets(request.get_full_path())
    safe.build_absolute_uri = lambda *args, **kwargs: mask_secrets(
        request.build_absolute_uri(*args, **kwargs)
    )
    return safe


class MaskSecretUrls(logging.Filter):
    """A logging filter: the message, its arguments, the request attached to the record and
    the formatted traceback come out without secret addresses."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = mask_secrets(message), ()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            record.request = masked_request(request)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


class SecretUrlReporterFilter(SafeExceptionReporterFilter):
    """Django's error reports (e-mailed to admins, the debug page) without secret addresses,
    in the request's headers and in the variables of each frame."""

    def get_safe_request_meta(self, request):
        return {
            key: _masked(value) for key, value in super().get_safe_request_meta(request).items()
        }

    def cleanse_special_types(self, request, value):
        return _masked(super().cleanse_special_types(request, value))

    def get_traceback_frame_variables(self, request, tb_frame):
        # The secret also travels alone: a view's `token` argument, the resolver's kwargs.
        secrets = []
        if request is not None:
            secrets = getattr(request, "secret_parts", None) or _secrets_in(request.path)
        variables = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            # As the report would show it (it pprints each value), then masked.
            text = value if isinstance(value, str) else pprint(value)
            masked = mask_secrets(text)
            for secret in secrets:
                masked = masked.replace(secret, MASK)
            variables.append((name, value if masked == text else masked))
        return variables


def _secrets_in(path: str) -> list[str]:
    """The secret parts of the secret addresses in `path`."""
    return [
        match.group(0)[len(match.group(1)) :]
        for pattern in _patterns()
        for match in pattern.finditer(path)
        if len(match.group(0)) > len(match.group(1))
    ]
