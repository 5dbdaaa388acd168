"""Domain errors, and the one way to show them on a form (pages) or as a response (API).

A service raises `ApplicationError` (or a subclass) when a rule is broken, with a message a
person can read, translated. Pages put it on the form with `form_add_error`; the API never
catches it: `api_exception_handler` (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]) turns it
into a 400 response shaped like DRF's own validation errors (or the status the error class
names, e.g. 403 for "not allowed").
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

NON_FIELD = "non_field_errors"


class ApplicationError(Exception):
    """A rule was broken, with a message a person can read.

    `field` names the input the message is about; `errors` gives several at once
    (field → message). Subclasses may set `http_status` for the API (default 400).
    """

    http_status = 400

    def __init__(
        self,
        message: str = "",
        *,
        field: str | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> None:
        if errors:
            field, message = next(iter(errors.items()))
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors: dict[str | None, str] = dict(errors) if errors else {field: message}


def form_add_error(
    form: forms.BaseForm, error: ApplicationError, *, fields: Mapping[str, str] | None = None
) -> None:
    """Show each of the error's messages at the field it is about, else above the form.

    `fields` maps a service's field name to the form's where they differ.
    """
    for field, message in error.errors.items():
        name = (fields or {}).get(field, field) if field else None
        form.add_error(name if name in form.fields else None, message)


def api_error(error: ApplicationError) -> exceptions.APIException:
    """The DRF exception that answers for a domain error."""
    if error.http_status == 403:
        return exceptions.PermissionDenied(error.message)
    if error.http_status == 404:
        return exceptions.NotFound(error.message)
    detail = {(field or NON_FIELD): [message] for field, message in error.errors.items()}
    failure = exceptions.ValidationError(detail)
    failure.status_code = error.http_status
    return failure


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "request_too_large"


def api_exception_handler(exc, context):
    """DRF's handler, which also answers for domain errors raised by services and for a body
    above settings.DATA_UPLOAD_MAX_MEMORY_SIZE. Anything else it does not know is a bug: it
    goes on to Django (logged, reported) and `config.error_views.server_error` answers 500
    in JSON on API paths."""
    if isinstance(exc, ApplicationError):
        exc = api_error(exc)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    return exception_handler(exc, context)
